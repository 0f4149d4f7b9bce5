import { describe, expect, it } from 'vitest';
import { dateMatches, extractDates } from '../../../src/core/search/dates.js';
import { loadCorpus } from '../../../src/core/corpus.js';
import { createSearchEngine } from '../../../src/core/search/index.js';

describe('dates in a query', () => {
  it.each([
    ['9月30日', null, 9, 30, ''],
    ['2022-09-30', 2022, 9, 30, ''],
    ['2022/9/30', 2022, 9, 30, ''],
    ['2022年9月30日通车', 2022, 9, 30, '通车'],
    ['11月16号 入围', null, 11, 16, '入围'],
    ['30 september', null, 9, 30, ''],
    ['sep 30th, 2022', 2022, 9, 30, ''],
    ['8 december greenway', null, 12, 8, 'greenway'],
    ['12月', null, 12, null, ''],
    ['九月三十日', null, 9, 30, ''],
    ['十一月十六号入围', null, 11, 16, '入围'],
  ])('%s', (q, year, month, day, rest) => {
    const r = extractDates(q);
    expect(r.dates.map(({ year, month, day }) => ({ year, month, day }))).toEqual([{ year, month, day }]);
    expect(r.rest).toBe(rest);
  });
  it('leaves numbers that are not dates', () => {
    expect(extractDates('一网通办').rest).toBe('一网通办');
    expect(extractDates('455.92公顷 59项')).toEqual({ dates: [], rest: '455.92公顷 59项' });
    expect(extractDates('13月40日').dates).toEqual([]);
  });
  it('matches an ISO date by the parts given', () => {
    expect(dateMatches('2022-09-30', { raw: '', year: null, month: 9, day: 30 })).toBe(true);
    expect(dateMatches('2022-09-30', { raw: '', year: 2021, month: 9, day: 30 })).toBe(false);
    expect(dateMatches('2022-09-30', { raw: '', year: null, month: 9, day: null })).toBe(true);
    expect(dateMatches(null, { raw: '', year: null, month: 9, day: 30 })).toBe(false);
  });
});

describe('dates in search', () => {
  const engine = createSearchEngine(loadCorpus());
  const top = (q: string) => engine.search(q, { limit: 5 }).map((h) => h.fact.id);
  it('a date a fact states finds it, in every form', () => {
    for (const q of ['9月30日', '2022-09-30', '30 September', 'September 30']) expect(top(q)[0], q).toBe('uc-013');
    for (const q of ['11月16日', '2022-11-16', '16 November']) expect(top(q).slice(0, 3).sort(), q).toEqual(['dg-001', 'dg-002', 'dg-003']);
  });
  it('a date is not read as numbers (2022-12-08 is not the value 8, 9月 is not 59项)', () => {
    const hits = engine.search('2022-12-08', { limit: 3 });
    expect(hits.length).toBe(3);
    expect(hits[0]!.explain.join('\n')).toMatch(/date: 2022-12-08 = 2022-12-08 \(date of the release\)/);
    expect(hits[0]!.explain.join('\n')).not.toMatch(/number/);
  });
  it('the release date narrows a topic query to nothing less than the topic', () => {
    expect(top('2022-12-08 公交').slice(0, 3).sort()).toEqual(['uc-017', 'uc-018', 'uc-019']);
  });
});
