// The one V8 code cache: bin/zibo.cjs loads the bundle (dist/main.cjs) through this module, which compiles it with
// the code V8 kept from an earlier run, so a run does not parse and compile the bundle again (BENCHMARKS.md: about
// 20 ms of a 150 ms run). Node 20 has no compile cache of its own (module.enableCompileCache is Node 22+).
//
// A cache can cost speed, never correctness: its name holds the V8 version and the bundle's size and mtime (a
// rebuilt bundle gets a new name; V8 alone only compares the source's length), and V8 rejects a cache made by
// another V8 or with other flags, in which case the bundle is compiled from source as without a cache. The cache is
// written once, at the end of the first run without one (so it holds the functions that run compiled), to a
// temporary file renamed into place; a folder that cannot be written just means no cache.

import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

interface NodeModule {
  filename: string;
  paths: string[];
  exports: unknown;
  require(id: string): unknown;
}
type ModuleClass = (new (id: string, parent?: unknown) => NodeModule) & {
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
};

export function load(file: string): void {
  // The bundle is pure ASCII (scripts/build.mjs): read as latin1, it is a one-byte string, with no UTF-8 to decode.
  const source = readFileSync(file, 'latin1');
  const { size, mtimeMs } = statSync(file);
  const cacheFile = `${file}.${process.versions.v8}-${size}-${Math.trunc(mtimeMs)}.v8cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const M = Module as unknown as ModuleClass;
  const script = new Script(M.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
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
  const mod = new M(file);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(dirname(file));
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, (id: string) => mod.require(id), mod, file, dirname(file));
}
