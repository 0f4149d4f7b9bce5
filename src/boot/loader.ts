// The module loader of the bundle. Every file of dist/ is CommonJS; this loads them itself instead of through
// Node's require, for two reasons measured in BENCHMARKS.md:
//   - V8 code cache: each file is compiled with the bytecode V8 made for it in a training run at build time
//     (`<file>.v8`, written by `npm run build`), so a run neither parses nor compiles the functions it calls.
//     V8 checks each cache (V8 version, flags, source length) and compiles as usual when it rejects one, so a
//     missing, stale or foreign cache costs speed, never correctness.
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
  /** What happened to its code cache. */
  cache: 'accepted' | 'rejected' | 'missing' | 'off';
  script: Script;
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

/** `fallback` resolves everything that is not a relative path: Node's own require of the entry file. */
export function createLoader(mode: CacheMode, fallback: (id: string) => unknown): Loader {
  const modules = new Map<string, Module>();
  const files: LoadedFile[] = [];

  function readCache(file: string): Buffer | undefined {
    if (mode !== 'use') return undefined;
    try {
      return readFileSync(cachePath(file));
    } catch {
      return undefined; // no cache (a file never loaded in training, or a build without one): compile as usual
    }
  }

  function load(file: string): unknown {
    const known = modules.get(file);
    if (known) return known.exports; // also what a cycle gets: the exports so far, as with Node's require
    const module: Module = { exports: {} };
    modules.set(file, module);
    const cachedData = readCache(file);
    const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
    const cache = mode !== 'use' ? 'off' : !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
    files.push({ file, cache, script });
    const dir = dirname(file);
    const require = (id: string) => (id.startsWith('./') || id.startsWith('../') ? load(join(dir, id)) : fallback(id));
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, require, module, file, dir);
    return module.exports;
  }

  return {
    load,
    loaded: () => [...files],
    writeCaches() {
      // Created after the run, the cache holds the bytecode of every function that ran, not just the top level.
      for (const f of files) writeFileSync(cachePath(f.file), f.script.createCachedData());
      return files.map((f) => f.file);
    },
  };
}

/** ZIBO_CODE_CACHE: unset → use the caches; "0" → ignore them; "write" → the build's training run. */
export function cacheModeFrom(value: string | undefined): CacheMode {
  return value === '0' ? 'off' : value === 'write' ? 'write' : 'use';
}
