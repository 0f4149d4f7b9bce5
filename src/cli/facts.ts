// `zibo facts`: list facts with filters, sorting and a limit.

import { Command } from 'commander';
import type { Ctx } from './context.js';
import type { Fact } from '../core/types.js';
import { filterFacts, parseSort, resolveFilter, sortFacts, type FilterInput } from '../core/filters.js';
import { FACT_COLUMNS, factView } from './columns.js';
import { addOutputOptions, emitList, resolveFormat, selectColumns, type OutputFlags } from './output.js';
import { numberArg, positiveInt } from './parse.js';
import { examples, fieldsHelp } from './help.js';

export interface FactsOptions extends FilterInput, OutputFlags {
  sort?: string;
  desc?: boolean;
  limit?: number;
}

/**
 * A flag given twice keeps both values (`--topic 公交 --topic 燃气`: facts of either topic); a comma-separated value
 * (`--topic 公交,燃气`) is split by the filter itself (src/core/filters.ts), which every caller goes through.
 */
function repeatable(value: string, previous: string | string[] | undefined): string | string[] {
  return previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
}

/** Filter flags shared by `facts` and `search`. */
export function addFilterOptions(cmd: Command, ctx: Ctx): Command {
  const { t } = ctx;
  return cmd
    .option('-t, --topic <topic>', t('opt.topic'), repeatable)
    .option('-d, --domain <domain>', t('opt.domain'), repeatable)
    .option('--section <text>', t('opt.section'))
    .option('--unit <unit>', t('opt.unit'))
    .option('--min <number>', t('opt.min'), numberArg(t, '--min'))
    .option('--max <number>', t('opt.max'), numberArg(t, '--max'))
    .option('--release <id>', t('opt.release'), repeatable)
    .option('--date <date>', t('opt.date'))
    .option('--since <date>', t('opt.since'))
    .option('--until <date>', t('opt.until'));
}

/** The facts the filters pass, sorted, before --limit. */
export function matchingFacts(facts: readonly Fact[], opts: FactsOptions, ctx: Ctx): Fact[] {
  const filter = resolveFilter(opts, ctx.corpus());
  const out = filterFacts(facts, filter);
  return opts.sort !== undefined || opts.desc ? sortFacts(out, parseSort(opts.sort ?? 'id', opts.desc === true)) : out;
}

export function selectFacts(facts: readonly Fact[], opts: FactsOptions, ctx: Ctx): Fact[] {
  const out = matchingFacts(facts, opts, ctx);
  return opts.limit !== undefined ? out.slice(0, opts.limit) : out;
}

/** The count line under a terminal listing: `41 facts`, `5 of 41 facts` (--limit cut it), `共 41 条`. */
export function countLine(ctx: Ctx, shown: number, total: number): string {
  if (shown < total) return ctx.t('msg.countOf', { shown, n: total });
  return total === 1 ? ctx.t('msg.countOne') : ctx.t('msg.count', { n: total });
}

export async function runFacts(opts: FactsOptions, ctx: Ctx): Promise<void> {
  const format = resolveFormat(opts, ctx);
  const columns = selectColumns(FACT_COLUMNS, factView(format), opts, format, ctx);
  const all = matchingFacts(ctx.corpus().facts, opts, ctx);
  const facts = opts.limit !== undefined ? all.slice(0, opts.limit) : all;
  const footer = countLine(ctx, facts.length, all.length);
  await emitList(ctx, format, columns, facts as unknown as Record<string, unknown>[], ctx.t('msg.noFacts'), footer);
}

export function factsCommand(ctx: Ctx): Command {
  const cmd = new Command('facts').description(ctx.t('cmd.facts'));
  addFilterOptions(cmd, ctx)
    .option('--sort <key>', ctx.t('opt.sort'))
    .option('--desc', ctx.t('opt.desc'))
    .option('-n, --limit <n>', ctx.t('opt.limit'), positiveInt(ctx.t, '--limit'));
  addOutputOptions(cmd, ctx);
  cmd.addHelpText('before', examples(ctx, [
    'zibo facts --topic 公交',
    'zibo facts -t 公交,燃气 -n 5',
    'zibo facts --domain dg --sort -scaled --limit 5',
    'zibo facts --since 2022-10 --fields id,date,text',
    'zibo facts --unit 亿元 --json',
    'zibo facts --min 1万 --fields id,value,unit,text --format csv',
  ])).addHelpText('after', fieldsHelp(ctx, FACT_COLUMNS.map((c) => c.key)));
  return cmd.action((opts: FactsOptions) => runFacts(opts, ctx));
}
