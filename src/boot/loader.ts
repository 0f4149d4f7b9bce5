// The module loader of the bundle. Every file of dist/ is CommonJS; this loads them itself instead of through
// Node's require, for two reasons measured in BENCHMARKS.md:
//   - V8 code cache: each file is compiled with the bytecode V8 made for it in a training run at build time
//     (`<file>.v8`, written by `npm run build`), so a run neither parses nor compiles the functions it calls.
//     V8 checks a cache's V8 version and flags but, of the source, only its length: given the cache of another
//     text of the same length it runs the old code (test/boot/loader.test.ts shows it). So each cache file also
//     holds the exact bytes of the source it was made from, compared with the file before V8 sees the cache; a
//     missing, stale, foreign or corrupt cache then costs speed, never correctness.
//   - no module resolution: the files are ours and their paths are known, so there is no search through
//     node_modules, no stat/realpath per file and no package.json lookup.
// Only relative requires (between files of dist/) come here; anything else (node:fs, …) goes to Node's require.
// Each file is a CommonJS module written already wrapped the way Node wraps one (scripts/build.mjs does it):
//   (function (exports, require, module, __filename, __dirname) { …code…
//   })
// so that its text is compiled as read, without a second copy made on every run; and the wrapper is on the
// first line, so line numbers in stack traces stay right.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

export type CacheMode = 'use' | 'off' | 'write';

export interface LoadedFile {
  file: string;
  /**
   * What happened to its code cache: accepted or rejected by V8; stale (made from other source bytes, never given
   * to V8); missing; off (ZIBO_CODE_CACHE=0, or the training run).
   */
  cache: 'accepted' | 'rejected' | 'stale' | 'missing' | 'off';
  script: Script;
  /** The file's bytes, as compiled. */
  source: Buffer;
}

export interface Loader {
  /** The exports of `file` (an absolute path), loading it on first use. */
  load(file: string): unknown;
  /** Files loaded so far, in order. */
  loaded(): LoadedFile[];
  /** Writes the code cache of every file loaded so far (the build's training run). Returns the files written. */
  writeCaches(): string[];
}

interface Module {
  exports: unknown;
}

/** The path of a file's code cache. */
export const cachePath = (file: string): string => `${file}.v8`;

// A cache file: MAGIC, the source's byte length (u32 LE), the source's bytes, then V8's data.
const MAGIC = Buffer.from('ZIBOV8C1', 'latin1');
const HEADER = MAGIC.length + 4;

/** V8's data in a cache file, when the file was made from exactly `source`; else undefined. */
export function cacheFor(file: Buffer, source: Buffer): Buffer | undefined {
  if (file.length < HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const size = file.readUInt32LE(MAGIC.length);
  if (size !== source.length || file.length <= HEADER + size) return undefined;
  return file.subarray(HEADER, HEADER + size).equals(source) ? file.subarray(HEADER + size) : undefined;
}

export function cacheFile(source: Buffer, data: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(source.length);
  return Buffer.concat([MAGIC, size, source, data]);
}

/** `fallback` resolves everything that is not a relative path: Node's own require of the entry file. */
export function createLoader(mode: CacheMode, fallback: (id: string) => unknown): Loader {
  const modules = new Map<string, Module>();
  const files: LoadedFile[] = [];

  function readCache(file: string): Buffer | undefined {
    try {
      return readFileSync(cachePath(file));
    } catch {
      return undefined; // no cache (a file never loaded in training, or a build without one): compile as usual
    }
  }

  function compile(file: string): Script {
    const source = readFileSync(file);
    const stored = mode === 'use' ? readCache(file) : undefined;
    const cachedData = stored && cacheFor(stored, source);
    const script = new Script(source.toString('utf8'), { filename: file, cachedData });
    const cache =
      mode !== 'use' ? 'off' : !stored ? 'missing' : !cachedData ? 'stale' : script.cachedDataRejected ? 'rejected' : 'accepted';
    files.push({ file, cache, script, source });
    return script;
  }

  function load(file: string): unknown {
    const known = modules.get(file);
    if (known) return known.exports; // also what a cycle gets: the exports so far, as with Node's require
    const module: Module = { exports: {} };
    modules.set(file, module);
    try {
      const wrapper = compile(file).runInThisContext() as (...args: unknown[]) => void;
      const dir = dirname(file);
      const require = (id: string) => (id.startsWith('./') || id.startsWith('../') ? load(join(dir, id)) : fallback(id));
      wrapper.call(module.exports, module.exports, require, module, file, dir);
    } catch (e) {
      modules.delete(file); // as Node does: a file that failed is loaded afresh next time
      throw e;
    }
    return module.exports;
  }

  return {
    load,
    loaded: () => [...files],
    writeCaches() {
      // Created after the run, the cache holds the bytecode of every function that ran, not just the top level.
      for (const f of files) writeFileSync(cachePath(f.file), cacheFile(f.source, f.script.createCachedData()));
      return files.map((f) => f.file);
    },
  };
}

/** ZIBO_CODE_CACHE: unset → use the caches; "0" → ignore them; "write" → the build's training run. */
export function cacheModeFrom(value: string | undefined): CacheMode {
  return value === '0' ? 'off' : value === 'write' ? 'write' : 'use';
}
