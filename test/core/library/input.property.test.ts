import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidUtf8At } from '../../../src/core/library/input.js';
import { parseFrontMatter, META_KEYS } from '../../../src/extract/release-file.js';

const fatal = new TextDecoder('utf-8', { fatal: true });
const decodes = (b: Uint8Array) => {
  try {
    fatal.decode(b);
    return true;
  } catch {
    return false;
  }
};

describe('invalidUtf8At agrees with the WHATWG decoder', () => {
  // Bytes biased towards UTF-8 lead and continuation bytes, so that near-valid sequences are common.
  const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }));
  const bytes = fc.array(byte, { maxLength: 24 }).map((a) => Uint8Array.from(a));
  const text = fc.string({ unit: 'binary', maxLength: 30 }).map((s) => new TextEncoder().encode(s));

  it('valid exactly when the decoder accepts; the bytes before the offset decode', () => {
    fc.assert(fc.property(fc.oneof(bytes, text), (b) => {
      const at = invalidUtf8At(b);
      expect(at === -1).toBe(decodes(b));
      if (at >= 0) expect(decodes(b.subarray(0, at))).toBe(true);
    }));
  });
});

describe('front matter round trip', () => {
  it('any values written as key: value lines read back as written (trimmed)', () => {
    const value = fc.string({ maxLength: 20 }).filter((s) => !/[\r\n]/.test(s));
    const fields = fc.dictionary(fc.constantFrom(...META_KEYS), value);
    fc.assert(fc.property(fields, fc.string({ maxLength: 40 }), (f, body) => {
      const head = Object.entries(f).map(([k, v]) => `${k}: ${v}`).join('\n');
      const fm = parseFrontMatter(`---\n${head}${head ? '\n' : ''}---\n${body}`);
      const unquote = (v: string) => (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0] ? v.slice(1, -1) : v);
      expect(fm.fields).toEqual(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, unquote(v.trim())])));
      expect(fm.body).toBe(body);
    }));
  });
});
