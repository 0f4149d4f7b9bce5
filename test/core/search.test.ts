import { describe, expect, it } from 'vitest';
import { createSearchEngine, prepareQuery, MAX_QUERY_CHARS } from '../../src/core/search.js';
import { fixture } from '../helpers/cli.js';

const corpus = fixture();
const engine = createSearchEngine(corpus);
const top = (q: string, limit = 5) => engine.search(q, { limit }).map((h) => h.fact.id);

describe('prepareQuery', () => {
  it('NFKC, invisible characters dropped, spaces collapsed', () => {
    expect(prepareQuery('  ４１\u200b条\ufeff  公交 ').query).toBe('41条 公交');
    expect(prepareQuery('\ufffd\ufffd \u200b').query).toBe('');
  });
  it('caps the length', () => {
    const p = prepareQuery('公交'.repeat(60000));
    expect(p.truncated).toBe(true);
    expect(Array.from(p.query)).toHaveLength(MAX_QUERY_CHARS);
  });
});

describe('search engine', () => {
  it('clauses that contain the words rank above facts whose sentence merely mentions them', () => {
    const hits = engine.search('公交', { limit: 10 });
    expect(hits.slice(0, 3).map((h) => h.fact.id).sort()).toEqual(['uc-002', 'uc-003', 'uc-004']);
    expect(hits[0]!.score).toBeLessThanOrEqual(hits[3]?.score ?? 1);
  });
  it('full-width digits match', () => {
    expect(top('４１条')[0]).toBe('uc-002');
  });
  it('English rendering matches', () => {
    expect(top('data centres')[0]).toBe('dg-001');
  });
  it('finds text past the first 60 characters of a field (ignoreLocation)', () => {
    expect(top('京东海月龙宫').length).toBeGreaterThan(0);
  });
  it('one right character of two is not a match', () => {
    expect(top('公园')).toEqual([]);
  });
  it('equal scores are ordered by id, deterministically', () => {
    const hits = engine.search('公交', { limit: 10 });
    for (let i = 1; i < hits.length; i++) {
      if (hits[i]!.score === hits[i - 1]!.score) expect(hits[i - 1]!.fact.id.localeCompare(hits[i]!.fact.id, 'en', { numeric: true })).toBeLessThan(0);
    }
    expect(top('公交', 10)).toEqual(top('公交', 10));
  });
  it('limit and filter apply', () => {
    expect(top('公交', 2)).toHaveLength(2);
    const only = engine.search('公交', { limit: 10, filter: (f) => f.id === 'uc-004' });
    expect(only.map((h) => h.fact.id)).toEqual(['uc-004']);
  });
  it('explains which field matched', () => {
    const [hit] = engine.search('数据中心', { limit: 1 });
    expect(hit!.explain.some((e) => /^([a-z]+, )*text(, [a-z]+)*: "数据中心"/.test(e))).toBe(true);
  });
  it('empty queries find nothing', () => {
    expect(engine.search('\u200b', { limit: 5 })).toEqual([]);
  });
});
