// Traditional → Simplified folding, one character at a time, from data/search/fold.json (generated at build time
// from opencc-js, which is never loaded at run time). Only characters that differ are stored.

import { loadTable } from './lazy.js';

interface FoldJson {
  from: string[];
  to: string[];
}

let map = new Map<string, string>();
let source: FoldJson | undefined;

function table(): Map<string, string> {
  const json = loadTable<FoldJson>('fold');
  if (json === source) return map;
  source = json;
  map = new Map();
  if (json) {
    const from = Array.from(json.from.join(''));
    const to = Array.from(json.to.join(''));
    from.forEach((c, i) => map!.set(c, to[i]!));
  }
  return map;
}

/** Simplified form of `s`; characters without a Traditional form pass through. */
export function foldTraditional(s: string): string {
  const t = table();
  let out = '';
  for (const c of s) out += t.get(c) ?? c;
  return out;
}
