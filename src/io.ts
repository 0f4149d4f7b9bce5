// The one IO object every command writes through. Colour, width and language are decided here, once, so that no
// library (chalk, cli-table3) makes a decision of its own later. Nothing here reads the command line: the flags
// that change a decision (--color, --no-color, --lang) are parsed by commander and applied with `withFlags`.

import { fstatSync, writeSync } from 'node:fs';

export interface TextSink {
  write(s: string): unknown;
  /** Whether it holds bytes the OS has not taken yet (a stream still writing); a sink that writes synchronously holds none. */
  holding?(): boolean;
}

/** Whether a Node stream (when one was made) still holds bytes it has not handed to the OS. */
const holds = (s: { writableLength?: number } | undefined): boolean => (s?.writableLength ?? 0) > 0;

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** `--color <when>`; `--no-color` is `never`. */
export type ColorWhen = 'auto' | 'always' | 'never';
export const COLOR_WHEN: readonly ColorWhen[] = ['auto', 'always', 'never'];

export interface IO {
  stdout: TextSink;
  stderr: TextSink;
  /** stdout is a terminal: render tables, not TSV. */
  isTTY: boolean;
  /** Width available for output: COLUMNS if set, else the terminal's columns, else 80. */
  columns: number;
  /** The colour decision. Renderers must not emit escape codes when false (chalk's level is 0 then). */
  color: boolean;
  lang: Lang;
  env: Record<string, string | undefined>;
  /** The process's IO only: whether everything written has reached the OS, so that the process can end at once. */
  flushed?(): boolean;
}

/**
 * Colour rules (documented in README): --no-color / --color never → off; --color always → on; otherwise
 * (auto) NO_COLOR non-empty → off; FORCE_COLOR → on unless it is "0"/"false" (then off) or empty; TERM=dumb → off;
 * otherwise on exactly when stdout is a terminal.
 */
