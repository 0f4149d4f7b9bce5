// The body of `zibo find` once a terminal is known to be there (src/cli/find.ts checks, then imports this module):
// zibo's search with the filters of `search`, the finder on @inquirer/core, OSC 52 copies, and what is printed on exit.

import { emitKeypressEvents, type Interface } from 'node:readline';
import type { Ctx } from '../cli/context.js';
import type { Lang } from '../io.js';
import type { Fact } from '../core/types.js';
import { filterFacts, matchesFilter, resolveFilter, type FilterInput } from '../core/filters.js';
import { createSearchEngine, prepareQuery } from '../core/search.js';
import { createIndexedSearch } from '../core/index/indexed-search.js';
import { citations } from '../core/cite.js';
import { paint } from '../render/paint.js';
import { finder, ExitPromptError } from './prompt.js';
import { copyText, osc52 } from './osc52.js';

export interface FinderOptions extends FilterInput {
  /** Results kept per query (PgDn pages through them). */
  limit?: number;
  /** Language of the copied citation: the global --lang when given, else Chinese (as `zibo cite`). */
  lang?: Lang;
}

/** The terminal the finder runs on; tests pass their own streams. */
export interface FinderTerminal {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { columns?: number; rows?: number };
}

export const DEFAULT_FIND_LIMIT = 100;
/** Exit code after Ctrl-C, as a shell reports a process ended by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;
/** How long a lone Esc waits for the rest of an escape sequence (vim's ttimeoutlen is often 50-100 ms). */
export const ESC_WAIT_MS = 100;

/** What the finder asks of the corpus: ranked facts for a query, the facts in order for an empty one. */
export function finderSearch(ctx: Ctx, opts: FinderOptions): (query: string) => readonly Fact[] {
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

/** Runs the finder until Esc (exit 0) or Ctrl-C (exit 130), then prints what was copied. */
export async function runFinder(query: string, opts: FinderOptions, ctx: Ctx, term: FinderTerminal): Promise<void> {
  const { io, t } = ctx;
  const search = finderSearch(ctx, opts);
  const corpus = ctx.corpus();
  const lang: Lang = opts.lang ?? 'zh';
  const releaseOf = (f: Fact) => corpus.releases.find((r) => r.id === f.release);
  const citation = (f: Fact) => {
    const release = releaseOf(f);
    return release ? citations(f, release)[lang] : undefined;
  };
  const copied: string[] = [];
  const { output } = term;
  // A lone Esc is told from the start of an arrow key's sequence by waiting: readline waits 500 ms, which makes Esc
  // feel stuck. The key decoder is installed once per stream, so installing it first with a shorter wait sets it.
  emitKeypressEvents(term.input, { escapeCodeTimeout: ESC_WAIT_MS } as unknown as Interface);
  try {
    await finder(
      {
        query,
        search,
        env: { style: paint(io), t, releaseOf, citation },
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
