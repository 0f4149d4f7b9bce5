// `zibo find [query]`: an interactive finder on a terminal. Results come from zibo's own search (the ranking and
// filters of `zibo search`), redrawn on every keystroke; Enter shows a fact in full, Ctrl-Y copies its citation
// with OSC 52 (and prints it on exit, since a terminal may ignore OSC 52), Esc goes back or leaves, Ctrl-C leaves
// at once with exit 130. Without a terminal on both stdin and stdout it is a usage error naming `zibo search`.
// Only the command's definition is here: the finder (src/find/), its prompt library (@inquirer/core) and the Node
// modules it needs are imported inside runFind, so no other command pays for them.

import { isatty } from 'node:tty';
import { Command } from 'commander';
import type { Ctx } from './context.js';
import type { Lang } from '../io.js';
import type { FinderOptions, FinderTerminal } from '../find/run.js';
import { addFilterOptions } from './facts.js';
import { positiveInt } from './parse.js';
import { UsageError } from './errors.js';
import { examples } from './help.js';

export type FindOptions = FinderOptions;

/** The terminal to run on; by default the process's own stdin and stdout. */
export interface FindTerminal extends FinderTerminal {
  /** Whether stdin is a terminal (stdout's answer is ctx.io.isTTY). */
  inputIsTTY: boolean;
}

async function processTerminal(): Promise<FindTerminal> {
  return { input: process.stdin, output: process.stdout, inputIsTTY: isatty(0) };
}

export async function runFind(words: string[], opts: FindOptions, ctx: Ctx, term?: FindTerminal): Promise<void> {
  const { isTTY } = ctx.io;
  const terminal = term ?? (isTTY ? await processTerminal() : undefined);
  if (!isTTY || !terminal?.inputIsTTY) throw new UsageError(ctx.t('find.noTerminal'));
  const { runFinder } = await import('../find/run.js');
  await runFinder(words.join(' '), opts, ctx, terminal);
}

export function findCommand(ctx: Ctx): Command {
  const cmd = new Command('find').description(ctx.t('cmd.find')).argument('[query...]', ctx.t('arg.findQuery'));
  addFilterOptions(cmd, ctx).option('--limit <n>', ctx.t('opt.findLimit'), positiveInt(ctx.t, '--limit'));
  const { t } = ctx;
  cmd.addHelpText('before', examples(ctx, ['zibo find', 'zibo find 公交', 'zibo find --domain dg 数据']))
    .addHelpText('after', `\n${t('find.keysHeading')}:\n${t('find.keysList')}\n${t('find.keysDetail')}\n\n${t('find.exit')}\n`);
  return cmd.action((words: string[], opts: FindOptions, command: Command) => {
    // --lang is a program option: commander hands it to the program, whichever side of `find` it is written on.
    const lang = command.optsWithGlobals().lang as Lang | undefined;
    return runFind(words, { ...opts, lang }, ctx);
  });
}
