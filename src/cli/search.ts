// `zibo search <query...>`: ranked fuzzy search, with the filters of `facts`.

import { Command } from 'commander';
import type { Ctx } from './context.js';
import { matchesFilter, resolveFilter } from '../core/filters.js';
import { createSearchEngine, prepareQuery, MAX_QUERY_CHARS, type SearchEngine } from '../core/search.js';
import type { Corpus } from '../core/types.js';
import { FACT_COLUMNS, factView, SEARCH_EXTRA_COLUMNS } from './columns.js';
import { addFilterOptions } from './facts.js';
import { createIndexedSearch } from '../core/index/indexed-search.js';
import type { FactsOptions } from './facts.js';
import { addOutputOptions, emitList, resolveFormat, selectColumns, showsCount } from './output.js';
import { positiveInt } from './parse.js';
import { UsageError } from './errors.js';
import { examples, fieldsHelp } from './help.js';

export interface SearchCmdOptions extends Omit<FactsOptions, 'sort' | 'desc'> {
  explain?: boolean;
}

export const DEFAULT_SEARCH_LIMIT = 10;

const engines = new WeakMap<Corpus, SearchEngine>();

export async function runSearch(words: string[], opts: SearchCmdOptions, ctx: Ctx): Promise<void> {
  const format = resolveFormat(opts, ctx);
  const all = [...FACT_COLUMNS, ...SEARCH_EXTRA_COLUMNS];
  const view = opts.explain ? [...factView(format), 'score', 'explain'] : factView(format);
  let columns = selectColumns(all, view, opts, format, ctx);
  // score and explain belong to full records only when --explain asked for them.
  if (opts.fields === undefined && !opts.explain) columns = columns.filter((c) => c.key !== 'score' && c.key !== 'explain');
  const { query, truncated } = prepareQuery(words.join(' '));
  if (!query) throw new UsageError(ctx.t('err.emptyQuery'));
  if (truncated) ctx.io.stderr.write(ctx.t('err.queryCut', { n: MAX_QUERY_CHARS }) + '\n');
  const corpus = ctx.corpus();
  const filter = resolveFilter(opts, corpus);
  let engine = engines.get(corpus);
  if (!engine) engines.set(corpus, (engine = createIndexedSearch(corpus, createSearchEngine)));
  const limit = opts.limit ?? DEFAULT_SEARCH_LIMIT;
  // On a terminal the count line says how many matched in all (`10 of 23 results`): every hit is ranked anyway.
  const counted = showsCount(ctx, format);
  // No filter asked for: none handed to the engine, which then keeps every candidate without a call per fact.
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const ranked = engine.search(query, { limit: counted ? Number.MAX_SAFE_INTEGER : limit, filter: filtered ? (f) => matchesFilter(f, filter) : undefined });
  const hits = ranked.slice(0, limit);
  // The engine writes explanations only when read: only for an explain column.
  const explained = columns.some((c) => c.key === 'explain');
  const rows = hits.map((h) => ({ ...h.fact, score: Number(h.score.toFixed(4)), ...(explained ? { explain: h.explain } : {}) }));
  await emitList(ctx, format, columns, rows, ctx.t('msg.noHits', { query }), counted ? hitCount(ctx, hits.length, ranked.length) : undefined);
}

/** `3 results`, `10 of 23 results`, `共 23 条结果,显示 10 条`. */
export function hitCount(ctx: Ctx, shown: number, total: number): string {
  if (shown < total) return ctx.t('msg.hitsOf', { shown, n: total });
  return total === 1 ? ctx.t('msg.hitsOne') : ctx.t('msg.hits', { n: total });
}

export function searchCommand(ctx: Ctx): Command {
  const cmd = new Command('search').description(ctx.t('cmd.search')).argument('<query...>', ctx.t('arg.query'));
  addFilterOptions(cmd, ctx)
    .option('-n, --limit <n>', ctx.t('opt.limit'), positiveInt(ctx.t, '--limit'))
    .option('--explain', ctx.t('opt.explain'));
  addOutputOptions(cmd, ctx);
  cmd.addHelpText('before', examples(ctx, [
    'zibo search 数据中心',
    "zibo search 数据中心 --json | jq '.[0].text'",
    'zibo search 公交线路 --domain uc --limit 3 --explain',
  ])).addHelpText('after', fieldsHelp(ctx, [...FACT_COLUMNS, ...SEARCH_EXTRA_COLUMNS].map((c) => c.key)));
  return cmd.action((words: string[], opts: SearchCmdOptions) => runSearch(words, opts, ctx));
}
