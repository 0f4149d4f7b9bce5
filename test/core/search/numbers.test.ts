import { describe, expect, it } from 'vitest';
import { extractNumbers, matchNumber } from '../../../src/core/search/numbers.js';
import type { Fact } from '../../../src/core/types.js';

const units = ['公里', '万户', '户', '条', '亿元', '元', '个', '万个'];

describe('extractNumbers', () => {
  it.each([
    ['1959', [{ value: 1959, magnitude: 1, unit: null }], ''],
    ['455.92', [{ value: 455.92, magnitude: 1, unit: null }], ''],
    ['103万', [{ value: 103, magnitude: 1e4, unit: null }], ''],
    ['524亿元', [{ value: 524, magnitude: 1e8, unit: '元' }], ''],
    ['195.3公里', [{ value: 195.3, magnitude: 1, unit: '公里' }], ''],
    ['调整公交线路41条', [{ value: 41, magnitude: 1, unit: '条' }], '调整公交线路'],
    ['1.03 million', [{ value: 1.03, magnitude: 1e6, unit: null }], ''],
    ['27 km', [{ value: 27, magnitude: 1, unit: '公里' }], ''],
    ['公交', [], '公交'],
  ] as const)('%s', (q, want, rest) => {
    const r = extractNumbers(q, units);
    expect(r.numbers.map(({ value, magnitude, unit }) => ({ value, magnitude, unit }))).toEqual(want);
    expect(r.rest).toBe(rest);
  });
});

const fact = (value: number | null, unit: string | null, scaled: number | null, baseUnit: string | null, text = ''): Fact =>
  ({ value, unit, scaled, baseUnit, text, sentence: text, figure: value === null ? null : `${value}${unit}` }) as Fact;

describe('matchNumber', () => {
  const hoses = fact(103, '万户', 1030000, '户', '全市更换天然气金属软管设施103万户');
  const q = (s: string) => extractNumbers(s, units).numbers[0]!;
  it('value with its own magnitude, scaled value, or the scaled figure typed out', () => {
    expect(matchNumber(hoses, q('103万'))?.score).toBe(1);
    expect(matchNumber(hoses, q('103'))?.score).toBe(1);
    expect(matchNumber(hoses, q('1030000'))?.score).toBeGreaterThan(0.8);
    expect(matchNumber(hoses, q('1.03 million'))?.score).toBe(1);
  });
  it('a wrong magnitude or another number does not match the figure', () => {
    expect(matchNumber(hoses, q('103亿'))?.score ?? 0).toBeLessThan(1);
    expect(matchNumber(hoses, q('10'))).toBeNull();
  });
  it('a number only in the text counts less; 27 is not found inside 273', () => {
    expect(matchNumber(fact(273, '公里', 273, '公里', '新改建农村公路273公里'), q('27'))).toBeNull();
    expect(matchNumber(fact(null, null, null, null, '济高高速9月30日建成通车'), q('30'))?.score).toBeLessThan(1);
  });
  it('a rounded figure matches the precise one, below an exact match: 195 for 195.3公里, 4万 for 4.3万个', () => {
    const pipes = fact(195.3, '公里', 195.3, '公里', '完成城市雨污合流管网改造195.3公里');
    const racks = fact(4.3, '万个', 43000, '个', '标准机架总数超4.3万个');
    for (const [f, s] of [[pipes, '195'], [pipes, '195公里'], [racks, '4万'], [racks, '4万个']] as const) {
      const m = matchNumber(f, q(s));
      expect(m?.score, s).toBeGreaterThan(0.4);
      expect(m!.score, s).toBeLessThan(1);
      expect(m!.how).toContain('rounded');
    }
    expect(matchNumber(pipes, q('196.3'))).toBeNull();
    expect(matchNumber(pipes, q('19'))).toBeNull();
    expect(matchNumber(fact(41, '条', 41, '条'), q('41.5'))).toBeNull();
  });
});
