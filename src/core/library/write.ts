// Writing the library. Each change is one record file written whole by write-file-atomic (a temp file in the same
// folder, fsynced, renamed over the name) followed by an fsync of the folder, so that a crash at any point leaves
// each release either whole or absent. Writers hold a lock (proper-lockfile: an atomic mkdir, refreshed while
// held, taken over when older than STALE_MS, i.e. left by a killed process); readers never take it.

import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { lockPath, recordPath, releasesDir, TEMP_NAME } from './paths.js';
import type { LibraryRecord } from './record.js';
import { PREPARED_DIR } from '../search/prepared.js';

/** A lock not refreshed for this long belongs to a dead process and is taken over. */
export const STALE_MS = 5000;

export class LibraryBusyError extends Error {
  override name = 'LibraryBusyError';
}

export interface Lock {
  /** Throws when the lock was lost (this process stalled past STALE_MS and another took it over). */
  check(): void;
}

/** Runs `fn` holding the library's lock; waits for another writer (about 30 s at most). */
export async function withLibraryLock<T>(lib: string, fn: (lock: Lock) => Promise<T> | T): Promise<T> {
  mkdirSync(releasesDir(lib), { recursive: true });
  let lost: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(lib, {
      lockfilePath: lockPath(lib),
      realpath: false,
      stale: STALE_MS,
      update: 1000,
      retries: { retries: 150, factor: 1.3, minTimeout: 15, maxTimeout: 200, randomize: true },
      onCompromised: (e) => void (lost = e),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new LibraryBusyError(`the library ${lib} is locked by another zibo process; try again`);
    }
    throw e;
  }
  try {
    removeTempFiles(lib);
    return await fn({
      check() {
        if (lost) throw new LibraryBusyError(`lost the lock of the library ${lib} (${lost.message}); nothing written`);
      },
    });
  } finally {
    await release().catch(() => undefined);
  }
}

/** Search set-up temp files older than this are from a killed writer (that set-up is written outside the lock). */
const SEARCH_TEMP_AGE_MS = 60_000;

/**
 * Temp files of writers killed before their rename: every one in releases/ (called with the lock held, so none is
 * live), and those in search/ old enough not to belong to a writer still at work.
 */
export function removeTempFiles(lib: string, now = Date.now()): number {
  let n = 0;
  const sweep = (dir: string, stale: (file: string) => boolean) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const file = join(dir, name);
      if (!TEMP_NAME.test(name) || !stale(file)) continue;
      try {
        unlinkSync(file);
        n++;
      } catch {
        // gone already
      }
    }
  };
  sweep(releasesDir(lib), () => true);
  sweep(join(lib, PREPARED_DIR), (file) => {
    try {
      return now - statSync(file).mtimeMs > SEARCH_TEMP_AGE_MS;
    } catch {
      return false;
    }
  });
  return n;
}

/** Makes a rename or unlink in `dir` durable. Platforms that cannot fsync a folder (EINVAL, EPERM, EISDIR) skip it. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR' && code !== 'EBADF') throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export async function writeRecord(lib: string, record: LibraryRecord, lock: Lock): Promise<string> {
  const file = recordPath(lib, record.release.id);
  const json = JSON.stringify(record) + '\n';
  lock.check();
  await writeFileAtomic(file, json, { fsync: true });
  fsyncDir(releasesDir(lib));
  return file;
}

export function deleteRecord(lib: string, id: string, lock: Lock): string {
  const file = recordPath(lib, id);
  lock.check();
  unlinkSync(file);
  fsyncDir(releasesDir(lib));
  return file;
}
