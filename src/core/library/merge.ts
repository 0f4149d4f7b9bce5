// The bundled corpus plus the library's releases: what every command sees.

import type { Corpus, Release } from '../types.js';
import type { LibraryProblem } from './read.js';
import type { LibraryRecord } from './record.js';

/** An added release, with where it came from (shown by `zibo sources`). */
export interface AddedRelease extends Release {
  origin: string;
  addedAt: string;
}

/**
 * `base` with the records' releases and facts appended and topic counts updated. A record whose release id, prefix
 * or fact ids clash with one already loaded (a file copied by hand) is skipped and reported in `problems`.
 */
export function mergeLibrary(base: Corpus, records: readonly LibraryRecord[], problems: LibraryProblem[], fileOf: (id: string) => string): Corpus {
  if (records.length === 0) return base;
  const ids = new Set(base.releases.map((r) => r.id));
  const prefixes = new Set(base.releases.map((r) => r.prefix));
  const releases: Release[] = [...base.releases];
  const facts = [...base.facts];
  for (const rec of records) {
    const r = rec.release;
    if (ids.has(r.id) || prefixes.has(r.prefix)) {
      problems.push({ file: fileOf(r.id), message: `release id "${r.id}" or prefix "${r.prefix}" is already taken; skipped` });
      continue;
    }
    ids.add(r.id);
    prefixes.add(r.prefix);
    const added: AddedRelease = { ...r, factCount: rec.facts.length, origin: rec.origin, addedAt: rec.addedAt };
    releases.push(added);
    for (const f of rec.facts) facts.push(f);
  }
  const counts = new Map<string, number>();
  for (const f of facts) for (const t of f.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  const topics = base.topics.map((t) => ({ ...t, count: counts.get(t.name) ?? 0 }));
  return { releases, facts, topics };
}
