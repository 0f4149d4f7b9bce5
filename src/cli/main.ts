// Entry point of the bundle (dist/main.js, loaded by dist/zibo.cjs). The exit code is set, never forced: a pipe gets
// all of its output.

import { createProcessIO } from '../io.js';
import { runMain } from './fast-path.js';

/**
 * Set only in the build's code-cache training run (ZIBO_CODE_CACHE=write, see src/boot/): the commands of
 * src/boot/train.ts run instead of the one on the command line, and dist/zibo.cjs writes the caches once they are
 * done. train.ts is handed what it runs rather than importing it, so that it does not change how the product's
 * own modules are split into files.
 */
export let training: Promise<number> | undefined;

if (process.env.ZIBO_CODE_CACHE === 'write') {
  training = import('../boot/train.js').then(({ train }) => train({ runMain, createProcessIO }));
} else {
  const argv = process.argv.slice(2);
  const io = createProcessIO(argv);
  runMain(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`zibo: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
