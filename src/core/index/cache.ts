// Where index files live and how they are found: by the SHA-256 of the data file's bytes. A small "stat memo"
// per data path remembers (size, mtime, ctime, inode) → hash, so an unchanged file is not re-hashed on every
// run; it is trusted only when the file's mtime is safely older than the moment the memo was written (the
// "racy git" rule), otherwise the bytes are hashed again. Files are written to a temporary name in the same
// folder and renamed into place, so two processes building at once both end with a complete file.

import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { INDEX_VERSION } from './store.js';

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
    const m = JSON.parse(readFileSync(memoPath(dir, file), 'utf8')) as StatMemo;
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

/** Writes through a temporary file in the same folder and renames it over `path` (atomic on one filesystem). */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${crypto().randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(tmp, data);
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

export const statFile = (file: string) => statSync(file);
