// Entry point of the bundle (dist/main.js, loaded by dist/zibo.cjs). The exit code is set, never forced: a pipe gets all of its output.

import { createProcessIO } from '../io.js';
import { runMain } from './fast-path.js';

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
