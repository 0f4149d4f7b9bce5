import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, normalize, pieces, prepareQuery } from '../../../src/core/search/normalize.js';

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
