// Entry point of the general bundle (dist/all/main.js, loaded by dist/zibo.cjs for every command line that is not
// one of the commands with a bundle of their own: see main-search.ts, main-facts.ts and scripts/build.mjs).

import { start } from './start.js';

/** Set only in the build's code-cache training run (see start.ts). */
export const training = start('all');
