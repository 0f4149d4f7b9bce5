// The one V8 code cache: bin/zibo.cjs loads the bundle (dist/main.cjs) through this module, and the bundle its
// chunks (dist/chunks/), each compiled with the code V8 kept from an earlier run, so a run does not parse and compile
// them again (BENCHMARKS.md). Node 20 has no compile cache of its own (module.enableCompileCache is Node 22+).
//
// A cache can cost speed, never correctness: its name holds the V8 version and the file's size and mtime (a rebuilt
// file gets a new name; V8 alone only compares the source's length), and V8 rejects a cache made by another V8 or
// with other flags, in which case the file is compiled from source as without a cache. The cache is written at the
// end of the first run without one (so it holds the functions that ran), or of a run that asks to refresh it (the
// build does, for the commands scripts run most: scripts/build.mjs), to a temporary file renamed into place; a
// folder that cannot be written just means no cache.
//
// The files are written by scripts/build.mjs as the CommonJS wrapper function itself, pure ASCII: read as latin1
// they are compiled as read, with no copy made to wrap them.

import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

interface NodeModule {
  filename: string;
  paths: string[];
  exports: unknown;
  require(id: string): unknown;
}
type ModuleClass = (new (id: string, parent?: unknown) => NodeModule) & { _nodeModulePaths(dir: string): string[] };

// Node's Module class, as this (CommonJS) file's own module object has it: `import 'node:module'` would load and
// compile the public module API on every run (~1 ms) for this one class.
declare const module: { constructor: ModuleClass };

export interface LoadOptions {
  /** Write the cache at exit even though one was used: it then holds what this run compiled as well. */
  refresh?: boolean;
}

/** Reads `size` bytes of `fd` into the start of `buf`. */
function readAll(fd: number, buf: Buffer, size: number): void {
  for (let at = 0; at < size; ) {
    const n = readSync(fd, buf, at, size - at, at);
    if (n === 0) throw new Error('file shrank while read');
    at += n;
  }
}

/**
 * The buffer the last file was read into, for the next: V8 has copied the source and read the cache by the time
 * `new Script` returns, so a chunk is read into pages the bundle's load touched already (~25 page faults less).
 */
let spare: Buffer | undefined;

/** Runs the wrapped CommonJS file `file` and returns its exports. */
export function load(file: string, opts: LoadOptions = {}): unknown {
  const fd = openSync(file, 'r');
  const { size, mtimeMs } = fstatSync(fd);
  const cacheFile = `${file}.${process.versions.v8}-${size}-${Math.trunc(mtimeMs)}.v8cache`;
  let cacheFd: number | undefined;
  try {
    cacheFd = openSync(cacheFile, 'r');
  } catch {
    cacheFd = undefined;
  }
  // One buffer for both files, the source first: the pages it touched are used again for the cache (every page a run
  // touches for the first time costs, BENCHMARKS.md).
  let source: string;
  let cachedData: Buffer | undefined;
  let buf: Buffer;
  try {
    const cacheSize = cacheFd === undefined ? 0 : fstatSync(cacheFd).size;
    const need = Math.max(size, cacheSize);
    buf = spare && spare.length >= need ? spare : Buffer.allocUnsafeSlow(need);
    readAll(fd, buf, size);
    source = buf.toString('latin1', 0, size);
    if (cacheFd !== undefined) {
      try {
        readAll(cacheFd, buf, cacheSize);
        cachedData = buf.subarray(0, cacheSize);
      } catch {
        cachedData = undefined; // a cache that cannot be read is no cache
      }
    }
  } finally {
    closeSync(fd);
    if (cacheFd !== undefined) closeSync(cacheFd);
  }
  const script = new Script(source, { filename: file, cachedData });
  spare = buf;
  if (cachedData === undefined || script.cachedDataRejected || opts.refresh) {
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        try {
          unlinkSync(tmp);
        } catch {
          // nothing was written
        }
      }
    });
  }
  const M = module.constructor;
  const mod = new M(file);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(dirname(file));
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, (id: string) => mod.require(id), mod, file, dirname(file));
  return mod.exports;
}
