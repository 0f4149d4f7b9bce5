// Bounded, strict reading of text from outside (a draft, a release, a --data file): only regular files and
// pipes (FIFOs) are read, never a folder, a device such as /dev/zero, or a socket; reading stops one byte past
// the size limit; the bytes must be UTF-8. Each failure is a ReadError that says what was wrong, so that the
// caller can word it (the CLI in the user's language, the data-file loader naming the file).

import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

type Env = Record<string, string | undefined>;

/** A draft or release read by `check`/`extract`/`add`: 64 MiB unless ZIBO_MAX_INPUT_BYTES says otherwise. */
export const INPUT_LIMIT = { env: 'ZIBO_MAX_INPUT_BYTES', bytes: 64 * 1024 * 1024 } as const;
/** A `--data` facts file: 256 MiB unless ZIBO_MAX_DATA_BYTES says otherwise. */
export const DATA_LIMIT = { env: 'ZIBO_MAX_DATA_BYTES', bytes: 256 * 1024 * 1024 } as const;

export interface Limit {
  /** The environment variable that overrides it, named in the error message. */
  env: string;
  bytes: number;
}

/** The limit in force: the env variable when it is a positive whole number of bytes, else the default. */
export function limitFrom(env: Env, def: { env: string; bytes: number }): Limit {
  const raw = env[def.env]?.trim();
  if (raw && /^\d{1,15}$/.test(raw) && Number(raw) > 0) return { env: def.env, bytes: Number(raw) };
  return { env: def.env, bytes: def.bytes };
}

export type ReadErrorKind = 'missing' | 'denied' | 'directory' | 'not-regular' | 'too-big' | 'not-utf8' | 'nul' | 'io';

export class ReadError extends Error {
  override name = 'ReadError';
  constructor(
    readonly kind: ReadErrorKind,
    message: string,
    /** too-big: the limit; not-utf8/nul: the byte offset of the first bad byte. */
    readonly at?: number,
    readonly limit?: Limit,
  ) {
    super(message);
  }
}

const MiB = 1024 * 1024;
/** "64 MiB" or "1000 bytes": the limit as a person reads it. */
export const showBytes = (n: number): string => (n >= MiB && n % MiB === 0 ? `${n / MiB} MiB` : `${n} bytes`);

export function tooBig(limit: Limit): ReadError {
  return new ReadError('too-big', `larger than ${showBytes(limit.bytes)} (raise the limit with ${limit.env}=<bytes>)`, limit.bytes, limit);
}

function errnoError(e: unknown): ReadError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ReadError('missing', 'no such file');
  if (code === 'EACCES' || code === 'EPERM') return new ReadError('denied', 'permission denied');
  if (code === 'EISDIR') return new ReadError('directory', 'it is a directory');
  return new ReadError('io', code ?? String((e as Error)?.message ?? e));
}

/** What kind of thing a stat is, for "not a regular file" messages. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads the file at `path` (a regular file or a FIFO) up to `limit.bytes`; anything else, or more bytes, is a
 * ReadError. The type is checked with fstat on the open descriptor, so a file swapped after a stat cannot slip
 * through. `fifo: false` refuses FIFOs too (a cache file, the index beside a data file).
 */
export function readBounded(path: string, limit: Limit, opts: { fifo?: boolean } = {}): Buffer {
  const fifo = opts.fifo ?? true;
  let fd: number;
  let blocking = false;
  try {
    // A FIFO is opened blocking (it waits for a writer, as `cat` does); anything else with O_NONBLOCK, so that a
    // device or a FIFO swapped in meanwhile cannot hang the open before fstat refuses it.
    blocking = fifo && statSync(path).isFIFO();
    fd = openSync(path, blocking ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw errnoError(e);
  }
  try {
    let st: Stats;
    try {
      st = fstatSync(fd);
    } catch (e) {
      throw errnoError(e);
    }
    if (st.isDirectory()) throw new ReadError('directory', 'it is a directory');
    const isFifo = st.isFIFO();
    if (!st.isFile() && !(fifo && isFifo && blocking)) {
      throw new ReadError('not-regular', `${kindOf(st)}; only regular files${fifo ? ', pipes and stdin' : ''} are read`);
    }
    if (st.isFile() && st.size > limit.bytes) throw tooBig(limit);
    return readFdBounded(fd, limit, st.isFile() ? st.size : 64 * 1024);
  } finally {
    closeSync(fd);
  }
}

function readFdBounded(fd: number, limit: Limit, sizeHint: number): Buffer {
  // A regular file may grow between fstat and read: read until EOF, one byte past the limit at most.
  let buf = Buffer.allocUnsafe(Math.min(limit.bytes + 1, Math.max(sizeHint + 1, 1)));
  let got = 0;
  for (;;) {
    if (got === buf.length) {
      if (got > limit.bytes) throw tooBig(limit);
      const next = Buffer.allocUnsafe(Math.min(limit.bytes + 1, buf.length * 2));
      buf.copy(next, 0, 0, got);
      buf = next;
    }
    let n: number;
    try {
      n = readSync(fd, buf, got, buf.length - got, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw errnoError(e);
    }
    if (n === 0) break;
    got += n;
  }
  if (got > limit.bytes) throw tooBig(limit);
  return buf.subarray(0, got);
}

/** Reads an async byte stream (stdin) up to the limit; stops reading, and fails, one byte past it. */
export async function readStreamBounded(stream: AsyncIterable<Buffer | string>, limit: Limit): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    got += b.length;
    if (got > limit.bytes) throw tooBig(limit); // leaving the loop destroys the stream: nothing more is read
    chunks.push(b);
  }
  return Buffer.concat(chunks, got);
}

/**
 * Byte offset of the first byte that is not part of well-formed UTF-8 (no overlongs, surrogates or code points
 * past U+10FFFF; a sequence cut short by the end counts at its first byte), or -1 when all of it is UTF-8.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  if (isUtf8(b)) return -1;
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i; // cut short by the end
    const b1 = b[i + 1]!;
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const x = b[i + k]!;
      if (x < 0x80 || x > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Bytes as UTF-8 text, a leading BOM dropped; invalid UTF-8 (or, with `nul: false`, a NUL byte) is a ReadError. */
export function decodeUtf8(bytes: Uint8Array, opts: { nul?: boolean } = {}): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw new ReadError('not-utf8', `not UTF-8: invalid byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte offset ${bad}`, bad);
  if (opts.nul === false) {
    const z = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0);
    if (z >= 0) throw new ReadError('nul', `not UTF-8 text: NUL byte at byte offset ${z}`, z);
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Opens `path` for reading if it is a regular file: O_NONBLOCK, so that a FIFO or a device planted at the path cannot
 * hang the open, then fstat. The descriptor and size, or undefined (and nothing left open) for anything else;
 * errors of the open itself are thrown.
 */
export function openRegular(path: string): { fd: number; size: number } | undefined {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (st.isFile()) return { fd, size: st.size };
  } catch {
    // fstat failed: not a file we can read
  }
  closeSync(fd);
  return undefined;
}

