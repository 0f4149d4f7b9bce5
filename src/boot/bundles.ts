// Which bundle of dist/ serves a command line (scripts/build.mjs builds them): dist/search/ and dist/facts/ are
// `zibo search` and `zibo facts` in one file each; dist/all/ serves everything else. Each is the whole CLI, so a
// command line read wrongly here (a flag's value taken for a command) still runs correctly, only slower.

import { GLOBAL_VALUE_FLAGS } from '../cli/global-flags.js';

export const BUNDLES = ['search', 'facts', 'all'] as const;
export type Bundle = (typeof BUNDLES)[number];

/** The bundle for a command line (argv without node and the script). */
export function bundleFor(argv: readonly string[]): Bundle {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (GLOBAL_VALUE_FLAGS.has(a)) i++; // its value is not the command
    else if (a === '--') break;
    else if (!a.startsWith('-')) return a === 'search' || a === 'facts' ? a : 'all';
  }
  return 'all';
}