export function decideColor(isTTY: boolean, env: IO['env'], when: ColorWhen = 'auto'): boolean {
  if (when !== 'auto') return when === 'always';
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

/** COLUMNS (a positive integer, in a pipe too), else the terminal's width, else 80. */
export function decideColumns(env: IO['env'], terminal: number | undefined): number {
  const c = env.COLUMNS?.trim();
  if (c && /^\d{1,5}$/.test(c) && Number(c) > 0) return Number(c);
  return terminal && terminal > 0 ? terminal : 80;
}

/** The global flags as commander parsed them (see src/cli/program.ts). */
export interface GlobalFlags {
  /** `--color <when>` gives its value, `--no-color` false; absent: undefined. */
  color?: ColorWhen | boolean;
  lang?: Lang;
}

/** The IO with the global flags applied: a colour flag re-decides colour, --lang sets the language. */
export function withFlags(io: IO, flags: GlobalFlags): IO {
  const when: ColorWhen | undefined = flags.color === false ? 'never' : typeof flags.color === 'string' ? flags.color : undefined;
  return {
    ...io,
    color: when ? decideColor(io.isTTY, io.env, when) : io.color,
    lang: flags.lang ?? io.lang,
  };
}

interface ErrorEmitter {
  on(event: 'error', fn: (err: NodeJS.ErrnoException) => void): unknown;
}

/** A write that failed because the reader went away: not an error for a command-line tool. */
export const readerGone = (err: NodeJS.ErrnoException): boolean => err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED';

/**
 * A closed pipe (`zibo facts | head -1`) is not an error: end quietly with exit 0. Any other stream error is
 * reported by `other`. Returned for tests; `exit` is injected so it can be observed.
 */
export function guardPipe(stream: ErrorEmitter, exit: (code: number) => void, other: (err: Error) => void): void {
  stream.on('error', (err) => {
    if (readerGone(err)) exit(0);
    else other(err);
  });
}

/** What `fdSink` needs from the process; injected so that tests can drive it. */
export interface FdSinkDeps {
  writeSync(fd: number, buf: Uint8Array, offset: number): number;
  /** The process's own stream for the fd, made on first need (a full non-blocking pipe). */
  stream(): TextSink & { writableLength?: number };
  /** The reader went away. */
  closed(): void;
  /** Any other write error (ENOSPC, EIO, EBADF…); thrown when not given. */
  failed?(err: NodeJS.ErrnoException): void;
}

/**
 * A sink writing straight to a file descriptor that is not a terminal (a pipe or a file): a synchronous write is
 * what Node itself does for pipes and files on Linux, without building process.stdout. A non-blocking descriptor
 * that is full (EAGAIN) hands the rest, and every later write, to the process's stream, which waits for the reader;
 * a closed pipe (EPIPE) ends quietly, as guardPipe does for streams.
 */
export function fdSink(fd: number, deps: FdSinkDeps): TextSink {
  let stream: (TextSink & { writableLength?: number }) | undefined;
  return {
    holding: () => holds(stream),
    write(s: string) {
      if (stream) return stream.write(s);
      const buf = Buffer.from(s, 'utf8');
      let at = 0;
      while (at < buf.length) {
        try {
          at += deps.writeSync(fd, buf, at);
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          if (err.code === 'EPIPE') return deps.closed();
          if (err.code !== 'EAGAIN') {
            if (!deps.failed) throw e;
            return deps.failed(err);
          }
          stream = deps.stream();
          return stream.write(buf.subarray(at).toString('utf8'));
        }
      }
      return true;
    },
  };
}

/** `zibo: cannot write output: <reason>` (exit 2): stdout is a full disk, a bad descriptor, a broken device… */
export function writeFailure(err: NodeJS.ErrnoException): string {
  const reason = (err.message || String(err.code)).replace(/, write$/, '');
  return `zibo: cannot write output: ${reason}\n`;
}

/** A stream sink made on first write, with its pipe guard (no stderr stream is built for a run that prints none). */
function lazyStream(get: () => NodeJS.WriteStream, guard: (s: NodeJS.WriteStream) => void): TextSink {
  let stream: NodeJS.WriteStream | undefined;
  return {
    holding: () => holds(stream),
    write(s: string) {
      if (!stream) guard((stream = get()));
      return stream.write(s);
    },
  };
}

/**
 * Whether fd is a character device (a terminal, /dev/null, /dev/full…), found without loading node:tty: building
 * process.stdout loads tty, net and stream (~2 ms), which a pipe or a file does not need.
 */
function characterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

/** The process's IO, before any flag: colour and language from the environment and the terminal. */
export function createProcessIO(): IO {
  const env = process.env;
  // A reader that went away owes us nothing: nothing more can be delivered, so exiting at once is safe here.
  const quit = (code: number) => process.exit(code);
  const fail = (err: NodeJS.ErrnoException) => {
    try {
      writeSync(2, writeFailure(err));
    } catch {
      // stderr is gone too: the exit code still tells
    }
    quit(2);
  };
  const guardOut = (s: NodeJS.WriteStream) => guardPipe(s, quit, fail);
  const stderr = lazyStream(() => process.stderr, (s) => guardPipe(s, quit, () => undefined));
  const lang = decideLang(env);
  if (characterDevice(1) && process.stdout.isTTY) {
    // A terminal: Node's tty.WriteStream writes synchronously and knows the width.
    guardOut(process.stdout);
    const columns = decideColumns(env, process.stdout.columns);
    const flushed = () => !holds(process.stdout) && !stderr.holding!();
    return { stdout: process.stdout, stderr, isTTY: true, columns, color: decideColor(true, env), lang, env, flushed };
  }
  const stdout = fdSink(1, {
    writeSync,
    stream: () => {
      guardOut(process.stdout);
      return process.stdout;
    },
    closed: () => quit(0),
    failed: fail,
  });
  const flushed = () => !stdout.holding!() && !stderr.holding!();
  return { stdout, stderr, isTTY: false, columns: decideColumns(env, undefined), color: decideColor(false, env), lang, env, flushed };
}
