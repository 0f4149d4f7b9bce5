// The search engine behind `zibo search`. The CLI only knows the SearchEngine interface, so a better engine
// (pinyin, Traditional, English, typos; see issue 4) replaces this one without touching the CLI.

import Fuse, { type FuseResult, type IFuseOptions } from 'fuse.js';
import type { Corpus, Fact } from './types.js';
import { compareIds } from './filters.js';

export interface SearchHit {
  fact: Fact;
  /** 0 = perfect; larger is worse (fuse.js scale). */
  score: number;
  /** Human-readable reasons: which field matched which form of the query. */
  explain: string[];
}

export interface SearchOptions {
  limit: number;
  filter?: (f: Fact) => boolean;
}

export interface SearchEngine {
  search(query: string, opts: SearchOptions): SearchHit[];
}

/** Longer queries are cut: nobody types more, and fuzzy matching cost grows with the pattern. */
export const MAX_QUERY_CHARS = 64;

// Zero-width characters, BOM, the replacement character (what invalid UTF-8 decodes to) and control characters
// carry no meaning in a query.
const INVISIBLE = /[\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF\uFFFD\u0000-\u001F\u007F]/g;

export interface PreparedQuery {
  query: string;
  truncated: boolean;
}

/** NFKC (full-width digits and letters become ASCII), invisible characters dropped, spaces collapsed, capped. */
export function prepareQuery(raw: string): PreparedQuery {
  const clean = raw.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= MAX_QUERY_CHARS) return { query: clean, truncated: false };
  return { query: chars.slice(0, MAX_QUERY_CHARS).join('').trim(), truncated: true };
}

interface Doc {
  id: string;
  text: string;
  sentence: string;
  topics: string[];
  label: string;
  en: string;
}

const nfkc = (s: string) => s.normalize('NFKC');

// Topic and label say what a fact is about; the clause itself is the best evidence; the sentence is context.
const KEYS = [
  { name: 'text', weight: 3 },
  { name: 'topics', weight: 2 },
  { name: 'label', weight: 2 },
  { name: 'en', weight: 1.5 },
  { name: 'sentence', weight: 1 },
];

const FUSE_OPTIONS: IFuseOptions<Doc> = {
  keys: KEYS,
  includeScore: true,
  includeMatches: true,
  // Chinese facts are long single "words": location and field-length norms would only hide good matches.
  ignoreLocation: true,
  ignoreFieldNorm: true,
  // Bitap scores ≈ errors / pattern length; 0.3 keeps a 2-character query from matching on one character.
  threshold: 0.3,
  minMatchCharLength: 1,
};

function explainMatches(r: FuseResult<Doc>): string[] {
  const out: string[] = [];
  for (const m of r.matches ?? []) {
    const value = m.value ?? '';
    let best: readonly [number, number] | undefined;
    for (const ix of m.indices) if (!best || ix[1] - ix[0] > best[1] - best[0]) best = ix;
    const part = best ? value.slice(best[0], best[1] + 1) : value;
    out.push(`${m.key}: "${part}" (query as typed, NFKC)`);
  }
  return out;
}

export function createSearchEngine(corpus: Corpus): SearchEngine {
  const facts = new Map(corpus.facts.map((f) => [f.id, f]));
  const docs: Doc[] = corpus.facts.map((f) => ({
    id: f.id,
    text: nfkc(f.text),
    sentence: nfkc(f.sentence),
    topics: f.topics.map(nfkc),
    label: nfkc(f.label),
    en: nfkc(f.en),
  }));
  let fuse: Fuse<Doc> | undefined; // built on first search only
  return {
    search(raw, opts) {
      const { query } = prepareQuery(raw);
      if (!query || opts.limit <= 0) return [];
      fuse ??= new Fuse(docs, FUSE_OPTIONS);
      const hits: SearchHit[] = [];
      for (const r of fuse.search(query)) {
        const fact = facts.get(r.item.id)!;
        if (opts.filter && !opts.filter(fact)) continue;
        hits.push({ fact, score: r.score ?? 0, explain: explainMatches(r) });
      }
      hits.sort((a, b) => a.score - b.score || compareIds(a.fact.id, b.fact.id));
      return hits.slice(0, opts.limit);
    },
  };
}
