// The one IO object every command writes through. Colour and language are decided here, once, so that no
// library (chalk, cli-table3/@colors) makes its own decision later.

import { fstatSync, writeSync } from 'node:fs';

export interface TextSink {
  write(s: string): unknown;
}

export type Lang = 'en' | 'zh';

export interface IO {
  stdout: TextSink;
  stderr: TextSink;
  /** stdout is a terminal: render tables, not TSV. */
  isTTY: boolean;
  /** Width available for output (terminal columns; 80 when not a terminal). */
  columns: number;
  /** The colour decision. Renderers must not emit escape codes when false. */
  color: boolean;
  lang: Lang;
  env: Record<string, string | undefined>;
}

/** Flags that must be known before argument parsing: they decide how errors of the parse itself look. */
export interface EarlyFlags {
  noColor: boolean;
  lang?: Lang;
}

/** Scans raw argv for --no-color and --lang (commander validates them again later). */
export function scanEarlyFlags(argv: readonly string[]): EarlyFlags {
  const flags: EarlyFlags = { noColor: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--no-color') flags.noColor = true;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === 'en' || v === 'zh') flags.lang = v;
  }
  return flags;
}

/**
 * Colour rules (documented in README): --no-color → off; NO_COLOR non-empty → off; FORCE_COLOR → on unless it
 * is "0" (then off) or empty; TERM=dumb → off; otherwise on exactly when stdout is a terminal.
 */
export function decideColor(isTTY: boolean, env: IO['env'], noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** --lang wins; else a zh_* locale in LC_ALL, LC_MESSAGES or LANG (first one set) gives Chinese. */
export function decideLang(env: IO['env'], flag?: Lang): Lang {
  if (flag) return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh([_.-]|$)/i.test(locale) ? 'zh' : 'en';
}

interface ErrorEmitter {
  on(event: 'error', fn: (err: NodeJS.ErrnoException) => void): unknown;
}

/**
 * A closed pipe (`zibo facts | head -1`) is not an error: end quietly with exit 0. Any other stream error is
 * reported by `other`. Returned for tests; `exit` is injected so it can be observed.
 */
export function guardPipe(stream: ErrorEmitter, exit: (code: number) => void, other: (err: Error) => void): void {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') exit(0);
    else other(err);
  });
}

/** What `fdSink` needs from the process; injected so that tests can drive it. */
export interface FdSinkDeps {
  writeSync(fd: number, buf: Uint8Array, offset: number): number;
  /** The process's own stream for the fd, made on first need (Node builds it lazily, loading net and stream). */
  stream(): TextSink;
  /** The reader went away. */
  closed(): void;
}

/**
 * A sink writing straight to a file descriptor that is not a terminal (a pipe or a file). Creating
 * process.stdout costs ~2 ms (Node loads its stream and socket modules), a tenth of the start-up budget; a
 * synchronous write is what Node itself does for pipes and files on Linux. A non-blocking descriptor that is full
 * (EAGAIN) hands the rest, and every later write, to the process's stream, which waits for the reader; a closed
 * pipe (EPIPE) ends quietly, as guardPipe does for streams.
 */
export function fdSink(fd: number, deps: FdSinkDeps): TextSink {
  let stream: TextSink | undefined;
  return {
    write(s: string) {
      if (stream) return stream.write(s);
      const buf = Buffer.from(s, 'utf8');
      let at = 0;
      while (at < buf.length) {
        try {
          at += deps.writeSync(fd, buf, at);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') return deps.closed();
          if (code !== 'EAGAIN') throw e;
          stream = deps.stream();
          return stream.write(buf.subarray(at).toString('utf8'));
        }
      }
      return true;
    },
  };
}

/** Whether fd 1 is surely not a terminal (a pipe, socket or file), found without loading node:tty. */
function surelyNotTerminal(fd: number): boolean {
  try {
    return !fstatSync(fd).isCharacterDevice();
  } catch {
    return false; // closed or odd: let Node's own stream decide
  }
}

