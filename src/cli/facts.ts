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

/** A flag given twice keeps both values (`--topic 公交 --topic 燃气`: facts of either topic). */
function repeatable(value: string, previous: string | string[] | undefined): string | string[] {
  return previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
}

/** Filter flags shared by `facts` and `search`. */
export function addFilterOptions(cmd: Command, ctx: Ctx): Command {
  const { t } = ctx;
  return cmd
    .option('--topic <topic>', t('opt.topic'), repeatable)
    .option('--domain <domain>', t('opt.domain'), repeatable)
    .option('--section <text>', t('opt.section'))
    .option('--unit <unit>', t('opt.unit'))
    .option('--min <number>', t('opt.min'), numberArg(t, '--min'))
    .option('--max <number>', t('opt.max'), numberArg(t, '--max'));
}

export function selectFacts(facts: readonly Fact[], opts: FactsOptions, ctx: Ctx): Fact[] {
  const filter = resolveFilter(opts, ctx.corpus());
  let out = filterFacts(facts, filter);
  if (opts.sort !== undefined || opts.desc) out = sortFacts(out, parseSort(opts.sort ?? 'id', opts.desc === true));
  return opts.limit !== undefined ? out.slice(0, opts.limit) : out;
}

export async function runFacts(opts: FactsOptions, ctx: Ctx): Promise<void> {
  const format = resolveFormat(opts, ctx);
  const columns = selectColumns(FACT_COLUMNS, factView(format), opts, format, ctx);
  const facts = selectFacts(ctx.corpus().facts, opts, ctx);
  await emitList(ctx, format, columns, facts as unknown as Record<string, unknown>[], ctx.t('msg.noFacts'));
}

export function factsCommand(ctx: Ctx): Command {
  const cmd = new Command('facts').description(ctx.t('cmd.facts'));
  addFilterOptions(cmd, ctx)
    .option('--sort <key>', ctx.t('opt.sort'))
    .option('--desc', ctx.t('opt.desc'))
    .option('--limit <n>', ctx.t('opt.limit'), positiveInt(ctx.t, '--limit'));
  addOutputOptions(cmd, ctx);
  cmd.addHelpText('before', examples(ctx, [
    'zibo facts --topic 公交',
    'zibo facts --domain dg --sort -scaled --limit 5',
    'zibo facts --unit 亿元 --json',
    'zibo facts --min 1万 --fields id,value,unit,text --format csv',
  ])).addHelpText('after', fieldsHelp(ctx, FACT_COLUMNS.map((c) => c.key)));
  return cmd.action((opts: FactsOptions) => runFacts(opts, ctx));
}
