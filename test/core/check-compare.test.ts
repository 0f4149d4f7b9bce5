import { describe, expect, it } from 'vitest';
import { parseQuantities } from '../../src/extract/numbers.js';
import { relate, type Figure } from '../../src/core/check.js';
import { figureContext } from '../../src/core/check/grams.js';

/** A figure as the project's parser reads it (never typed by hand). */
function fig(text: string): Figure {
  const [q] = parseQuantities(text, { year: 2022 });
  expect(q, text).toBeDefined();
  return { value: q!.value, unit: q!.unit, baseUnit: q!.baseUnit, scaled: q!.scaled, qualifier: q!.qualifier, date: q!.kind === 'date' ? q!.date : null, highScaled: q!.highScaled ?? null, text: q!.text };
}
const rel = (draft: string, source: string) => relate(fig(draft), fig(source));

describe('relate: the same quantity once scaled', () => {
  it.each([
    ['11万户', '11万户'], ['110000户', '11万户'], ['52400000000元', '524亿元'], ['524.0亿元', '524亿元'],
    ['5.24万亿元', '52400亿元'], ['107170米', '107.17公里'], ['273千米', '273公里'], ['41條', '41条'], ['两批', '2批'],
  ])('%s = %s', (a, b) => expect(rel(a, b).kind).toBe('same'));

  it('a source without a unit (551万) accepts any unit of the same amount, with a note', () => {
    const r = rel('551万元', '551万');
    expect(r.kind).toBe('same');
    expect(r.note).toContain('no unit');
  });
});

describe('relate: the errors reporters make', () => {
  it.each([
    ['107.7公里', '107.17公里', 'a decimal digit dropped'],
    ['2484户', '2448户', 'digits swapped'],
    ['551亿元', '551万', 'wrong magnitude'],
    ['524万元', '524亿元', 'wrong magnitude'],
    ['19.59家', '1959家', 'decimal point misplaced'],
    ['45条', '41条', 'different figure'],
    ['2418户', '2448户', 'different figure'],
    ['27公里', '273公里', 'a digit dropped'],
  ])('%s for %s: %s', (a, b, note) => {
    const r = rel(a, b);
    expect(r.kind).toBe('differs');
    expect(r.note).toContain(note);
    expect(r.note).toContain(fig(b).text);
  });

  it('the same number in another unit is a wrong unit; other numbers in other units are not comparable', () => {
    expect(rel('41个', '41条')).toMatchObject({ kind: 'unit', note: expect.stringContaining('41条') });
    expect(rel('45个', '41条').kind).toBe('incomparable');
    expect(rel('41%', '41条').kind).toBe('unit');
  });
});

describe('relate: qualifiers', () => {
  it('a dropped hedge is consistent, with the source hedge in the note', () => {
    expect(rel('70亿元', '近70亿元')).toMatchObject({ kind: 'consistent', note: expect.stringContaining('nearly') });
    expect(rel('4.3万个', '超4.3万个')).toMatchObject({ kind: 'consistent', note: expect.stringContaining('more than') });
    expect(rel('约41条', '41条').kind).toBe('consistent');
  });

  it('a hedge in the opposite direction contradicts the source', () => {
    expect(rel('超过70亿元', '近70亿元').kind).toBe('differs');
    expect(rel('不到200次', '200余次').kind).toBe('differs');
  });

  it('same hedge in other words is the same', () => {
    expect(rel('超过4.3万个', '超4.3万个').kind).toBe('same');
    expect(rel('1400多人', '1400余人').kind).toBe('same');
  });

  it('a hedged round figure near the source, on the side its hedge allows, is consistent', () => {
    expect(rel('约107公里', '107.17公里').kind).toBe('consistent');
    expect(rel('超过40条', '41条').kind).toBe('consistent');
    expect(rel('超过4万个', '超4.3万个').kind).toBe('consistent');
    expect(rel('近110万户', '103万户').kind).toBe('consistent');
    expect(rel('超过45条', '41条').kind).toBe('differs');
    expect(rel('约80公里', '107.17公里').kind).toBe('differs');
  });

  it('ranges contain the source figure or not', () => {
    expect(rel('50亿元至600亿元', '524亿元').kind).toBe('consistent');
    expect(rel('50亿元至100亿元', '524亿元').kind).toBe('differs');
  });

  it('dates compare by day', () => {
    expect(rel('9月30日', '9月30日').kind).toBe('same');
    expect(rel('10月30日', '9月30日')).toMatchObject({ kind: 'differs', note: expect.stringContaining('9月30日') });
  });
});

describe('figureContext', () => {
  const ctx = (s: string, figure: string) => {
    const qs = parseQuantities(s);
    const q = qs.find((x) => x.text === figure)!;
    return figureContext(s, q.start, q.end, qs.map((x) => [x.start, x.end] as const));
  };

  it('is cut at the neighbouring figures, at 、 and at clause ends', () => {
    expect(ctx('调整公交线路41条,新增公交线路4条', '4条')).toMatchObject({ before: '新增公交线路', after: '' });
    expect(ctx('新建改造园林绿地455.92公顷、绿道107.17公里、廊道201.87公里', '107.17公里')).toMatchObject({ before: '绿道', after: '' });
    expect(ctx('完成2448户农村旱厕改造。', '2448户')).toMatchObject({ before: '完成', after: '农村旱厕改造' });
  });

  it('a figure alone in its clause takes the rest of the sentence', () => {
    expect(ctx('11月16日,在大会上,案例入围名单', '11月16日').before).toContain('案例入围名单');
  });
});

describe('relate: what a hedge allows (issue 12)', () => {
  it('a value outside what the qualifier allows differs', () => {
    expect(rel('71亿元', '近70亿元').kind).toBe('differs');
    expect(rel('近71亿元', '近70亿元').kind).toBe('differs');
    expect(rel('4.2万个', '超4.3万个').kind).toBe('differs');
    expect(rel('超4.2万个', '超4.3万个').kind).toBe('differs');
    expect(rel('超4.4万个', '超4.3万个').kind).toBe('differs');
  });
  it('inside what it allows, or a rounder hedged figure, is consistent with the rule in the note', () => {
    expect(rel('69亿元', '近70亿元')).toMatchObject({ kind: 'consistent', note: expect.stringContaining('inside') });
    expect(rel('4.35万个', '超4.3万个').kind).toBe('consistent');
    expect(rel('超4万个', '超4.3万个').kind).toBe('consistent');
    expect(rel('195公里', '195.3公里')).toMatchObject({ kind: 'consistent', note: expect.stringContaining('rounded') });
    expect(rel('196公里', '195.3公里').kind).toBe('differs');
  });
  it('a dropped or added hedge around the same value is consistent with a note', () => {
    expect(rel('70亿元', '近70亿元')).toMatchObject({ kind: 'consistent', note: expect.stringContaining('nearly') });
    expect(rel('超过41条', '41条')).toMatchObject({ kind: 'consistent', note: expect.stringContaining('exactly') });
  });
  it('the note names the source figure once, hedge included', () => {
    expect(rel('4.2万个', '超4.3万个').note).toContain('the source states 超4.3万个');
    expect(rel('4.2万个', '超4.3万个').note).not.toContain('超过超');
  });
});
