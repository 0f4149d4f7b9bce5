// dist/zibo.cjs, the file bin/zibo.cjs requires: picks the bundle for the command line (bundles.ts) and loads its
// main.js and chunks through the loader of loader.ts, with their V8 code caches.
//
// ZIBO_CODE_CACHE=0 loads the files without the caches (for comparisons); =report prints what happened to each
// file's cache on stderr at exit; =write is the build's training run (scripts/build.mjs): every bundle runs the
// training commands of src/boot/train.ts instead of a command, and then the caches are written.

import { join } from 'node:path';
import { BUNDLES, bundleFor, type Bundle } from './bundles.js';
import { cacheModeFrom, createLoader } from './loader.js';

type Main = { training?: Promise<number> };

run();

function run(): void {
  const setting = process.env.ZIBO_CODE_CACHE;
  const loader = createLoader(cacheModeFrom(setting), require);
  if (setting === 'report') {
    process.on('exit', () => {
      for (const f of loader.loaded()) process.stderr.write(`code cache: ${f.cache} ${f.file}\n`);
    });
  }
  const load = (bundle: Bundle) => loader.load(join(__dirname, bundle, 'main.js')) as Main;
  if (cacheModeFrom(setting) !== 'write') {
    load(bundleFor(process.argv.slice(2)));
    return;
  }
  train(load).then(
    (runs) => {
      const files = loader.writeCaches();
      process.stdout.write(`code cache: ${runs} training runs, ${files.length} files\n`);
    },
    (e: unknown) => {
      process.stderr.write(`code cache training failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

/** Every bundle, one after the other (each is its own copy of the code, with its own caches). */
async function train(load: (bundle: Bundle) => Main): Promise<number> {
  let runs = 0;
  for (const bundle of BUNDLES) {
    const { training } = load(bundle);
    if (!training) throw new Error(`code cache training: dist/${bundle}/main.js did not start it`);
    runs += await training;
  }
  return runs;
}
