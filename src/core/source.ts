// Where a fact comes from, as `search`, `facts` and `show` JSON carry it (SPEC §3): who said it, where, when.

import type { Corpus, Fact, Release } from './types.js';

export interface Source {
  release: string;
  title: string;
  date: string;
  conference: string;
  speaker: string;
  speakerTitle: string;
  organiser: string;
}

const byId = new WeakMap<readonly Release[], Map<string, Release>>();

/** The release `id` of the corpus, found through a map made once per release list. */
export function releaseOf(id: string, corpus: Pick<Corpus, 'releases'>): Release | undefined {
  let map = byId.get(corpus.releases);
  if (!map) byId.set(corpus.releases, (map = new Map(corpus.releases.map((r) => [r.id, r]))));
  return map.get(id);
}

/** The source of `fact`: its release's metadata; null when the corpus has no such release. */
export function sourceOf(fact: Pick<Fact, 'release'>, corpus: Pick<Corpus, 'releases'>): Source | null {
  const r = releaseOf(fact.release, corpus);
  if (!r) return null;
  return { release: r.id, title: r.title, date: r.date, conference: r.conference, speaker: r.speaker, speakerTitle: r.speakerTitle, organiser: r.organiser };
}
