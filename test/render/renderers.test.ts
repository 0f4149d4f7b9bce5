import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { stripVTControlCharacters } from 'node:util';
import { renderers, type Column, type Result } from '../../src/render/index.js';
import { escapeTsv } from '../../src/render/tsv.js';
import { quoteCsv } from '../../src/render/csv.js';
import { escapeMd } from '../../src/render/md.js';
import { fitWidths } from '../../src/render/layout.js';

const col = (key: string, extra: Partial<Column> = {}): Column => ({ key, header: { en: key.toUpperCase(), zh: key }, ...extra });
const result: Result = {
  columns: [col('id'), col('text', { wrap: true }), col('n')],
  rows: [
    { id: 'a', text: 'plain', n: 1 },
    { id: 'b', text: 'has, comma and "quote"', n: null },
    { id: 'c', text: 'tab\there\nnew|line\\', n: 2.5 },
  ],
};
const ctx = { width: 80, color: false, lang: 'en' as const };

describe('cell escaping', () => {
  it.each([
    ['plain', 'plain'],
    ['a\tb', 'a\\tb'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\r\\nb'],
    ['back\\slash', 'back\\\\slash'],
  ])('tsv %j → %j', (input, want) => expect(escapeTsv(input)).toBe(want));

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['中文,逗号', '"中文,逗号"'],
  ])('csv %j → %j', (input, want) => expect(quoteCsv(input)).toBe(want));

  it.each([
    ['a|b', 'a\\|b'],
    ['a\nb', 'a<br>b'],
    ['a\\b', 'a\\\\b'],
  ])('md %j → %j', (input, want) => expect(escapeMd(input)).toBe(want));
});

describe('renderers', () => {
  it('tsv: one line per record, no header, null empty', async () => {
    expect(await renderers.tsv(result, ctx)).toBe('a\tplain\t1\nb\thas, comma and "quote"\t\nc\ttab\\there\\nnew|line\\\\\t2.5\n');
  });

  it('csv: header of field names, RFC 4180 quoting, same field count', async () => {
    const out = await renderers.csv(result, ctx);
    expect(out).toBe('id,text,n\na,plain,1\nb,"has, comma and ""quote""",\nc,"tab\there\nnew|line\\",2.5\n');
  });

  it('md: header, separator, escaped pipes', async () => {
    const out = await renderers.md(result, ctx);
    expect(out.split('\n').slice(0, 2)).toEqual(['| ID | TEXT | N |', '| --- | --- | --- |']);
    expect(out).toContain('| c | tab\there<br>new\\|line\\\\ | 2.5 |');
  });

  it('json: pretty array with exactly the columns; jsonl: one compact record per line', async () => {
    const json = await renderers.json(result, ctx);
    expect(json.startsWith('[\n  {\n    "id": "a",')).toBe(true);
    expect(JSON.parse(json)[1]).toEqual({ id: 'b', text: 'has, comma and "quote"', n: null });
    const lines = (await renderers.jsonl(result, ctx)).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!)).toEqual({ id: 'c', text: 'tab\there\nnew|line\\', n: 2.5 });
    expect(await renderers.jsonl({ columns: result.columns, rows: [] }, ctx)).toBe('');
    expect(await renderers.json({ columns: result.columns, rows: [] }, ctx)).toBe('[]\n');
  });

  it('table: no escape codes when colour is off, even under TERM=xterm', async () => {
    const old = process.env.TERM;
    process.env.TERM = 'xterm-256color';
    try {
      const out = await renderers.table(result, ctx);
      expect(out).not.toMatch(/\x1b/);
      expect(out).toContain('┌');
    } finally {
      process.env.TERM = old;
    }
  });
});

const cjk = fc.string({ unit: fc.constantFrom('公', '交', '线', '路', '，', '。', 'a', 'b', '1', ' ', '、', '”'), maxLength: 120 });

describe('table fits any width', () => {
  it('every line is at most the width, cells keep their text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cjk, cjk), { minLength: 1, maxLength: 5 }), fc.integer({ min: 20, max: 140 }), fc.boolean(), async (rows, width, color) => {
        const res: Result = {
          columns: [col('id'), col('text', { wrap: true, highlight: () => [[0, 2]] }), col('more', { wrap: true })],
          rows: rows.map(([text, more], i) => ({ id: `uc-${i}`, text, more })),
        };
        const out = await renderers.table(res, { width, color, lang: 'en' });
        for (const line of stripVTControlCharacters(out).split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(width);
        if (!color) expect(out).not.toMatch(/\x1b/);
      }),
      { numRuns: 60 },
    );
  });
});

