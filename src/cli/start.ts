// What every bundle does on start (src/cli/main*.ts): run the command line, with the exit code set, never forced
// (a pipe gets all of its output).

import { createProcessIO } from '../io.js';
import { runMain } from './fast-path.js';
import type { Bundle } from '../boot/bundles.js';

/**
 * Runs the command line. In the build's code-cache training run (ZIBO_CODE_CACHE=write, see src/boot/) it runs the
 * commands of src/boot/train.ts instead and returns the promise dist/zibo.cjs waits for before writing the caches.
 * train.ts is handed what it runs rather than importing it, so that it does not change how the product's own
 * modules are split into files.
 */
export function start(bundle: Bundle): Promise<number> | undefined {
  if (process.env.ZIBO_CODE_CACHE === 'write') {
    return import('../boot/train.js').then(({ train }) => train(bundle, { runMain, createProcessIO }));
  }
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
  return undefined;
}
