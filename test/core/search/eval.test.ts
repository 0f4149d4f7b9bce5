// The relevance bar of issues 4 and 11 on the project's own evaluation set (data/eval/queries.json): recall@5 ≥ 95%
// overall and ≥ 85% in every query form. `npm run eval` prints the same figures (and exits 1 below the bars).
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus.js';
import { createSearchEngine } from '../../../src/core/search/index.js';
import { evaluate, readQueries } from '../../../scripts/eval-search.js';

const FORMS = ['chinese-keyword', 'chinese-phrase', 'question', 'synonym', 'pinyin', 'english', 'traditional', 'typo', 'number'];
/** The forms of issue 11: at least 15 queries each. */
const FORMS_11 = ['paraphrase', 'long-question', 'colloquial', 'metadata', 'initials', 'date'];
const ALL_FORMS = [...FORMS, ...FORMS_11];
const queries = readQueries();
const corpus = loadCorpus();

describe('evaluation set', () => {
  it('has at least 100 queries, at least 10 per form, each naming facts that exist', () => {
    expect(queries.length).toBeGreaterThanOrEqual(100);
    const ids = new Set(corpus.facts.map((f) => f.id));
    for (const form of FORMS) expect(queries.filter((q) => q.form === form).length).toBeGreaterThanOrEqual(10);
    for (const form of FORMS_11) expect(queries.filter((q) => q.form === form).length).toBeGreaterThanOrEqual(15);
    for (const q of queries) {
      expect(ALL_FORMS).toContain(q.form);
      expect(q.ids.length).toBeGreaterThan(0);
      for (const id of q.ids) expect(ids.has(id), `${q.q}: ${id}`).toBe(true);
    }
  });
});

describe('relevance', () => {
  const report = evaluate(createSearchEngine(corpus), queries);
  it('recall@5 ≥ 95% overall', () => {
    expect(report.overall.recall5, JSON.stringify(report.overall.misses)).toBeGreaterThanOrEqual(0.95);
  });
  it.each(ALL_FORMS)('recall@5 ≥ 85% for %s', (form) => {
    const r = report.forms.find((f) => f.form === form)!;
    expect(r.recall5, JSON.stringify(r.misses)).toBeGreaterThanOrEqual(0.85);
  });
});

describe('no query whose content words occur in the corpus returns nothing', () => {
  // Every query of the set names words the corpus holds; each must return something, whatever its extra words.
  const engine = createSearchEngine(corpus);
  it.each(queries.map((q) => [q.form, q.q] as const))('%s: %s', (_form, q) => {
    expect(engine.search(q, { limit: 5 }).length).toBeGreaterThan(0);
  });
});
