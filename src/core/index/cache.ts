// Where index files live and how they are found: by the SHA-256 of the data file's bytes. A small "stat memo"
// per data path remembers (size, mtime, ctime, inode) → hash, so an unchanged file is not re-hashed on every
// run; it is trusted only when the file's mtime is safely older than the moment the memo was written (the
// "racy git" rule), otherwise the bytes are hashed again.
//
// The cache folder is hostile ground too:
// - it is created one level at a time in a bounded loop (never `mkdir -p`, which spins forever under /proc);
//   a folder that cannot be made or written is reported once per run and the run goes on without a cache;
// - files are written to a temporary name in the same folder and renamed into place; temporary files of a
//   build that was killed are removed by the next run that writes;
// - one build per index at a time: an O_EXCL lock file beside it (pid and start time inside; a lock whose
//   process is gone, or older than STALE_MS, is broken). A pure-Node lock rather than a library such as
//   proper-lockfile: that one locks with mkdir + mtime polling, which needs timers (our load is synchronous)
//   and would be one more dependency for ~40 lines;
// - old indexes are evicted after each write: the newest KEEP_INDEXES stay, and at most MAX_CACHE_BYTES in all.

import {
  closeSync, constants, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, utimesSync, writeSync,
  accessSync, type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, parse as parsePath, resolve, sep } from 'node:path';
import { INDEX_VERSION } from './store.js';
import { readBounded } from '../limits.js';

// node:crypto and node:os cost a few ms to load; start-up without --data never needs them.
const builtin = createRequire(import.meta.url);
const crypto = (): typeof import('node:crypto') => builtin('node:crypto');
const homedir = (): string => (builtin('node:os') as typeof import('node:os')).homedir();

type Env = Record<string, string | undefined>;

/** $ZIBO_CACHE_DIR, else $XDG_CACHE_HOME/zibo, else ~/.cache/zibo. */
export function cacheDir(env: Env = process.env): string {
  if (env.ZIBO_CACHE_DIR) return resolve(env.ZIBO_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'zibo');
  return join(homedir(), '.cache', 'zibo');
}

export const indexPath = (dir: string, dataHash: string) => join(dir, `index-v${INDEX_VERSION}-${dataHash}.zix`);

export const sha256Hex = (data: Uint8Array | string) => crypto().createHash('sha256').update(data).digest('hex');
/** A SHA-256 fed in pieces. */
export const sha256Hash = () => crypto().createHash('sha256');

/** A path holding more levels than this is not created (a loop guard, far above any real cache path). */
const MAX_DEPTH = 64;

/**
 * Makes `dir` (and missing parents) one level at a time, then checks it is a writable folder. Returns why it
 * cannot be used, or undefined when it can. Never loops: one mkdir per missing level, at most MAX_DEPTH.
 */
export function ensureDir(dir: string): string | undefined {
  const abs = resolve(dir);
  const root = parsePath(abs).root;
  const parts = abs.slice(root.length).split(sep).filter(Boolean);
  if (parts.length > MAX_DEPTH) return `more than ${MAX_DEPTH} levels deep`;
  // Find the deepest level that exists, then create the rest downwards.
  let have = parts.length;
  for (; have > 0; have--) {
    try {
      statSync(root + parts.slice(0, have).join(sep));
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') return code ?? String(e);
    }
  }
  for (let i = have + 1; i <= parts.length; i++) {
    try {
      mkdirSync(root + parts.slice(0, i).join(sep));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') return code ?? String(e);
    }
  }
  try {
    if (!statSync(abs).isDirectory()) return 'not a folder';
    accessSync(abs, constants.W_OK | constants.X_OK);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? String(e);
  }
  return undefined;
}

/** A file's mtime must be this much older than the memo for the memo to be trusted. */
const RACY_MS = 2000;

interface StatMemo {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  hash: string;
  writtenAt: number;
}

const memoPath = (dir: string, file: string) => join(dir, `stat-${sha256Hex(resolve(file)).slice(0, 24)}.json`);

/** The content hash from the memo, when the file is unchanged since it was written; else undefined. */
export function memoHash(dir: string, file: string, st: Stats): string | undefined {
  try {
    // Bounded and regular files only: a FIFO or a huge file planted at the memo's path is just no memo.
    const m = JSON.parse(readBounded(memoPath(dir, file), { env: '', bytes: 4096 }, { fifo: false }).toString('utf8')) as StatMemo;
    const same = m.size === st.size && m.mtimeMs === st.mtimeMs && m.ctimeMs === st.ctimeMs && m.ino === st.ino;
    if (same && typeof m.hash === 'string' && /^[0-9a-f]{64}$/.test(m.hash) && st.mtimeMs < m.writtenAt - RACY_MS) {
      return m.hash;
    }
  } catch {
    // no memo, or a broken one: hash the bytes
  }
  return undefined;
}

export function writeMemo(dir: string, file: string, st: Stats, hash: string): void {
  const memo: StatMemo = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, hash, writtenAt: Date.now() };
  try {
    writeAtomic(memoPath(dir, file), JSON.stringify(memo));
  } catch {
    // a read-only cache only costs speed
  }
}

const TMP_MARK = '.tmp-';

/** Writes through a temporary file in the same folder and renames it over `path` (atomic on one filesystem). */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  writeAtomicStream(path, (write) => {
    write(bytes);
    return undefined;
  });
}

/**
 * Like writeAtomic, for a file made part by part: `produce` writes parts in order and may return a head to be
 * written over the start of the file at the end (a header that needs the sizes of what follows).
 */
