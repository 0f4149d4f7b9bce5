// Property tests: the parser never throws, offsets always point at `text`, scaled is value × magnitude.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber, parseQuantities } from '../../src/extract/numbers.js';
import { extractQuantities } from '../../src/extract/quantities.js';

const PIECES = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ',', '，', '１', '２', '％', '%', ' ', '\n', '。', '；', '、',
  '一', '二', '两', '兩', '三', '五', '十', '百', '千', '万', '萬', '亿', '億', '零', '点', '分之', '百分之',
  '个', '個', '条', '项', '户', '公里', '亿元', '万人次', '人次', '立方', '年', '月', '日', '号', '批', '级', '大', '次', '届',
  '余', '餘', '多', '超', '超过', '近', '约', '約', '左右', '以上', '以下', '不到', '不足', '达', '第', '首',
  '至', '到', '-', '—', '～', '/', '+', ':', '“', '”', '《', '》', '"', 'T', 'G', 'km', 'kg', '全会', '医院',
];
const newsLike = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), newsLike);

function checkInvariants(input: string) {
  for (const q of parseQuantities(input, { year: 2022 })) {
    expect(input.slice(q.start, q.end)).toBe(q.text);
    expect(q.end).toBeGreaterThan(q.start);
    if (q.value !== null && q.scaled !== null) {
      const product = q.value * q.magnitude;
      expect(Math.abs(q.scaled - product)).toBeLessThanOrEqual(Math.abs(product) * 1e-12);
    }
    if (q.kind === 'date') expect(q.value).toBeNull();
    else expect(Number.isFinite(q.value)).toBe(true);
  }
}

describe('parser properties', () => {
  it('never throws, and offsets and scaled hold, on arbitrary strings', () => {
    fc.assert(fc.property(anyText, (s) => checkInvariants(s)), { numRuns: 1500 });
  });

  it('never throws, and offsets and scaled hold, on strings built from numerals, units and qualifiers', () => {
    fc.assert(fc.property(newsLike, (s) => checkInvariants(s)), { numRuns: 3000 });
  });

  it('quantities are in order and do not overlap', () => {
    fc.assert(
      fc.property(newsLike, (s) => {
        const qs = parseQuantities(s, { year: 2022 });
        for (let i = 1; i < qs.length; i++) expect(qs[i]!.start).toBeGreaterThanOrEqual(qs[i - 1]!.end);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads back any written decimal with its magnitude exactly', () => {
    const mags: Array<[string, number]> = [['', 1], ['万', 1e4], ['亿', 1e8], ['萬', 1e4], ['億', 1e8]];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999999 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(...mags), fc.constantFrom('个', '户', '元', '公里'), (int, frac, [mag, m], unit) => {
        const written = frac ? `${int}.${String(frac).padStart(2, '0')}` : String(int);
        const [q] = parseQuantities(`共完成${written}${mag}${unit}，`);
        expect(q).toBeDefined();
        expect(q!.value).toBe(Number(written));
        expect(q!.unit).toBe(mag + unit);
        expect(q!.scaled).toBe(Number(`${written}e${Math.log10(m)}`));
      }),
      { numRuns: 500 },
    );
  });

  it('parseNumber and extractQuantities never throw', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        parseNumber(s);
        for (const q of extractQuantities(s)) expect(s.slice(...q.offset)).toBe(q.text);
      }),
      { numRuns: 1000 },
    );
  });

  it('survives non-string input and very long input', () => {
    expect(parseQuantities(undefined as unknown as string)).toEqual([]);
    expect(parseNumber(null as unknown as string)).toBeNull();
    expect(extractQuantities(42 as unknown as string)).toEqual([]);
    const long = '新增公交线路41条，'.repeat(20000);
    expect(parseQuantities(long)).toHaveLength(20000);
  });
});
