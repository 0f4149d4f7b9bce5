// `zibo find [query]`: an interactive finder on a terminal. Results come from zibo's own search (the ranking and
// filters of `zibo search`), redrawn on every keystroke; Enter shows a fact in full, Ctrl-Y copies its citation
// with OSC 52 (and prints it on exit, since a terminal may ignore OSC 52), Esc goes back or leaves, Ctrl-C leaves
// at once with exit 130. Without a terminal on both stdin and stdout it is a usage error naming `zibo search`.
// The prompt library (@inquirer/core) and the finder's own code are imported only here, inside runFind.

import { Command } from 'commander';
import { isatty } from 'node:tty';
import { emitKeypressEvents, type Interface } from 'node:readline';
import type { Ctx } from './context.js';
import type { Lang } from '../io.js';
import type { Fact } from '../core/types.js';
import { filterFacts, matchesFilter, resolveFilter, type FilterInput } from '../core/filters.js';
import { createSearchEngine, prepareQuery } from '../core/search.js';
import { createIndexedSearch } from '../core/index/indexed-search.js';
import { citations } from '../core/cite.js';
import { createStyle } from '../render/style.js';
import { addFilterOptions } from './facts.js';
import { positiveInt } from './parse.js';
import { UsageError } from './errors.js';
import { examples } from './help.js';

export interface FindOptions extends FilterInput {
  /** Results kept per query (PgDn pages through them). */
  limit?: number;
  /** Language of the copied citation: the global --lang when given, else Chinese (as `zibo cite`). */
  lang?: Lang;
}

export const DEFAULT_FIND_LIMIT = 100;
/** Exit code after Ctrl-C, as a shell reports a process ended by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;
/** How long a lone Esc waits for the rest of an escape sequence (vim's ttimeoutlen is often 50-100 ms). */
export const ESC_WAIT_MS = 100;

/** The terminal the finder runs on; tests pass their own streams. */
export interface FindTerminal {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { columns?: number; rows?: number };
  /** Whether stdin is a terminal (stdout's answer is ctx.io.isTTY). */
  inputIsTTY: boolean;
}

function processTerminal(): FindTerminal {
  return { input: process.stdin, output: process.stdout, inputIsTTY: isatty(0) };
}

/** What the finder asks of the corpus: ranked facts for a query, the facts in order for an empty one. */
export function finderSearch(ctx: Ctx, opts: FindOptions): (query: string) => readonly Fact[] {
  const corpus = ctx.corpus();
  const filter = resolveFilter(opts, corpus);
  const engine = createIndexedSearch(corpus, createSearchEngine);
  const limit = opts.limit ?? DEFAULT_FIND_LIMIT;
  let all: Fact[] | undefined;
  return (input) => {
    const { query } = prepareQuery(input);
    if (!query) return (all ??= filterFacts(corpus.facts, filter));
    return engine.search(query, { limit, filter: (f) => matchesFilter(f, filter) }).map((h) => h.fact);
  };
}

export async function runFind(words: string[], opts: FindOptions, ctx: Ctx, term: FindTerminal = processTerminal()): Promise<void> {
  const { io, t } = ctx;
  if (!io.isTTY || !term.inputIsTTY) throw new UsageError(t('find.noTerminal'));
  const search = finderSearch(ctx, opts);
  const corpus = ctx.corpus();
  const lang: Lang = opts.lang ?? 'zh';
  const releaseOf = (f: Fact) => corpus.releases.find((r) => r.id === f.release);
  const citation = (f: Fact) => {
    const release = releaseOf(f);
    return release ? citations(f, release)[lang] : undefined;
  };
  const [{ finder, ExitPromptError }, { copyText, osc52 }] = await Promise.all([import('../find/prompt.js'), import('../find/osc52.js')]);
  const copied: string[] = [];
  const { output } = term;
  // A lone Esc is told from the start of an arrow key's sequence by waiting: readline waits 500 ms, which makes Esc
  // feel stuck. The key decoder is installed once per stream, so installing it first with a shorter wait sets it.
  emitKeypressEvents(term.input, { escapeCodeTimeout: ESC_WAIT_MS } as unknown as Interface);
  try {
    await finder(
      {
        query: words.join(' '),
        search,
        env: { style: createStyle(io.color), t, releaseOf, citation },
        size: () => ({ columns: output.columns || io.columns, rows: output.rows || 24 }),
        onResize: (listener) => {
          output.on('resize', listener);
          return () => void output.off('resize', listener);
        },
        copy: (fact) => {
          const text = copyText(citation(fact) ?? fact.id);
          output.write(osc52(text)); // straight to the terminal: stdout is one here, never a pipe
          copied.push(text);
          return t('find.copied', { id: fact.id });
        },
      },
      { input: term.input, output, clearPromptOnDone: true },
    );
    ctx.exitCode = 0;
  } catch (e) {
    if (!(e instanceof ExitPromptError)) throw e;
    ctx.exitCode = EXIT_INTERRUPTED;
  }
  // Printed below the finder, which has cleared itself: what was copied, for terminals that ignore OSC 52.
  if (copied.length) io.stdout.write(copied.join('\n') + '\n');
}

export function findCommand(ctx: Ctx): Command {
  const cmd = new Command('find').description(ctx.t('cmd.find')).argument('[query...]', ctx.t('arg.findQuery'));
  addFilterOptions(cmd, ctx).option('--limit <n>', ctx.t('opt.findLimit'), positiveInt(ctx.t, '--limit'));
  cmd.addHelpText('before', examples(ctx, ['zibo find', 'zibo find 公交', 'zibo find --domain dg 数据']));
  return cmd.action((words: string[], opts: FindOptions, command: Command) => {
    // --lang is a program option: commander hands it to the program, whichever side of `find` it is written on.
    const lang = command.optsWithGlobals().lang as Lang | undefined;
    return runFind(words, { ...opts, lang }, ctx);
  });
}
