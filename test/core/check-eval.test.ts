import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/corpus.js';
import { buildCases, evaluate } from '../../scripts/eval-check.js';

describe('check mutation benchmark (npm run eval:check), fixed seed', () => {
  const corpus = loadCorpus();

  it('builds every kind of case from the corpus', () => {
    const types = new Set(buildCases(corpus, 12).map((c) => c.type));
    for (const t of ['as written', 'reworded', 'digit', '万↔亿', 'sibling swap', 'unit', 'hedge dropped', 'hedge added', 'hedged round']) expect(types).toContain(t);
  });

  it('catches ≥ 95% of slips with ≤ 2% false alarms on true statements', () => {
    const r = evaluate(corpus, 12);
    expect(r.slips).toBeGreaterThan(300);
    expect(r.trues).toBeGreaterThan(200);
    expect(r.caught / r.slips).toBeGreaterThanOrEqual(0.95);
    expect(r.falseAlarms / r.trues).toBeLessThanOrEqual(0.02);
    // Every sibling swap is two mismatches' worth: each swapped figure is caught.
    expect(r.byType.get('sibling swap')!.ok).toBe(r.byType.get('sibling swap')!.n);
    expect(r.hand.ok / r.hand.n).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
