// Traditional → Simplified folding, one character at a time, from data/search/fold.json (generated at build time
// from opencc-js, which is never loaded at run time). Only characters that differ are stored.

import { loadTable } from './lazy.js';

interface FoldJson {
  from: string[];
  to: string[];
}

/** Folds one character; undefined when it has no other form. */
type Fold = (c: string) => string | undefined;

let fold: Fold = () => undefined;
let source: FoldJson | undefined;

/**
 * The table as a lookup. Its ~2,600 pairs are all single UTF-16 units in practice (CJK ideographs), and then a
 * character is looked up by its position in the joined strings: a query folds a few characters, and building a Map
 * of every pair cost more than all those lookups. A table with any other character takes the Map.
 */
function table(): Fold {
  const json = loadTable<FoldJson>('fold');
  if (json === source) return fold;
  source = json;
  const from = json ? json.from.join('') : '';
  const to = json ? json.to.join('') : '';
  const units = from.length === to.length && !/[\uD800-\uDFFF]/.test(from + to);
  if (units) {
    fold = (c) => {
      const i = c.length === 1 ? from.indexOf(c) : -1;
      return i < 0 ? undefined : to[i];
    };
  } else {
    const map = new Map<string, string>();
    const f = Array.from(from);
    const t = Array.from(to);
    f.forEach((c, i) => map.set(c, t[i]!));
    fold = (c) => map.get(c);
  }
  return fold;
}

/** Simplified form of `s`; characters without a Traditional form pass through. */
export function foldTraditional(s: string): string {
  const f = table();
  let out = '';
  for (const c of s) out += f(c) ?? c;
  return out;
}