/** What terminalWidth uses of Node's tty binding (the one tty.WriteStream is built on). */
export interface TtyBinding {
  isTTY(fd: number): boolean;
  TTY: new (fd: number, ctx: { code?: string }) => {
    setBlocking(blocking: boolean): number;
    getWindowSize(size: number[]): number;
    close(): void;
  };
}

const nodeTtyBinding = (): TtyBinding =>
  (process as unknown as { binding(name: string): TtyBinding }).binding('tty_wrap');

/** Whether Node was asked to warn about pending deprecations, process.binding among them. */
const pendingDeprecation = (env: IO['env'], execArgv: readonly string[]): boolean =>
  env.NODE_PENDING_DEPRECATION === '1' ||
  execArgv.includes('--pending-deprecation') ||
  (env.NODE_OPTIONS ?? '').includes('--pending-deprecation');

/**
 * The width of the terminal on fd, read the way tty.WriteStream reads it but without building process.stdout:
 * that stream costs ~2 ms of start-up (Node loads net and stream for it), a sixth of the whole budget (BENCHMARKS.md).
 * Exactly what tty.WriteStream does to the descriptor is done here too: libuv reopens the terminal non-blocking,
 * and it is set back to blocking, so that synchronous writes to fd 1 behave as process.stdout's do. Undefined
 * whenever anything is unusual (not a terminal, no binding, an error, Node asked to warn about pending
 * deprecations, which include process.binding): the caller then builds process.stdout as usual.
 */
export function terminalWidth(
  fd: number,
  env: IO['env'],
  binding: () => TtyBinding = nodeTtyBinding,
  execArgv: readonly string[] = process.execArgv,
): number | undefined {
  if (pendingDeprecation(env, execArgv)) return undefined;
  try {
    const tty = binding();
    if (!tty.isTTY(fd)) return undefined;
    const ctx: { code?: string } = {};
    const handle = new tty.TTY(fd, ctx);
    if (ctx.code !== undefined) return undefined;
    const size: number[] = [];
    const ok = handle.setBlocking(true) === 0 && handle.getWindowSize(size) === 0;
    handle.close(); // libuv never closes fds 0-2 with their handle
    return ok && size[0]! > 0 ? size[0] : undefined;
  } catch {
    return undefined;
  }
}

/** A stream sink made on first write, with its pipe guard (no stderr stream is built for a run that prints none). */
function lazyStream(get: () => NodeJS.WriteStream, guard: (s: NodeJS.WriteStream) => void): TextSink {
  let stream: NodeJS.WriteStream | undefined;
  return {
    write(s: string) {
      if (!stream) guard((stream = get()));
      return stream.write(s);
    },
  };
}

export function createProcessIO(argv: readonly string[]): IO {
  const env = process.env;
  const early = scanEarlyFlags(argv);
  // A reader that went away owes us nothing: nothing more can be delivered, so exiting at once is safe here.
  const quit = (code: number) => process.exit(code);
  const guardOut = (s: NodeJS.WriteStream) => guardPipe(s, quit, (e) => { throw e; });
  const stderr = lazyStream(() => process.stderr, (s) => guardPipe(s, quit, () => undefined));
  const direct = () =>
    fdSink(1, {
      writeSync,
      stream: () => {
        guardOut(process.stdout);
        return process.stdout;
      },
      closed: () => quit(0),
    });
  const lang = decideLang(env, early.lang);
  if (surelyNotTerminal(1)) {
    return { stdout: direct(), stderr, isTTY: false, columns: 80, color: decideColor(false, env, early.noColor), lang, env };
  }
  const width = terminalWidth(1, env);
  if (width !== undefined) {
    return { stdout: direct(), stderr, isTTY: true, columns: width, color: decideColor(true, env, early.noColor), lang, env };
  }
  const isTTY = process.stdout.isTTY === true;
  guardOut(process.stdout);
  return {
    stdout: process.stdout,
    stderr,
    isTTY,
    columns: isTTY && process.stdout.columns ? process.stdout.columns : 80,
    color: decideColor(isTTY, env, early.noColor),
    lang,
    env,
  };
}
