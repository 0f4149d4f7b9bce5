// The build-time set-up (data/search/: prepared.json, fields.json, *.idx) must change nothing: same hits, scores and explanations as the
// set-up made at run time, on every query of the evaluation set.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus.js';
import { createSearchEngine } from '../../../src/core/search/engine.js';
import { preparedFor } from '../../../src/core/search/prepared.js';

const corpus = loadCorpus();
const queries: Array<{ q: string }> = JSON.parse(readFileSync(new URL('../../../data/eval/queries.json', import.meta.url), 'utf8'));

describe('prepared search set-up', () => {
  it('is found for the bundled corpus', () => {
    expect(preparedFor(corpus)).toBeDefined();
  });

  it('is not used for another corpus, even with the same ids (a --data file, a test corpus)', () => {
    const copy = { ...corpus, facts: corpus.facts.map((f) => ({ ...f })) };
    expect(preparedFor(copy)).toBeUndefined();
  });

  it('gives exactly the results of the run-time set-up on every evaluation query', () => {
    const fast = createSearchEngine(corpus);
    const slow = createSearchEngine(corpus, null);
    expect(slow.internals.docs[0]!.fields).toEqual(fast.internals.docs[0]!.fields);
    const extra = ['公交', '数据中心', '夜間經濟', 'greenway', 'grenway', 'gongjiao', '青年之佳', '524亿元', '哪年', 'qqqq'];
    for (const q of [...queries.map((x) => x.q), ...extra]) {
      const a = fast.search(q, { limit: 10 }).map((h) => [h.fact.id, h.score, h.explain]);
      expect(a, q).toEqual(slow.search(q, { limit: 10 }).map((h) => [h.fact.id, h.score, h.explain]));
    }
  });
});
