// The engine's per-fact set-up for the bundled corpus, done at build time. Normalising every field, cutting the
// Chinese grams and building the vocabulary took ~15 ms of every `zibo search` (plus the garbage it left); the
// result is the same every run, so `npm run corpus` writes it to data/search/docs.json (scripts/build-search-data.ts)
// and the engine reads that instead.
//
// It is used only for the corpus loadCorpus() read from a data folder holding the file, and only when the file
// was made from the same facts (same ids in the same order, same sizes of facts.json, topics.json and the synonym
// list); anything else (--data files, test corpora, a stale file) is analysed at run time as before.
// test/core/search/data.test.ts fails when the committed file is stale, and test/core/search/prepared.test.ts checks
// that both ways give the same results.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus, Topic } from '../types.js';
import { corpusSource } from '../corpus.js';
import { SPACE_FIELDS, gramSets, makeDoc, type Field, type GramSet, type GramSets } from './docs.js';
import { buildVocabulary, type Vocabulary } from './synonyms.js';
import synonymsJson from '../../../data/curation/synonyms.json';

export const PREPARED_FILE = 'search/docs.json';
const VERSION = 1;

export interface PreparedSearch {
  version: number;
  /** What it was made from: fact ids in order, sizes (UTF-16 units) of facts.json and topics.json, of the synonyms. */
  source: { ids: string[]; factsChars: number; topicsChars: number; synonymsChars: number };
  /** Per fact: its normalised field strings (SearchDoc.fields). */
  fields: Array<Record<Field, string[]>>;
  /**
   * Per fact: the Chinese grams of each field of the zh space, as one string "|g1|g2|…|" (one string parses far
   * faster than an array of short ones, and a lookup needs no Set built first). Grams are Han characters only.
   */
  zh: Array<Partial<Record<Field, string>>>;
  /** How many facts hold each Chinese gram (the zh space's document frequencies), as [gram, count] pairs. */
  zhDf: Array<[string, number]>;
  /** The vocabulary: words and the [key, values] pairs of its maps. */
  vocab: {
    words: string[];
    maxWordLength: number;
    synonyms: Array<[string, string[]]>;
    topicsOf: Array<[string, string[]]>;
    enSynonyms: Array<[string, string[]]>;
  };
}

/** For each gram, the number of facts holding it in any field. */
export function documentFrequencies(sets: ReadonlyArray<Map<Field, Set<string>>>): Map<string, number> {
  const df = new Map<string, number>();
  for (const fieldSets of sets) {
    const seen = new Set<string>();
    for (const set of fieldSets.values()) for (const g of set) seen.add(g);
    for (const g of seen) df.set(g, (df.get(g) ?? 0) + 1);
  }
  return df;
}

/** The set-up the engine would do at run time, as JSON-ready data (used by the build script). */
/** Size of the synonym list bundled into the engine (it shapes the vocabulary). */
export const synonymsChars = (): number => JSON.stringify(synonymsJson).length;

export function prepareSearch(corpus: Corpus, source: Omit<PreparedSearch['source'], 'synonymsChars'>): PreparedSearch {
  const topicsByName = new Map<string, Topic>(corpus.topics.map((t) => [t.name, t]));
  const docs = corpus.facts.map((f) => makeDoc(f, topicsByName));
  const v = buildVocabulary(corpus.topics);
  const zh = docs.map((d) => gramSets(d, 'zh'));
  return {
    version: VERSION,
    source: { ...source, synonymsChars: synonymsChars() },
    fields: docs.map((d) => d.fields),
    zh: zh.map((sets) => Object.fromEntries([...sets].map(([f, set]) => [f, `|${[...set].join('|')}|`]))),
    zhDf: [...documentFrequencies(zh)],
    vocab: {
      words: [...v.words],
      maxWordLength: v.maxWordLength,
      synonyms: [...v.synonyms],
      topicsOf: [...v.topicsOf],
      enSynonyms: [...v.enSynonyms],
    },
  };
}

/** The prepared set-up for this corpus, or undefined when there is none that fits it. */
export function preparedFor(corpus: Corpus): PreparedSearch | undefined {
  const src = corpusSource(corpus);
  if (!src) return undefined;
  let p: PreparedSearch;
  try {
    p = JSON.parse(readFileSync(join(src.dir, PREPARED_FILE), 'utf8')) as PreparedSearch;
  } catch {
    return undefined; // none, or unreadable: analyse at run time
  }
  const s = p?.source;
  const fits =
    p.version === VERSION &&
    s?.factsChars === src.factsChars &&
    s.topicsChars === src.topicsChars &&
    s.synonymsChars === synonymsChars() &&
    Array.isArray(s.ids) &&
    s.ids.length === corpus.facts.length &&
    corpus.facts.every((f, i) => f.id === s.ids[i]) &&
    p.fields?.length === corpus.facts.length &&
    p.zh?.length === corpus.facts.length &&
    Array.isArray(p.zhDf);
  return fits ? p : undefined;
}

export function vocabularyOf(p: PreparedSearch): Vocabulary {
  return {
    words: new Set(p.vocab.words),
    maxWordLength: p.vocab.maxWordLength,
    synonyms: new Map(p.vocab.synonyms),
    topicsOf: new Map(p.vocab.topicsOf),
    enSynonyms: new Map(p.vocab.enSynonyms),
  };
}

/** A field's grams as "|g1|g2|…|": membership is a substring test of "|gram|". */
class JoinedGrams implements GramSet {
  constructor(private readonly joined: string) {}
  has(gram: string): boolean {
    return gram !== '' && !gram.includes('|') && this.joined.includes(`|${gram}|`);
  }
}

const NONE = new JoinedGrams('|');

/** The zh gram sets of fact i, answering as gramSets(doc, 'zh') would. */
export function zhSetsOf(p: PreparedSearch, i: number): GramSets {
  const grams = p.zh[i]!;
  return new Map(SPACE_FIELDS.zh.map((f) => [f, grams[f] ? new JoinedGrams(grams[f]) : NONE]));
}
