// npm run eval: recall@5 and MRR of `zibo search` on data/eval/queries.json, per query form and overall; exits 1
// when recall@5 is below the bars (95% overall, 85% in every form).
//   npm run eval -- --misses      also list the queries whose meant fact is not in the top 5
//   npm run eval -- --json        machine-readable report
//   npm run eval -- --file F      another query set (same format), e.g. a held-out one
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCorpus } from '../src/core/corpus.js';
import { createSearchEngine, type SearchEngine } from '../src/core/search/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface EvalQuery {
  form: string;
  q: string;
  /** Fact ids the query means; a hit is any of them in the top 5. */
  ids: string[];
}

export interface FormResult {
  form: string;
  n: number;
  recall5: number;
  mrr: number;
  misses: Array<{ q: string; ids: string[]; got: string[] }>;
}

export const K = 5;
/** The bars of issue 11: recall@5 overall and in every form. */
export const BAR_OVERALL = 0.95;
export const BAR_FORM = 0.85;

/** The forms (or overall) below their bar. */
export function belowBars(report: { forms: FormResult[]; overall: FormResult }): string[] {
  const out = report.forms.filter((f) => f.recall5 < BAR_FORM).map((f) => f.form);
  if (report.overall.recall5 < BAR_OVERALL) out.push('overall');
  return out;
}

export function readQueries(file = join(root, 'data/eval/queries.json')): EvalQuery[] {
  return JSON.parse(readFileSync(file, 'utf8')) as EvalQuery[];
}

export function evaluate(engine: SearchEngine, queries: readonly EvalQuery[]): { forms: FormResult[]; overall: FormResult } {
  const byForm = new Map<string, FormResult>();
  const overall: FormResult = { form: 'overall', n: 0, recall5: 0, mrr: 0, misses: [] };
  for (const q of queries) {
    const got = engine.search(q.q, { limit: 10 }).map((h) => h.fact.id);
    const rank = got.findIndex((id) => q.ids.includes(id)) + 1;
    const hit = rank > 0 && rank <= K ? 1 : 0;
    const rr = rank > 0 ? 1 / rank : 0;
    let r = byForm.get(q.form);
    if (!r) byForm.set(q.form, (r = { form: q.form, n: 0, recall5: 0, mrr: 0, misses: [] }));
    for (const x of [r, overall]) {
      x.n++;
      x.recall5 += hit;
      x.mrr += rr;
      if (!hit) x.misses.push({ q: q.q, ids: q.ids, got: got.slice(0, K) });
    }
  }
  const finish = (x: FormResult) => ({ ...x, recall5: x.n ? x.recall5 / x.n : 0, mrr: x.n ? x.mrr / x.n : 0 });
  return { forms: [...byForm.values()].map(finish), overall: finish(overall) };
}

function main(): void {
  const args = process.argv.slice(2);
  const fileArg = args.indexOf('--file');
  const queries = readQueries(fileArg >= 0 ? resolve(args[fileArg + 1]!) : undefined);
  const engine = createSearchEngine(loadCorpus());
  const report = evaluate(engine, queries);
  const below = belowBars(report);
  process.exitCode = below.length ? 1 : 0;
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify({ ...report, below }, null, 2) + '\n');
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  console.log(`${'form'.padEnd(16)} ${'n'.padStart(4)} ${'recall@5'.padStart(9)} ${'MRR'.padStart(7)}`);
  for (const r of [...report.forms, report.overall]) {
    console.log(`${r.form.padEnd(16)} ${String(r.n).padStart(4)} ${pct(r.recall5).padStart(9)} ${r.mrr.toFixed(3).padStart(7)}`);
  }
  if (args.includes('--misses')) {
    for (const m of report.overall.misses) console.log(`miss: ${m.q}  want ${m.ids.join(',')}  got ${m.got.join(',') || '-'}`);
  }
  if (below.length) console.error(`below the bars (recall@5 ≥ ${BAR_OVERALL * 100}% overall, ≥ ${BAR_FORM * 100}% per form): ${below.join(', ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
