// What the engine matches against: every fact as a set of grams per field, in three spaces: Chinese characters
// (zh), toneless pinyin syllables (py) and English stems (en). Spaces are built on first use: a direct Chinese query
// builds only zh; pinyin is built the first time a Latin or typo query needs it.

import type { Fact, Topic } from '../types.js';
import { englishTokens } from './english.js';
import { normalize } from './normalize.js';
import { pinyinRuns } from './pinyin.js';
import { B, lengthNorm } from './bm25.js';

export type Space = 'zh' | 'py' | 'en';
export type Field = 'label' | 'topics' | 'text' | 'sentence' | 'section' | 'en' | 'topicEn' | 'source';

/** How much a match in each field says about the fact: what it is about above where it sits. */
export const FIELD_WEIGHT: Record<Field, number> = {
  label: 1,
  topics: 0.95,
  text: 0.95,
  sentence: 0.75,
  section: 0.6,
  en: 1,
  topicEn: 0.95,
  // Who said it and where (speaker, bureau, conference, organiser, title): shared by every fact of a release, so a
  // query naming only the speaker finds the release, and never outweighs what a fact is about.
  source: 0.35,
};

export const FIELDS: Field[] = ['label', 'topics', 'text', 'sentence', 'section', 'en', 'topicEn', 'source'];

export const SPACE_FIELDS: Record<Space, Field[]> = {
  zh: ['label', 'topics', 'text', 'sentence', 'section', 'source'],
  py: ['label', 'topics', 'text', 'sentence', 'source'],
  en: ['en', 'topicEn', 'text', 'source'],
};

export interface SearchDoc {
  fact: Fact;
  /** Normalised field strings (topics: canonical names and aliases; topicEn: English names and aliases). */
  fields: Record<Field, string[]>;
  /** Normalised aliases of one of its topics. */
  aliasesOf(topic: string): string[];
}

/**
 * The facts holding one gram: fact index → bit mask of the fields holding it (bit i: SPACE_FIELDS[space][i]). A Map
 * when made here; a fact list and a table of masks by fact when read from the build's postings (prepared.ts).
 */
export interface Postings {
  readonly size: number;
  get(doc: number): number | undefined;
  keys(): Iterable<number>;
}

/**
 * What scoring asks of a space: the postings of a gram. Made here from the docs (buildSpace), or read from the
 * index written at build time for the bundled corpus (prepared.ts).
 */
export interface SpaceIndex {
  postings(gram: string): Postings | undefined;
  /** Every gram of the space (for correcting a misspelt English word against the corpus' words). */
  grams(): string[];
}

/** Whether fact `doc` holds `gram` in the field with bit `bit`. */
export const holds = (index: SpaceIndex, gram: string, doc: number, bit: number): boolean =>
  ((index.postings(gram)?.get(doc) ?? 0) & bit) !== 0;

/** BM25F's factor of one field of one doc: the field's weight over the field's length normalisation. */
export const fieldFactor = (f: Field, len: number, avgLen: number): number => FIELD_WEIGHT[f] * (1 / lengthNorm(len, avgLen, B));

/** The mean of a field's lengths over the docs (0 for none), as BM25 normalises by it. */
export function meanLength(lengths: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < lengths.length; i++) sum += lengths[i]!;
  return lengths.length ? sum / lengths.length : 0;
}

/**
 * fieldFactor of every field of a space for every doc, a row per doc in SPACE_FIELDS order: what scoring reads.
 * The build writes it (prepared.ts weights.f64) so that a search computes none of it.
 */
export function factorMatrix(space: Space, lengths: Record<Field, ArrayLike<number>>, docs: number): Float64Array {
  const fields = SPACE_FIELDS[space];
  const means = fields.map((f) => meanLength(lengths[f]));
  const out = new Float64Array(docs * fields.length);
  for (let d = 0; d < docs; d++) for (let fi = 0; fi < fields.length; fi++) out[d * fields.length + fi] = fieldFactor(fields[fi]!, lengths[fields[fi]!][d]!, means[fi]!);
  return out;
}

/** The bit of a field in a space's masks; 0 when the space has no such field. */
export const fieldBit = (space: Space, field: Field): number => {
  const i = SPACE_FIELDS[space].indexOf(field);
  return i < 0 ? 0 : 1 << i;
};

/** The metadata strings of a fact's release (source.ts), or none. */
export type SourceText = (fact: Fact) => readonly string[];
/** Topics by name (a Map will do; the engine's makes the Map on first use). */
export type TopicLookup = Pick<ReadonlyMap<string, Topic>, 'get'>;
const noSource: SourceText = () => [];

