// Entry point of the bundle for `zibo facts` (dist/facts/main.js): the general entry with facts linked in, so that a
// listing (and on a terminal, its table) loads as one file rather than chunk by chunk (scripts/build.mjs).

import { linkCommand } from './fast-path.js';
import { runFacts } from './facts.js';
import { start } from './start.js';

linkCommand('facts', (plan, ctx) => runFacts(plan.opts, ctx));

/** Set only in the build's code-cache training run (see start.ts). */
export const training = start('facts');
