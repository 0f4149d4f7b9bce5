// Words a reporter types for what the text calls otherwise: the topic aliases of data/topics.json (煤气 → 燃气)
// and the general vocabulary of data/curation/synonyms.json (下水道 ≈ 管网, 体育 ≈ 运动). Small, so bundled.

import synonymsJson from '../../../data/curation/synonyms.json';
import type { Topic } from '../types.js';
import { englishStem } from './english.js';
import { normalize } from './normalize.js';

/** What the engine asks of a map: a Map, or the plain object the build-time vocabulary parses into. */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

export interface Vocabulary {
  /** Chinese words known to the engine, for splitting a query into terms (longest first). */
  words: { has(word: string): boolean };
  maxWordLength: number;
  /** Other words for the same thing (members of the same synonym group). */
  synonyms: Lookup<string[]>;
  /** Topics a word names (canonical name or alias). */
  topicsOf: Lookup<string[]>;
  /** English stem → stems of its synonyms. */
  enSynonyms: Lookup<string[]>;
}

/** The vocabulary as buildVocabulary makes it. */
export interface BuiltVocabulary extends Vocabulary {
  words: Set<string>;
  synonyms: Map<string, string[]>;
  topicsOf: Map<string, string[]>;
  enSynonyms: Map<string, string[]>;
}

/** A group of words for one thing: a bare list, or a list with the reason it was added (reviewed data). */
type SynonymGroup = string[] | { words: string[]; why: string };

interface SynonymsFile {
  zh: SynonymGroup[];
  en: SynonymGroup[];
}

export const groupWords = (g: SynonymGroup): string[] => (Array.isArray(g) ? g : g.words);

function addAll(map: Map<string, string[]>, key: string, values: string[]): void {
  const list = map.get(key) ?? [];
  for (const v of values) if (v !== key && !list.includes(v)) list.push(v);
  map.set(key, list);
}

export function buildVocabulary(topics: readonly Topic[], file: SynonymsFile = synonymsJson as unknown as SynonymsFile): BuiltVocabulary {
  const words = new Set<string>();
  const synonyms = new Map<string, string[]>();
  const topicsOf = new Map<string, string[]>();
  for (const t of topics) {
    for (const w of [t.name, ...t.aliases].map(normalize)) {
      if (!w) continue;
      words.add(w);
      addAll(topicsOf, w, [t.name]);
    }
  }
  for (const group of file.zh) {
    const g = groupWords(group).map(normalize).filter(Boolean);
    for (const w of g) {
      words.add(w);
      addAll(synonyms, w, g);
    }
  }
  const enSynonyms = new Map<string, string[]>();
  for (const group of file.en) {
    const g = groupWords(group).map((w) => englishStem(normalize(w)));
    for (const w of g) addAll(enSynonyms, w, g);
  }
  // A topic's name and aliases are synonyms of each other too (煤气 → 燃气 → text that says 燃气).
  for (const t of topics) {
    const g = [t.name, ...t.aliases].map(normalize).filter(Boolean);
    addAll(synonyms, normalize(t.name), g);
  }
  const maxWordLength = Math.max(1, ...[...words].map((w) => w.length));
  return { words, maxWordLength, synonyms, topicsOf, enSynonyms };
}

/**
 * Splits a run of Chinese into terms: known words by forward maximum matching (老旧小区|燃气设施|改造), and the
 * stretches between them as they are.
 */
export function splitTerms(run: string, vocab: Vocabulary): string[] {
  const out: string[] = [];
  let raw = '';
  let i = 0;
  while (i < run.length) {
    let len = Math.min(vocab.maxWordLength, run.length - i);
    while (len >= 2 && !vocab.words.has(run.slice(i, i + len))) len--;
    if (len >= 2) {
      if (raw) out.push(raw);
      raw = '';
      out.push(run.slice(i, i + len));
      i += len;
    } else {
      raw += run[i];
      i++;
    }
  }
  if (raw) out.push(raw);
  return out;
}
