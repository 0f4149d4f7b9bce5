// The record scanner: the byte ranges it finds are exactly the records JSON.parse finds, whatever the pieces the
// bytes come in; anything it does not follow, it refuses (the caller then parses the whole file).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RecordScanner } from '../../../src/core/index/json-scan.js';

/** Scans `text` fed in pieces of the given sizes (cycled); the records as parsed from their ranges, or the failure. */
function scan(text: string | Buffer, pieces: number[] = [Infinity]): { records: unknown[]; object: boolean } | string {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const s = new RecordScanner();
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const n = Math.min(bytes.length - at, pieces[k % pieces.length]!);
    // Each piece in a buffer of its own that holds the file from the piece's start, as a reader may hand it over.
    if (!s.feed(bytes.subarray(0, at + n), 0, at, at + n)) return s.failed!;
    at += n;
  }
  if (!s.done) return s.failed ?? 'not done';
  return { records: s.starts.map((st, i) => JSON.parse(bytes.toString('utf8', st, s.ends[i]))), object: s.objectForm };
}

describe('record scanner', () => {
  const ok: Array<[string, string, unknown[]]> = [
    ['an array of objects', '[{"a":1},{"b":"x"}]', [{ a: 1 }, { b: 'x' }]],
    ['white space everywhere', ' \n[ {"a" : [1, {"b": 2}]} ,\t{ }\r\n] \n', [{ a: [1, { b: 2 }] }, {}]],
    ['brackets and quotes inside strings', '[{"t":"}]{[\\"x\\\\"}, {"u":"\\\\"}]', [{ t: '}]{["x\\' }, { u: '\\' }]],
    ['an empty array', '[]', []],
    ['Chinese text and escapes', '[{"text":"淄博\\u4e2d\\n“公交”"}]', [{ text: '淄博中\n“公交”' }]],
    ['a byte order mark', '\ufeff[{"a":1}]', [{ a: 1 }]],
    ['the object form', '{"releases":[{"id":"r"}],"facts":[{"a":1},{"a":2}],"n":3,"s":"x"}', [{ a: 1 }, { a: 2 }]],
    ['the object form, facts first', '{"facts":[{"a":1}],"releases":[]}', [{ a: 1 }]],
  ];
  for (const [what, text, want] of ok) {
    it(`finds the records: ${what}`, () => {
      const got = scan(text);
      expect(got).toEqual({ records: want, object: text.trimStart().replace(/^\ufeff/, '').startsWith('{') });
      // Byte by byte, and in pieces of 2 and 3, the same.
      expect(scan(text, [1])).toEqual(got);
      expect(scan(text, [2, 3])).toEqual(got);
    });
  }

  const refused: Array<[string, string, string]> = [
    ['a trailing comma', '[{"a":1},]', 'a record is not an object'],
    ['a leading comma', '[,{"a":1}]', 'a record is not an object'],
    ['an element that is not an object', '[{"a":1},2]', 'a record is not an object'],
    ['text after the end', '[{"a":1}] x', 'text after the end of the value'],
    ['two values', '[][]', 'text after the end of the value'],
    ['a scalar file', '"x"', 'the file is not an array or an object'],
    ['an empty file', '', 'not done'],
    ['an unclosed array', '[{"a":1}', 'not done'],
    ['an unclosed string', '[{"a":"x}]', 'not done'],
    ['two "facts" keys', '{"facts":[{"a":1}],"facts":[]}', 'more than one "facts" key'],
    ['an escaped key at the top level', '{"f\\u0061cts":[{"a":1}]}', 'an escaped key in the top-level object'],
    ['a trailing comma in the object', '{"facts":[],}', 'unexpected byte in the top-level object'],
  ];
  for (const [what, text, why] of refused) {
    it(`refuses ${what}`, () => {
      expect(scan(text)).toBe(why);
      expect(scan(text, [1])).toBe(why);
    });
  }

  it('refuses nesting past its depth bound without recursion', () => {
    expect(scan(`[{"a":${'['.repeat(5000)}${']'.repeat(5000)}}]`)).toBe('nested too deeply');
  });

  it('an escape split between pieces is followed', () => {
    // The backslash ends one piece, the escaped quote starts the next.
    const text = '[{"a":"x\\"y"}]';
    const cut = text.indexOf('\\') + 1;
    expect(scan(text, [cut, 100])).toEqual({ records: [{ a: 'x"y' }], object: false });
    const twice = '[{"a":"x\\\\"},{"b":1}]'; // an escaped backslash, then the closing quote
    expect(scan(twice, [twice.indexOf('\\') + 1, 1, 100])).toEqual({ records: [{ a: 'x\\' }, { b: 1 }], object: false });
  });

  it('finds exactly the records JSON.parse finds (random records, random white space, random pieces)', () => {
    const key = fc.string({ maxLength: 6 });
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.integer(), fc.constant(null), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }), fc.dictionary(key, fc.string({ maxLength: 4 }), { maxKeys: 2 }));
    const record = fc.dictionary(key, value, { maxKeys: 5 });
    const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n ');
    fc.assert(
      fc.property(fc.array(fc.tuple(record, space, space), { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }), (items, pieces) => {
        const text = `[${items.map(([r, a, b]) => a + JSON.stringify(r) + b).join(',')}]`;
        const want = JSON.parse(text) as unknown[];
        expect(scan(text, pieces)).toEqual({ records: want, object: false });
      }),
      { numRuns: 300 },
    );
  });
});
