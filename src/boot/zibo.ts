// dist/zibo.cjs, the file bin/zibo.cjs requires: loads dist/main.js (src/cli/main.ts) and its chunks through the
// loader of loader.ts, with their V8 code caches. ZIBO_CODE_CACHE=0 loads them without the caches (for
// comparisons); ZIBO_CODE_CACHE=report prints what happened to each file's cache on stderr at exit;
// ZIBO_CODE_CACHE=write is the build's training run (scripts/build.mjs): main.js then runs the training commands
// of src/boot/train.ts instead of a command, and the caches are written when they are done.

import { join } from 'node:path';
import { cacheModeFrom, createLoader } from './loader.js';

const setting = process.env.ZIBO_CODE_CACHE;
const loader = createLoader(cacheModeFrom(setting), require);

if (setting === 'report') {
  process.on('exit', () => {
    for (const f of loader.loaded()) process.stderr.write(`code cache: ${f.cache} ${f.file}\n`);
  });
}

const main = loader.load(join(__dirname, 'main.js')) as { training?: Promise<number> };

if (cacheModeFrom(setting) === 'write') {
  if (!main.training) throw new Error('code cache training: dist/main.js did not start it');
  main.training.then(
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