export function writeAtomicStream(path: string, produce: (write: (part: Uint8Array) => void) => Uint8Array | undefined): void {
  const tmp = `${path}${TMP_MARK}${process.pid}-${crypto().randomBytes(4).toString('hex')}`;
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      let pos = 0;
      const put = (p: Uint8Array, at: number) => {
        let off = 0;
        while (off < p.length) off += writeSync(fd, p, off, p.length - off, at + off);
      };
      const head = produce((p) => {
        put(p, pos);
        pos += p.length;
      });
      if (head) put(head, 0);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

const alive = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A temporary file older than this is removed even if its pid is alive (pids are reused). */
const TMP_STALE_MS = 10 * 60_000;

/** Removes temporary files left by builds that were killed (their process is gone, or they are old). */
export function sweepTemps(dir: string, now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const at = name.indexOf(TMP_MARK);
    if (at < 0) continue;
    const pid = Number(name.slice(at + TMP_MARK.length).split('-')[0]);
    const path = join(dir, name);
    let old = false;
    try {
      old = now - statSync(path).mtimeMs > TMP_STALE_MS;
    } catch {
      continue;
    }
    if (pid === process.pid && !old) continue;
    if (old || !alive(pid)) {
      try {
        unlinkSync(path);
        removed++;
      } catch {
        // another run removed it
      }
    }
  }
  return removed;
}

/** A lock older than this is broken whatever its pid says (a build of 100k facts takes a few seconds). */
const STALE_MS = 120_000;

export interface Lock {
  release(): void;
}

/**
 * Takes the build lock of `path` (an O_EXCL file `<path>.lock`), breaking a stale one. Returns undefined when
 * another live process holds it; throws when the lock file cannot be made at all (a read-only folder).
 */
export function tryLock(path: string, now = Date.now()): Lock | undefined {
  const lock = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o644);
      try {
        writeSync(fd, `${process.pid} ${now}\n`);
      } finally {
        closeSync(fd);
      }
      let held = true;
      return {
        release() {
          if (!held) return;
          held = false;
          try {
            unlinkSync(lock);
          } catch {
            // broken by another run as stale: nothing to do
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // the folder cannot be written: the caller notes it
      if (!lockIsStale(lock, now)) return undefined;
      try {
        unlinkSync(lock);
      } catch {
        // another run broke it first; try once more
      }
    }
  }
  return undefined;
}

export function lockIsStale(lock: string, now = Date.now()): boolean {
  try {
    const st = statSync(lock);
    if (!st.isFile()) return true;
    if (now - st.mtimeMs > STALE_MS) return true;
    const pid = Number(readBounded(lock, { env: '', bytes: 64 }, { fifo: false }).toString('utf8').split(' ')[0]);
    return !alive(pid);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT' ? true : false;
  }
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** A synchronous pause (the data file is loaded synchronously). */
export const sleepMs = (ms: number): void => void Atomics.wait(sleepCell, 0, 0, ms);

/**
 * Waits while another process builds `path`: until its lock is gone or stale, at most `maxMs`. Returns true
 * when the lock went away (the index is then probably there).
 */
export function waitForBuild(path: string, maxMs: number): boolean {
  const lock = `${path}.lock`;
  const until = Date.now() + maxMs;
  let step = 10;
  while (Date.now() < until) {
    try {
      statSync(lock);
    } catch {
      return true;
    }
    if (lockIsStale(lock)) return true;
    sleepMs(step);
    step = Math.min(step * 2, 200);
  }
  return false;
}

/** The newest this many indexes are kept... */
export const KEEP_INDEXES = 8;
/** ...within this many bytes in all (ZIBO_CACHE_MAX_BYTES overrides). */
export const MAX_CACHE_BYTES = 2 * 1024 ** 3;
/** Stat memos kept (one per data path ever used). */
const KEEP_MEMOS = 64;

/**
 * Evicts old cache files: indexes beyond the newest `keep`, or past `maxBytes` in all, oldest (by mtime, which
 * a run that uses an index refreshes) first; memos beyond KEEP_MEMOS. `spare` is never removed.
 */
export function evict(dir: string, opts: { keep?: number; maxBytes?: number; spare?: string } = {}): string[] {
  const keep = opts.keep ?? KEEP_INDEXES;
  const maxBytes = opts.maxBytes ?? MAX_CACHE_BYTES;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files = (re: RegExp) =>
    names
      .filter((n) => re.test(n))
      .flatMap((n) => {
        try {
          const st = statSync(join(dir, n));
          return st.isFile() ? [{ path: join(dir, n), mtime: st.mtimeMs, size: st.size }] : [];
        } catch {
          return [];
        }
      })
      .sort((a, b) => b.mtime - a.mtime);
  const removed: string[] = [];
  const drop = (path: string) => {
    try {
      unlinkSync(path);
      removed.push(path);
    } catch {
      // gone already
    }
  };
  const indexes = files(/^index-v\d+-[0-9a-f]{64}\.zix$/);
  const spared = indexes.find((f) => f.path === opts.spare);
  let total = spared?.size ?? 0;
  let kept = spared ? 1 : 0;
  for (const f of indexes) {
    if (f === spared) continue;
    if (kept >= keep || total + f.size > maxBytes) drop(f.path);
    else {
      total += f.size;
      kept++;
    }
  }
  files(/^stat-[0-9a-f]{24}\.json$/).slice(KEEP_MEMOS).forEach((f) => drop(f.path));
  return removed;
}

/** Marks an index as just used, so that eviction keeps it (at most once an hour per file). */
export function touch(path: string, st?: Stats): void {
  try {
    const m = st?.mtimeMs ?? statSync(path).mtimeMs;
    if (Date.now() - m < 3_600_000) return;
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // read-only cache: eviction order is only a little less fair
  }
}

export const statFile = (file: string) => statSync(file);
