// The training run of the V8 code cache (see loader.ts): the commands people run, each on a terminal and in a pipe,
// so that the bytecode of every function they call is in the cache. Output is discarded. Loaded by src/cli/start.ts
// in each bundle when `ZIBO_CODE_CACHE=write node dist/zibo.cjs` runs (scripts/build.mjs does), with the functions
// it calls passed in: importing them here would make esbuild split them out of the split bundle's main.js into a
// chunk of their own, one more file for every run to load.

import type { IO, createProcessIO } from '../io.js';
import type { runMain } from '../cli/fast-path.js';
import type { Bundle } from './bundles.js';

export interface Trainee {
  runMain: typeof runMain;
  createProcessIO: typeof createProcessIO;
}

const DRAFT = '淄博130个城建重点项目全部开工，完成投资524亿元，新开通公交线路12条。';

/** argv lists to run; the ones that start up fastest matter most (facts, search, show). */
export const TRAINING: string[][] = [
  ['facts', '--topic', '公交'],
  ['facts'],
  ['facts', '--json'],
  ['facts', '--format', 'md'],
  ['facts', '--format', 'csv'],
  ['facts', '--domain', 'dg', '--sort', 'value', '--desc', '--format', 'jsonl'],
  ['search', '数据中心', '--json'],
  ['search', '数据中心'],
  ['search', '公交线路', '--explain'],
  ['search', '青年之家建了几处'],
  ['search', '夜間經濟'],
  ['search', 'gongjiao'],
  ['search', 'bus routes'],
  ['search', '524亿'],
  ['show', 'uc-001'],
  ['show', 'uc-001', '--json'],
  ['topics'],
  ['sources'],
  ['cite', 'uc-001'],
  ['check', DRAFT],
  ['--help'],
  ['search', 'zzzz'],
  ['show', 'xx-999'],
];

const discard = { write: () => true };

function trainingIO(isTTY: boolean): IO {
  return { stdout: discard, stderr: discard, isTTY, columns: isTTY ? 100 : 80, color: isTTY, lang: 'en', env: {} };
}

/**
 * The commands a bundle is trained with: its own command only for the single-command bundles (a cache holding the
 * bytecode of every other command would be deserialised on every run for nothing), all of them for the general one.
 */
export function trainingFor(bundle: Bundle): string[][] {
  return bundle === 'all' ? TRAINING : TRAINING.filter((argv) => argv[0] === bundle);
}

/** Runs the training commands of a bundle in both modes; returns how many runs were made. */
export async function train(bundle: Bundle, { runMain, createProcessIO }: Trainee): Promise<number> {
  const commands = trainingFor(bundle);
  // What dist/*/main.js does before each command (the IO made here is not written to).
  for (const argv of commands) createProcessIO(argv);
  let runs = 0;
  for (const isTTY of [true, false]) {
    for (const argv of commands) {
      await runMain(argv, trainingIO(isTTY));
      runs++;
    }
  }
  return runs;
}
