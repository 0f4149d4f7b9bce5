// Entry point of the bundle for `zibo search` (dist/search/main.js): the general entry with search linked in, so that
// a search loads its code as part of one file rather than chunk by chunk (scripts/build.mjs, BENCHMARKS.md).

import { linkCommand } from './fast-path.js';
import { runSearch } from './search.js';
import { start } from './start.js';

linkCommand('search', (plan, ctx) => runSearch(plan.words, plan.opts, ctx));

/** Set only in the build's code-cache training run (see start.ts). */
export const training = start('search');
