// The one IO object every command writes through. Colour and language are decided here, once, so that no
// library (chalk, cli-table3/@colors) makes its own decision later.

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

export function createProcessIO(argv: readonly string[]): IO {
  const env = process.env;
  const early = scanEarlyFlags(argv);
  const isTTY = process.stdout.isTTY === true;
  // A reader that went away owes us nothing: nothing more can be delivered, so exiting at once is safe here.
  const quit = (code: number) => process.exit(code);
  guardPipe(process.stdout, quit, (e) => { throw e; });
  guardPipe(process.stderr, quit, () => undefined);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY,
    columns: isTTY && process.stdout.columns ? process.stdout.columns : 80,
    color: decideColor(isTTY, env, early.noColor),
    lang: decideLang(env, early.lang),
    env,
  };
}
