// `zibo sources`: the press releases the facts come from.

import { Command } from 'commander';
import type { Ctx } from './context.js';
import { sourceColumns, SOURCE_VIEW } from './columns.js';
import { addOutputOptions, emitList, resolveFormat, selectColumns, type OutputFlags } from './output.js';
import { examples, fieldsHelp } from './help.js';

export async function runSources(opts: OutputFlags, ctx: Ctx): Promise<void> {
  const format = resolveFormat(opts, ctx);
  const columns = selectColumns(sourceColumns(), SOURCE_VIEW, opts, format, ctx);
  const { releases, facts } = ctx.corpus();
  const rows = releases.map(({ text: _text, ...r }) => ({
    ...r, factCount: facts.filter((f) => f.release === r.id).length, origin: (r as { origin?: string }).origin ?? 'bundled',
  }));
  await emitList(ctx, format, columns, rows, '');
}

export function sourcesCommand(ctx: Ctx): Command {
  const cmd = new Command('sources').description(ctx.t('cmd.sources'));
  addOutputOptions(cmd, ctx);
  cmd.addHelpText('before', examples(ctx, ['zibo sources', 'zibo sources --json'])).addHelpText('after', fieldsHelp(ctx, sourceColumns().map((c) => c.key)));
  return cmd.action((opts: OutputFlags) => runSources(opts, ctx));
}
