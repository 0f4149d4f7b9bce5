// `zibo topics`: the topic list with fact counts, English names, pinyin and aliases.

import { Command } from 'commander';
import type { Ctx } from './context.js';
import { topicColumns, TOPIC_VIEW } from './columns.js';
import { addOutputOptions, emitList, resolveFormat, selectColumns, type OutputFlags } from './output.js';
import { examples, fieldsHelp } from './help.js';

export async function runTopics(opts: OutputFlags, ctx: Ctx): Promise<void> {
  const format = resolveFormat(opts, ctx);
  const columns = selectColumns(topicColumns(), TOPIC_VIEW, opts, format, ctx);
  const { topics, facts } = ctx.corpus();
  // Counts come from the facts themselves, so they always agree with `zibo facts --topic`.
  const rows = topics.map((t) => ({ ...t, count: facts.filter((f) => f.topics.includes(t.name)).length }));
  await emitList(ctx, format, columns, rows, '');
}

export function topicsCommand(ctx: Ctx): Command {
  const cmd = new Command('topics').description(ctx.t('cmd.topics'));
  addOutputOptions(cmd, ctx);
  cmd.addHelpText('before', examples(ctx, ['zibo topics', 'zibo topics --json | jq -r ".[].name"'])).addHelpText('after', fieldsHelp(ctx, topicColumns().map((c) => c.key)));
  return cmd.action((opts: OutputFlags) => runTopics(opts, ctx));
}