export function makeDoc(fact: Fact, topicsByName: TopicLookup, source: SourceText = noSource): SearchDoc {
  return new LazyDoc(fact, 0, topicsByName, () => undefined, source);
}

/** A field's length for BM25's length normalisation: English words in `en`/`topicEn`, characters elsewhere. */
export function fieldLength(field: Field, values: readonly string[]): number {
  let n = 0;
  for (const v of values) n += field === 'en' || field === 'topicEn' ? englishTokens(v).length : v.replace(/\s/g, '').length;
  return n;
}

/**
 * Docs whose fields are made on first use: taken from `made(i)` (the fields normalised at build time, see
 * prepared.ts) when it has them, else normalised here. A query that matches on the prepared postings alone never
 * needs them.
 */
export function lazyDocs(
  facts: readonly Fact[],
  topicsByName: TopicLookup,
  made: (i: number) => Record<Field, string[]> | undefined,
  source: SourceText = noSource,
): SearchDoc[] {
  return facts.map((f, i) => new LazyDoc(f, i, topicsByName, made, source));
}

// A class, not an object literal with closures: one small object per fact on every search.
class LazyDoc implements SearchDoc {
  #fields: Record<Field, string[]> | undefined;
  constructor(
    readonly fact: Fact,
    private readonly index: number,
    private readonly topicsByName: TopicLookup,
    private readonly made: (i: number) => Record<Field, string[]> | undefined,
    private readonly source: SourceText,
  ) {}

  get fields(): Record<Field, string[]> {
    return (this.#fields ??= this.made(this.index) ?? docFields(this.fact, this.topicsByName, this.source));
  }

  aliasesOf(name: string): string[] {
    return (this.topicsByName.get(name)?.aliases ?? []).map(normalize);
  }
}

function docFields(fact: Fact, topicsByName: TopicLookup, source: SourceText): Record<Field, string[]> {
  const topics = fact.topics.map((n) => topicsByName.get(n));
  return {
    label: [normalize(fact.label)],
    topics: fact.topics.flatMap((n, i) => [n, ...(topics[i]?.aliases ?? [])]).map(normalize),
    text: [normalize(fact.text)],
    sentence: [normalize(fact.sentence)],
    section: [normalize(fact.section)],
    en: [normalize(fact.en)],
    topicEn: topics.flatMap((t) => (t ? [t.en, ...t.enAliases] : [])).map(normalize),
    source: source(fact).map(normalize),
  };
}

/** Unigrams and bigrams of each run of Chinese characters. */
export function zhGrams(s: string, into: Set<string>): void {
  for (const m of s.matchAll(/\p{Script=Han}+/gu)) {
    const chars = Array.from(m[0]);
    chars.forEach((c, i) => {
      into.add(c);
      if (i > 0) into.add(chars[i - 1]! + c);
    });
  }
}

/** Syllable unigrams and bigrams ("qing", "qing nian"), every reading of a polyphone included. */
export function pyGrams(s: string, into: Set<string>): void {
  for (const run of pinyinRuns(s)) {
    run.forEach((keys, i) => {
      for (const k of keys) into.add(k);
      if (i > 0) for (const a of run[i - 1]!) for (const b of keys) into.add(`${a} ${b}`);
    });
  }
}

/** English stems and stem bigrams. */
export function enGrams(s: string, into: Set<string>): void {
  const toks = englishTokens(s);
  toks.forEach((t, i) => {
    into.add(t);
    if (i > 0) into.add(`${toks[i - 1]} ${t}`);
  });
}

const GRAMMERS: Record<Space, (s: string, into: Set<string>) => void> = { zh: zhGrams, py: pyGrams, en: enGrams };

/** The grams of every field of a space, per doc, as postings. */
export function spacePostings(docs: readonly SearchDoc[], space: Space): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  const fields = SPACE_FIELDS[space];
  docs.forEach((doc, i) => {
    fields.forEach((f, bit) => {
      const grams = new Set<string>();
      for (const s of doc.fields[f]) GRAMMERS[space](s, grams);
      for (const g of grams) {
        let p = out.get(g);
        if (!p) out.set(g, (p = new Map()));
        p.set(i, (p.get(i) ?? 0) | (1 << bit));
      }
    });
  });
  return out;
}

/** A space made from the docs at run time. */
export function buildSpace(docs: readonly SearchDoc[], space: Space): SpaceIndex {
  const postings = spacePostings(docs, space);
  return { postings: (g) => postings.get(g), grams: () => [...postings.keys()] };
}
