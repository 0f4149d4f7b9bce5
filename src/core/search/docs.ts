// What the engine matches against: every fact as a set of grams per field, in three spaces: Chinese characters
// (zh), toneless pinyin syllables (py) and English stems (en). Spaces are built on first use: a direct Chinese query
// builds only zh; pinyin is built the first time a Latin or typo query needs it.

import type { Fact, Topic } from '../types.js';
import { englishTokens } from './english.js';
import { normalize } from './normalize.js';
import { pinyinRuns } from './pinyin.js';

export type Space = 'zh' | 'py' | 'en';
export type Field = 'label' | 'topics' | 'text' | 'sentence' | 'section' | 'en' | 'topicEn';

/** How much a match in each field says about the fact: what it is about above where it sits. */
export const FIELD_WEIGHT: Record<Field, number> = {
  label: 1,
  topics: 0.95,
  text: 0.95,
  sentence: 0.75,
  section: 0.6,
  en: 1,
  topicEn: 0.95,
};

export const SPACE_FIELDS: Record<Space, Field[]> = {
  zh: ['label', 'topics', 'text', 'sentence', 'section'],
  py: ['label', 'topics', 'text', 'sentence'],
  en: ['en', 'topicEn', 'text'],
};

export interface SearchDoc {
  fact: Fact;
  /** Normalised field strings (topics: canonical names and aliases; topicEn: English names and aliases). */
  fields: Record<Field, string[]>;
  /** Normalised aliases of one of its topics. */
  aliasesOf(topic: string): string[];
}

/** What scoring asks of a field's grams: a Set, or the grams prepared at build time (prepared.ts). */
export interface GramSet {
  has(gram: string): boolean;
}
export type GramSets = Map<Field, GramSet>;

export function makeDoc(fact: Fact, topicsByName: ReadonlyMap<string, Topic>): SearchDoc {
  return docWithFields(fact, docFields(fact, topicsByName), topicsByName);
}

/** A doc whose normalised fields were made earlier (see prepared.ts). */
export function docWithFields(fact: Fact, fields: Record<Field, string[]>, topicsByName: ReadonlyMap<string, Topic>): SearchDoc {
  return { fact, fields, aliasesOf: (name) => (topicsByName.get(name)?.aliases ?? []).map(normalize) };
}

function docFields(fact: Fact, topicsByName: ReadonlyMap<string, Topic>): Record<Field, string[]> {
  const topics = fact.topics.map((n) => topicsByName.get(n));
  return {
    label: [normalize(fact.label)],
    topics: fact.topics.flatMap((n, i) => [n, ...(topics[i]?.aliases ?? [])]).map(normalize),
    text: [normalize(fact.text)],
    sentence: [normalize(fact.sentence)],
    section: [normalize(fact.section)],
    en: [normalize(fact.en)],
    topicEn: topics.flatMap((t) => (t ? [t.en, ...t.enAliases] : [])).map(normalize),
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

export function gramSets(doc: SearchDoc, space: Space): Map<Field, Set<string>> {
  const out = new Map<Field, Set<string>>();
  for (const f of SPACE_FIELDS[space]) {
    const set = new Set<string>();
    for (const s of doc.fields[f]) GRAMMERS[space](s, set);
    out.set(f, set);
  }
  return out;
}
