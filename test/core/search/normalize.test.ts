import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ASCII_AND_CJK, ASCII_PUNCT, COMMON_PUNCT, HAN, MAX_QUERY_CHARS, SIMPLE, hanRuns, isHan, normalize, normalizeFull, normalizeSimple, pieces,
  prepareQuery,
} from '../../../src/core/search/normalize.js';

describe('normalize', () => {
  it.each([
    ['ＬＶＤＡＯ', 'lvdao'],
    ['１２条', '12条'],
    ['绿\u200b道\ufeff', '绿道'],
    ['“一网通办”，', '一网通办'],
    ['Data-Centres!', 'data centres'],
    ['455.92公顷', '455.92公顷'],
    ['43,000 racks', '43000 racks'],
    ['  公交\t\n线路  ', '公交 线路'],
    ['qingnian\u3000zhi jia', 'qingnian zhi jia'],
    ['\u0000\u0007', ''],
  ])('%j → %j', (input, want) => expect(normalize(input)).toBe(want));
});

describe('prepareQuery', () => {
  it('caps a huge query and reports it', () => {
    const p = prepareQuery('夜间经济'.repeat(30000)); // 120,000 characters
    expect(p.truncated).toBe(true);
    expect(Array.from(p.query)).toHaveLength(MAX_QUERY_CHARS);
  });
  it('leaves a short query alone', () => {
    expect(prepareQuery(' 公交  线路 ')).toEqual({ query: '公交 线路', truncated: false });
  });
});

describe('pieces', () => {
  it('splits scripts', () => {
    expect(pieces('公交 bus 41条')).toEqual([
      { kind: 'han', text: '公交' },
      { kind: 'latin', text: 'bus' },
      { kind: 'num', text: '41' },
      { kind: 'han', text: '条' },
    ]);
  });
});

// normalize and isHan take shortcuts around Unicode-property regexes (slow to build on first use); these prove the
// shortcuts answer as the full classes would, character by character.
describe('shortcuts around Unicode classes', () => {
  const PUNCT = /^[\p{P}\p{S}]$/u;

  it('ASCII_PUNCT matches exactly the punctuation and symbols among ASCII and CJK Unified Ideographs', () => {
    const wrong: string[] = [];
    for (const [lo, hi] of [[0, 0x7f], [0x4e00, 0x9fff]] as const) {
      for (let cp = lo; cp <= hi; cp++) {
        const c = String.fromCodePoint(cp);
        expect(ASCII_AND_CJK.test(c)).toBe(true);
        if (new RegExp(ASCII_PUNCT.source).test(c) !== PUNCT.test(c)) wrong.push(c);
      }
    }
    expect(wrong).toEqual([]);
    expect(ASCII_AND_CJK.test('数据中心，')).toBe(false); // a full-width comma takes the full class
  });

  it('NFKC leaves every character ASCII_AND_CJK takes as it is (prepareQuery skips it for such strings)', () => {
    const changed: number[] = [];
    for (const [lo, hi] of [[0, 0x7f], [0x4e00, 0x9fff]] as const) {
      for (let cp = lo; cp <= hi; cp++) if (String.fromCodePoint(cp).normalize('NFKC') !== String.fromCodePoint(cp)) changed.push(cp);
    }
    expect(changed).toEqual([]);
    // …and a string of them as a whole (no composition across characters), while the full-width form is still folded.
    expect(prepareQuery('ABC 数据中心 1,234').query).toBe('ABC 数据中心 1,234'.normalize('NFKC'));
    expect(prepareQuery('ＡＢＣ 数据中心').query).toBe('ABC 数据中心');
  });

  it('isHan agrees with \\p{Script=Han} on every code unit and on astral characters', () => {
    const wrong: number[] = [];
    for (let cu = 0; cu <= 0xffff; cu++) {
      const c = String.fromCharCode(cu);
      if (isHan(c) !== HAN().test(c)) wrong.push(cu);
    }
    for (const c of ['𠀀', '𪜀', '😀', 'a中', '中a']) expect(isHan(c), c).toBe(HAN().test(c));
    expect(wrong).toEqual([]);
  });

  it('hanRuns finds the runs the full class finds, on any mix of ASCII, CJK and other characters', () => {
    const unit = fc.constantFrom('数', '据', ' ', '\t', 'a', '1', ',', '，', '〇', '𠀀', 'é', '\u3000', '～');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (s) => {
        expect(hanRuns(s)).toEqual(s.match(/[\p{Script=Han}\s]+/gu) ?? []);
      }),
    );
  });

  it.each([
    ['数据中心', '数据中心'],
    ['Bus-routes: 12!', 'bus routes 12'],
    ['数据中心、算力', '数据中心 算力'],
    ['《淄博》—“五个更加”', '淄博 五个更加'],
    ['€5 & ¥3', '5 3'],
  ])('normalize(%s) = %s on either path', (input, out) => {
    expect(normalize(input)).toBe(out);
  });
});

// normalize takes a one-pass path for SIMPLE strings (most record fields): it must give what the full pass gives.
describe('the fast path of normalize', () => {
  it('COMMON_PUNCT is NFKC-stable punctuation, and SIMPLE strings are NFKC-stable', () => {
    for (const c of COMMON_PUNCT) {
      expect(c.normalize('NFKC')).toBe(c);
      expect(/^\p{P}$/u.test(c)).toBe(true);
      expect(SIMPLE.test(c)).toBe(true);
    }
    for (let cp = 0; cp <= 0x7f; cp++) {
      const c = String.fromCodePoint(cp);
      if (SIMPLE.test(c)) expect(c.normalize('NFKC')).toBe(c);
    }
    for (let cp = 0x4e00; cp <= 0x9fff; cp++) expect(String.fromCodePoint(cp).normalize('NFKC')).toBe(String.fromCodePoint(cp));
    for (const s of ['\u0000', '\u007f', '\u00a0', '\u3000', '，', 'Ａ', '\u200b', 'é']) expect(SIMPLE.test(s)).toBe(false);
  });

  it('agrees with the full pass on random SIMPLE strings', () => {
    const alphabet = [...'0123456789,.,.,. \t\n\r\u000b\u000caAzZ-_/%$~(){}[]`\'"!?;:@#^&*+=<>|\\数据中心淄博', ...COMMON_PUNCT];
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let t = 0; t < 20000; t++) {
      let s = '';
      const len = Math.floor(rnd() * 24);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(SIMPLE.test(s)).toBe(true);
      expect(normalizeSimple(s), JSON.stringify(s)).toBe(normalizeFull(s));
    }
  });

  it('agrees with the full pass on figures and on the bundled records', () => {
    const cases = ['43,000', '1,234,567.89', '1,2345', '12,34', '1,5', '3.14.15', '.5', '5.', ',123', 'a,123', '1,000a', '1,0000',
      '  A  B  ', '', ' ', '《数据中心》“1,200”个、2.5%', 'x'.repeat(10000) + ' 1,000'];
    for (const s of cases) expect(normalizeSimple(s), JSON.stringify(s)).toBe(normalizeFull(s));
    const facts = JSON.parse(readFileSync(new URL('../../../data/facts.json', import.meta.url), 'utf8')) as Record<string, unknown>[];
    for (const f of facts) {
      for (const v of Object.values(f)) {
        const s = Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : '';
        expect(normalize(s)).toBe(normalizeFull(s));
      }
    }
  });
});
