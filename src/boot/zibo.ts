// dist/zibo.cjs, the file bin/zibo.cjs requires: loads dist/main.js (src/cli/main.ts) and its chunks through the
// loader of loader.ts, with their V8 code caches. ZIBO_CODE_CACHE=0 loads them without the caches (for
// comparisons); ZIBO_CODE_CACHE=report prints what happened to each file's cache on stderr at exit;
// ZIBO_CODE_CACHE=write is the build's training run (scripts/build.mjs): it runs dist/train.js instead of a
// command and then writes the caches.

import { join } from 'node:path';
import { cacheModeFrom, createLoader } from './loader.js';
import type { train as Train } from './train.js';

const setting = process.env.ZIBO_CODE_CACHE;
const loader = createLoader(cacheModeFrom(setting), require);

if (setting === 'report') {
  process.on('exit', () => {
    for (const f of loader.loaded()) process.stderr.write(`code cache: ${f.cache} ${f.file}\n`);
  });
}

if (cacheModeFrom(setting) === 'write') {
  const { train } = loader.load(join(__dirname, 'train.js')) as { train: typeof Train };
  train().then(
    (runs) => {
      loader.compile(join(__dirname, 'main.js')); // never run here (it would start a command): its top level only
      const files = loader.writeCaches();
      process.stdout.write(`code cache: ${runs} training runs, ${files.length} files\n`);
    },
    (e: unknown) => {
      process.stderr.write(`code cache training failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
} else {
  loader.load(join(__dirname, 'main.js'));
}
