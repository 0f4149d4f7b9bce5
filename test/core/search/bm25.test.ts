// BM25F as the engine computes it: the formulas, and exact scores on a three-fact corpus worked out by hand.
import { describe, expect, it } from 'vitest';
import { B, K1, bm25f, idf, lengthNorm, saturate } from '../../../src/core/search/bm25.js';
import { createSearchEngine } from '../../../src/core/search/index.js';
import type { Corpus, Fact } from '../../../src/core/types.js';

describe('BM25 formulas', () => {
  it('uses the Lucene defaults', () => {
    expect([K1, B]).toEqual([1.2, 0.75]);
  });
  it('idf: ln(1 + (N − df + 0.5) / (df + 0.5))', () => {
    expect(idf(3, 1)).toBeCloseTo(Math.log(1 + 2.5 / 1.5), 12);
    expect(idf(3, 2)).toBeCloseTo(0.470004, 6);
    expect(idf(100, 0)).toBeCloseTo(5.308268, 6);
    expect(idf(3, 3)).toBeGreaterThan(0); // never negative, even for a gram every document holds
  });
  it('length normalisation: 1 − b + b·len/avg', () => {
    expect(lengthNorm(10, 5)).toBeCloseTo(1.75, 12);
    expect(lengthNorm(5, 5)).toBe(1);
    expect(lengthNorm(0, 0)).toBe(1);
  });
  it('saturation: tf·(k1+1)/(tf+k1)', () => {
    expect(saturate(0)).toBe(0);
    expect(saturate(1)).toBeCloseTo(1, 12);
    expect(saturate(2)).toBeCloseTo(1.375, 12);
    expect(saturate(1e9)).toBeCloseTo(K1 + 1, 6);
  });
  it('BM25F sums field weights over length norms before saturating', () => {
    // label (weight 1, average length) and sentence (0.75, twice the average): tf = 1 + 0.75 / 1.75
    const tf = 1 + 0.75 / 1.75;
    const got = bm25f(2, [{ weight: 1, len: 4, avgLen: 4 }, { weight: 0.75, len: 8, avgLen: 4 }]);
    expect(got).toBeCloseTo((2 * tf * 2.2) / (tf + 1.2), 12);
  });
});

const fact = (id: string, label: string, text: string, sentence: string): Fact => ({
  id, release: 'r', domain: 'urban-construction', section: '壬癸子丑', topics: [], text, sentence, en: '',
  value: null, unit: null, qualifier: 'exact', scaled: null, baseUnit: null, date: null, offset: [0, 0], kind: 'count',
  figure: null, label,
}) as unknown as Fact;

// Every field has the same length in every fact, so each length norm is 1.
const tiny: Corpus = {
  releases: [],
  topics: [],
  facts: [
    fact('t-1', '甲乙丙丁', '甲乙丙丁', '戊己庚辛'),
    fact('t-2', '子丑寅卯', '辰巳午未', '甲乙申酉'),
    fact('t-3', '子丑寅卯', '辰巳午未', '戌亥天地'),
  ],
} as unknown as Corpus;

describe('BM25F scores on a tiny corpus', () => {
  const engine = createSearchEngine(tiny, null);
  it('ranks the fact holding the word in its label and text above the one holding it in its sentence', () => {
    // 甲乙: grams 甲乙 (weight 1), 甲 and 乙 (0.3 each), each held by 2 of 3 facts.
    // t-1: label + text, tf = 1 + 0.95 = 1.95, saturated 1.95·2.2/3.15; relevance = that / (k1 + 1) = 0.619048
    // t-2: sentence, tf = 0.75, saturated 0.75·2.2/1.95; relevance 0.384615. Score = 1 − relevance.
    const hits = engine.search('甲乙', { limit: 5 });
    expect(hits.map((h) => h.fact.id)).toEqual(['t-1', 't-2']);
    expect(hits[0]!.score).toBeCloseTo(1 - 1.95 / 3.15, 6);
    expect(hits[0]!.score).toBeCloseTo(0.380952, 6);
    expect(hits[1]!.score).toBeCloseTo(1 - 0.75 / 1.95, 6);
  });
  it('a word of the query the corpus lacks does not cut the fact that matches the rest', () => {
    // 甲乙 matches, 乾坤 matches nothing: t-1 keeps its place, with the part of the query it matched.
    const hits = engine.search('甲乙 乾坤', { limit: 5 });
    expect(hits.map((h) => h.fact.id)).toEqual(['t-1', 't-2']);
    // Each term weighs its idf mass: 甲乙 1.6·idf(3,2), 乾坤 1.6·idf(3,0).
    const w1 = 1.6 * idf(3, 2);
    const w2 = 1.6 * idf(3, 0);
    expect(hits[0]!.score).toBeCloseTo(1 - ((1.95 / 3.15) * w1) / (w1 + w2), 6);
  });
  it('characters matched one by one are not a match of the word', () => {
    expect(engine.search('甲丁', { limit: 5 })).toEqual([]);
  });
});
