// Start-up fast path for the commands people run most: `facts`, `search` and `show` with plain flags. It reads argv
// without commander (whose import and program set-up cost more than the whole start-up budget of 1.2 × `node -e 0`)
// and calls the very same run functions with the very options object commander would pass them.
//
// It is deliberately conservative: anything outside the plain subset (help, version, other commands, short flags,
// `--`, repeated or unknown options, a value that starts with "-", --min/--max, an unusual --limit, …) returns
// null, and main runs the commander program instead, which gives the normal results and error messages.
// test/cli/fast-path.test.ts checks option objects against commander's own parse.
// ZIBO_FAST_PATH=0 turns it off (for comparisons).

import type { IO } from '../io.js';
import { createCtx } from './context.js';
import { dataFileFrom } from '../core/data-arg.js';
import { GLOBAL_VALUE_FLAGS } from './global-flags.js';

export interface FastPlan {
  command: 'facts' | 'search' | 'show';
  opts: Record<string, string | number | boolean>;
  words: string[];
}

const COMMON_VALUE = new Set(['--topic', '--domain', '--section', '--unit', '--format', '--fields']);
const FLAGS: Record<FastPlan['command'], { value: Set<string>; bool: Set<string> }> = {
  facts: { value: new Set([...COMMON_VALUE, '--sort']), bool: new Set(['--json', '--desc']) },
  search: { value: COMMON_VALUE, bool: new Set(['--json', '--explain']) },
  show: { value: new Set(['--format', '--fields']), bool: new Set(['--json']) },
};
const COMMANDS = new Set<string>(Object.keys(FLAGS));
const LIMIT = /^[1-9]\d{0,8}$/;

/** commander's attribute name of a long flag: --topic → topic. */
const attr = (flag: string) => flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The run the commander program would make of argv, when argv is in the plain subset; else null. */
export function planFast(argv: readonly string[]): FastPlan | null {
  let command: FastPlan['command'] | undefined;
  const opts: FastPlan['opts'] = {};
  const words: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      if (!command) {
        if (!COMMANDS.has(arg)) return null;
        command = arg as FastPlan['command'];
      } else if (command === 'search' || (command === 'show' && words.length === 0)) words.push(arg);
      else return null; // facts takes no arguments, show one: commander reports the rest
      continue;
    }
    if (arg === '--no-color') {
      if (seen.has(arg)) return null;
      seen.add(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (seen.has(flag)) return null;
    seen.add(flag);
    const takesValue = GLOBAL_VALUE_FLAGS.has(flag) || flag === '--limit' || (command && FLAGS[command].value.has(flag));
    if (takesValue) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value.startsWith('-')) return null;
      if (flag === '--lang' && value !== 'en' && value !== 'zh') return null;
      if (GLOBAL_VALUE_FLAGS.has(flag)) continue; // read from argv by io (--lang) and dataFileFrom (--data)
      if (flag === '--limit') {
        if (!command || command === 'show' || !LIMIT.test(value)) return null;
        opts.limit = Number(value);
      } else opts[attr(flag)] = value;
      continue;
    }
    if (eq < 0 && command && FLAGS[command].bool.has(flag)) {
      opts[attr(flag)] = true;
      continue;
    }
    return null;
  }
  if (!command || (command !== 'facts' && words.length === 0)) return null;
  return { command, opts, words };
}

type Runner = (plan: FastPlan, ctx: ReturnType<typeof createCtx>) => Promise<void>;

/** The run functions, each loaded from a chunk of its own on first use, unless linked in (linkCommand). */
const runners: Record<FastPlan['command'], () => Promise<Runner>> = {
  facts: async () => {
    const { runFacts } = await import('./facts.js');
    return (plan, ctx) => runFacts(plan.opts, ctx);
  },
  search: async () => {
    const { runSearch } = await import('./search.js');
    return (plan, ctx) => runSearch(plan.words, plan.opts, ctx);
  },
  show: async () => {
    const { runShow } = await import('./show.js');
    return (plan, ctx) => runShow(plan.words[0]!, plan.opts, ctx);
  },
};

/**
 * A bundle built for one command (src/cli/main-search.ts, main-facts.ts) links its run function in, so that the
 * command's code is part of the bundle's own file instead of chunks loaded one by one (scripts/build.mjs).
 */
export function linkCommand(command: FastPlan['command'], runner: Runner): void {
  runners[command] = async () => runner;
}

/** Runs argv through the fast path when it can, else through the commander program. */
export async function runMain(argv: string[], io: IO): Promise<number> {
  const plan = io.env.ZIBO_FAST_PATH === '0' ? null : planFast(argv);
  if (!plan) return (await import('./program.js')).run(argv, io);
  const dataFile = dataFileFrom(argv, io.env);
  // The data-file reader (and the index code behind it) is loaded only when there is a data file to read.
  const loadDataFile = dataFile ? (await import('../core/data-file.js')).loadDataFile : undefined;
  const ctx = createCtx(io, { dataFile, loadDataFile });
  try {
    await (await runners[plan.command]())(plan, ctx);
    return ctx.exitCode;
  } catch (e) {
    return (await import('./program.js')).handleError(e, ctx);
  }
}

