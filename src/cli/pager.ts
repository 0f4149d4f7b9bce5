// Long output on a terminal goes through a pager, as gh and git do (cli/cli pkg/iostreams StartPager):
// $ZIBO_PAGER, else $PAGER, else `less -FRX`; LESS=FRX and LV=-c are set for the pager unless already set.
// Never in a pipe, never with --no-pager, never for output that fits the terminal. A pager that cannot be started
// (not installed) is no error: the output is written directly. A pager closed early (q in less) is no error either:
// the rest of the output has nowhere to go, and the run ends with exit 0.

import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { IO } from '../io.js';

/**
 * The pager command line, split into words by the shell as git's is (so quoting and arguments work as typed).
 * `ZIBO_PAGER=` (empty) or `cat` means no pager, as in gh.
 */
export function pagerCommand(env: IO['env']): string | undefined {
  const cmd = (env.ZIBO_PAGER ?? env.PAGER ?? 'less -FRX').trim();
  return cmd === '' || cmd === 'cat' ? undefined : cmd;
}

/** Exit codes of a shell that could not run the command (not found, not executable). */
const NOT_RUN = new Set([126, 127]);

/**
 * Run by `sh -c` with the command in $ZIBO_PAGER_COMMAND: the shell splits it into words (quotes as typed), checks
 * quietly that the program exists (exit 127 if not, with no "not found" on the terminal), then becomes the pager,
 * with stdout and stderr the terminal's (less reads keys from stderr when /dev/tty cannot be opened).
 */
const LAUNCH = 'eval "set -- $ZIBO_PAGER_COMMAND" && command -v -- "$1" >/dev/null 2>&1 || exit 127; exec "$@"';

/**
 * Rows of the terminal stdout is on: `io.rows` when the IO knows it, else Node's own stdout (only for the process's
 * IO: a test's fake IO carries its own env object, so it never pages unless it sets `rows`).
 */
export function terminalRows(io: IO): number | undefined {
  const own = (io as IO & { rows?: number }).rows;
  if (typeof own === 'number') return own > 0 ? own : undefined;
  if (!io.isTTY || io.env !== process.env) return undefined;
  const rows = process.stdout.isTTY ? process.stdout.rows : undefined;
  return rows && rows > 0 ? rows : undefined;
}

/** Lines `text` takes on the terminal (its rendering fits the width, so wrapped lines are not counted). */
export function lineCount(text: string): number {
  if (!text) return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/**
 * Whether `text` goes through a pager: stdout a terminal, paging not turned off, a pager configured, taller than the
 * terminal. The height is looked up last (for the process's own IO it costs building process.stdout).
 */
export function shouldPage(io: IO, text: string, noPager: boolean, rows: number | undefined | (() => number | undefined) = () => terminalRows(io)): boolean {
  if (!io.isTTY || noPager || !text || pagerCommand(io.env) === undefined) return false;
  const height = typeof rows === 'function' ? rows() : rows;
  return height !== undefined && lineCount(text) >= height;
}

export interface PagerDeps {
  spawn?: (cmd: string, args: string[], opts: SpawnOptions) => ChildProcess;
}

/**
 * A started pager: write the text, then `end()` waits until the reader quits; it resolves to false when the shell
 * could not run the pager command (exit 126/127), and the text is then still the caller's to write.
 */
export interface Pager {
  write(s: string): void;
  end(): Promise<boolean>;
}

/**
 * Starts the pager for `io`'s environment, with stdin a pipe and stdout/stderr the terminal; undefined when there
 * is none to start (no pager configured, or it could not be spawned).
 */
export async function startPager(io: IO, deps: PagerDeps = {}): Promise<Pager | undefined> {
  const cmd = pagerCommand(io.env);
  if (!cmd) return undefined;
  const env: Record<string, string | undefined> = { ...io.env };
  env.LESS ??= 'FRX';
  env.LV ??= '-c';
  env.ZIBO_PAGER_COMMAND = cmd;
  let child: ChildProcess;
  try {
    child = (deps.spawn ?? nodeSpawn)('sh', ['-c', LAUNCH], { stdio: ['pipe', 'inherit', 'inherit'], env });
  } catch {
    return undefined;
  }
  const started = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  const stdin = child.stdin;
  if (!started || !stdin) return undefined;
  const closed = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('close', (code) => resolve(code));
  });
  // q in less closes its stdin: EPIPE on our side, which only means nobody wants the rest.
  stdin.on('error', () => undefined);
  // Ctrl-C belongs to the pager while it runs (less uses it to stop a search); zibo waits for the pager to quit.
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  return {
    write: (s) => void (stdin.destroyed || stdin.write(s)),
    end: async () => {
      if (!stdin.destroyed) stdin.end();
      const code = await closed;
      process.off('SIGINT', ignore);
      return code === null || !NOT_RUN.has(code);
    },
  };
}

/** Writes `text` to stdout, through the pager when it is long and stdout is a terminal. */
export async function writePaged(io: IO, text: string, noPager: boolean, deps: PagerDeps & { rows?: number } = {}): Promise<void> {
  if (!text) return;
  if (shouldPage(io, text, noPager, deps.rows ?? (() => terminalRows(io)))) {
    const pager = await startPager(io, deps);
    if (pager) {
      pager.write(text);
      if (await pager.end()) return;
    }
  }
  io.stdout.write(text);
}
