// The entry of the bundle (dist/main.cjs, required by bin/zibo.cjs): the one place that reads process.argv, handed
// whole to commander (program.ts). The exit code is set; the process ends at once only when nothing is left to write.

import { createProcessIO } from '../io.js';
import { run } from './program.js';

const io = createProcessIO();
run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
    // The run is over and its output has reached the OS (pipes, files and terminals are written synchronously on
    // Linux): ending here spares the event loop's drain and the scavenge that work set off (~3 ms of a search).
    // Output a stream still holds (a full pipe, a platform that writes pipes asynchronously) is left to drain.
    if (io.flushed?.()) process.exit();
  },
  (e: unknown) => {
    process.stderr.write(`zibo: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
