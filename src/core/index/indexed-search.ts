// Puts the candidate index in front of any search engine: for a large corpus, the engine is created over the few
// hundred candidates of each query instead of every record; for a corpus without an index (the bundled one, any
// small file) the engine is used as is, so its relevance there is unchanged by construction.

import type { Corpus, Fact } from '../types.js';
import type { SearchEngine } from '../search.js';
import { IndexCorruptError } from './errors.js';
import type { OpenIndex } from './store.js';

export type EngineFactory = (corpus: Corpus) => SearchEngine;

interface Attached {
  index: OpenIndex;
  /** Called when a part of the index fails verification mid-query: drop the cache file. */
  onCorrupt?: () => void;
}

const attached = new WeakMap<Corpus, Attached>();

export function attachIndex(corpus: Corpus, index: OpenIndex, onCorrupt?: () => void): void {
  attached.set(corpus, { index, onCorrupt });
}

export const indexOf = (corpus: Corpus): OpenIndex | undefined => attached.get(corpus)?.index;

/** The facts the engine should see for `query`: the candidates when an index is attached, else all. */
export function candidates(corpus: Corpus, query: string, limit?: number): Fact[] {
  const a = attached.get(corpus);
  if (!a) return corpus.facts;
  return a.index.records(a.index.candidateDocs(query, limit));
}

export function createIndexedSearch(corpus: Corpus, factory: EngineFactory): SearchEngine {
  const a = attached.get(corpus);
  if (!a) return factory(corpus);
  let full: SearchEngine | undefined;
  return {
    search(query, opts) {
      if (!full) {
        try {
          const facts = candidates(corpus, query);
          return factory({ releases: corpus.releases, topics: corpus.topics, facts }).search(query, opts);
        } catch (e) {
          if (!(e instanceof IndexCorruptError)) throw e;
          a.onCorrupt?.();
          // corpus.facts comes from the data file itself, so the answer is still right, only slower.
          full = factory(corpus);
        }
      }
      return full.search(query, opts);
    },
  };
}
