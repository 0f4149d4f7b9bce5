import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ASCII_AND_CJK, ASCII_PUNCT, HAN, MAX_QUERY_CHARS, hanRuns, isHan, normalize, pieces, prepareQuery } from '../../../src/core/search/normalize.js';

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