describe('fitWidths', () => {
  it('keeps natural widths when they fit', () => {
    expect(fitWidths([{ natural: 5, min: 4, wrap: false }, { natural: 10, min: 4, wrap: true }], 20)).toEqual([5, 10]);
  });
  it('shrinks prose columns first', () => {
    expect(fitWidths([{ natural: 6, min: 4, wrap: false }, { natural: 40, min: 10, wrap: true }], 30)).toEqual([6, 24]);
  });
  it('fills the largest shortfall first', () => {
    expect(fitWidths([{ natural: 30, min: 10, wrap: true }, { natural: 20, min: 10, wrap: true }], 30)).toEqual([20, 10]);
  });
  it('null when not even the minimums fit', () => {
    expect(fitWidths([{ natural: 30, min: 10, wrap: true }, { natural: 20, min: 10, wrap: true }], 15)).toBeNull();
  });
});

// Text from a corpus is hostile: nothing in it may reach a terminal raw (only zibo's own SGR colour codes).
const HOSTILE = '\x1b[2J\x1b]52;c;aGk=\x07\u202e\x9b31m\x1b]0;t\x07\x00';
/** What is left of `out` that a terminal would act on, once zibo's own colour codes are taken out. */
const raw = (out: string) => out.replace(/\x1b\[[0-9;]*m/g, '').match(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g) ?? [];

describe('hostile text in cells', () => {
  const bad: Result = {
    columns: [col('id'), col('text', { wrap: true, highlight: () => [[0, 3]] }), col('topics'), col('n', { emphasis: true })],
    rows: [{ id: `uc-1${HOSTILE}`, text: `调整${HOSTILE}线路\t41条\n`, topics: ['公交', `坏${HOSTILE}`], n: `41${HOSTILE}` }],
  };
  it.each(['table', 'tsv', 'md', 'csv'] as const)('%s: every control shown as an escape', async (format) => {
    for (const color of [false, true]) {
      const out = await renderers[format](bad, { width: 60, color, lang: 'en' });
      expect(raw(out), format).toEqual([]);
      expect(out).toContain('\\x1b[2J');
      expect(out).toContain('\\u202e');
    }
  });
  it('tsv: a record stays one line, tabs and newlines escaped as \\t \\n', async () => {
    const out = await renderers.tsv(bad, ctx);
    expect(out.split('\n')).toHaveLength(2);
    expect(out.split('\t')).toHaveLength(4);
    expect(out).toContain('线路\\t41条\\n');
  });
  it('json stays exact (JSON.stringify escapes the controls itself)', async () => {
    const out = await renderers.json(bad, ctx);
    expect(JSON.parse(out)[0].text).toBe(bad.rows[0]!.text);
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
  });
});

describe('table: columns left out to fit', () => {
  const wide: Result = {
    columns: [col('id'), col('a'), col('b', { priority: 1 }), col('c')],
    rows: [{ id: 'uc-1', a: 'aaaaaaaaaaaa', b: 'bbbbbbbbbbbb', c: 'cccccccccccc' }],
  };
  it('lowest priority first, rightmost among equals; told once with the headers', async () => {
    const told: string[][] = [];
    const out = await renderers.table(wide, { ...ctx, width: 36, dropped: (h) => told.push(h) });
    expect(told).toEqual([['A', 'C']]); // in column order
    expect(out).toContain('bbbbbbbbbbbb');
    expect(out).not.toContain('aaaa');
    for (const line of out.trimEnd().split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(36);
  });
  it('nothing told when everything fits', async () => {
    const told: string[][] = [];
    await renderers.table(wide, { ...ctx, width: 80, dropped: (h) => told.push(h) });
    expect(told).toEqual([]);
  });
  it('a value never broken: the column goes rather than the id', async () => {
    const told: string[][] = [];
    const out = await renderers.table({ columns: [col('id'), col('release')], rows: [{ id: 'x', release: 'uc-2022-12-08' }] }, { ...ctx, width: 16, dropped: (h) => told.push(h) });
    expect(told).toEqual([['RELEASE']]);
    expect(out).not.toContain('uc-2022');
  });
});
