// The entry of the bundle (dist/main.cjs, required by bin/zibo.cjs): the one place that reads process.argv, handed
// whole to commander (program.ts). The exit code is set, never forced, so a pipe gets all of its output.

import { createProcessIO } from '../io.js';
import { run } from './program.js';

run(process.argv.slice(2), createProcessIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`zibo: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
