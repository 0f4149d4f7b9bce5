// The corpus vocabulary, for the two ways a query term that the postings do not know is mapped onto terms they do:
//   - fuse.js fuzzy lookup (like Lucene's FuzzyQuery walking its term dictionary): a misspelt English word
//     (grenway), a misspelt pinyin word (qingnain), a Chinese word with a wrong character (夜间经际) is expanded into
//     its nearest vocabulary terms. fuse.js never ranks facts: it only proposes terms, which BM25 then scores.
//     The index is made at build time with Fuse.createIndex (scripts/build-search-data.ts → data/search/vocab.json)
//     and read with Fuse.parseIndex, on first need only.
//   - pinyin initials (gj → 公交, szh → 孙振华): initials of every vocabulary word, looked up exactly.
// The vocabulary: Chinese words (topic names and aliases, synonyms the corpus says, labels, speaker, bureau and
// place names, and the 2- to 4-character n-grams of labels and topics), their pinyin written as one word, and the
// English words of the corpus.

import Fuse, { type FuseIndex } from 'fuse.js';
import type { SearchDoc } from './docs.js';
import { englishTokens } from './english.js';
import { isHan } from './normalize.js';
import { readings } from './pinyin.js';

export type VocabKind = 'zh' | 'py' | 'en';

export interface VocabEntry {
  /** The term as matched: Chinese word, pinyin word (no spaces) or English word. */
  t: string;
  k: VocabKind;
  /** For a pinyin entry: the Chinese word it reads. */
  w?: string;
  /** How many facts hold the word (ties between equally near terms go to the commoner). */
  n: number;
}

/** The terms of one kind and length, with their fuse.js index: Fuse.createIndex(['t'], entries).toJSON(). */
export interface VocabGroup {
  entries: VocabEntry[];
  index: unknown;
}

/** Terms of one kind by length (in characters): a fuzzy lookup reads only the lengths near the term's. */
export type VocabGroups = Record<string, VocabGroup>;

export interface InitialsPart {
  /** Pinyin initials → Chinese words, commonest first. */
  initials: Record<string, string[]>;
  /** Chinese word → how many facts hold it. */
  counts: Record<string, number>;
}

/** The vocabulary in parts, each read on its own (data/search/vocab-<part>.json). */
export interface VocabParts {
  zh: VocabGroups;
  py: VocabGroups;
  en: VocabGroups;
  initials: InitialsPart;
}
export type VocabPart = keyof VocabParts;
export const VOCAB_PARTS: VocabPart[] = ['zh', 'py', 'en', 'initials'];

export const FUSE_KEYS = ['t'];
/** Nearness a term must have to count (fuse.js score: 0 exact, 1 anything). */
export const FUZZY_THRESHOLD = 0.34;
const FUSE_OPTIONS = { keys: FUSE_KEYS, includeScore: true, threshold: FUZZY_THRESHOLD, ignoreLocation: true, minMatchCharLength: 2 };
const MAX_INITIALS_COMBOS = 8;

/**
 * The fuse.js class itself. The CLI bundle stands a lazy-loading shim in for the `fuse.js` import that forwards only
 * `new` (scripts/build.mjs), so the static createIndex/parseIndex are reached through an instance's constructor.
 */
let fuseClass: typeof Fuse | undefined;
export const FuseClass = (): typeof Fuse => (fuseClass ??= new Fuse<VocabEntry>([]).constructor as typeof Fuse);

const hanOnly = (s: string) => s.length > 0 && Array.from(s).every(isHan);

/** The pinyin initials a Chinese word can be typed as (every reading of a polyphone; a few combinations at most). */
export function initialsOf(word: string): string[] {
  let out = [''];
  for (const c of word) {
    const firsts = [...new Set(readings(c).map((r) => (/^(zh|ch|sh)/.test(r) ? [r[0]!, r.slice(0, 2)] : [r[0]!])).flat())];
    if (!firsts.length) return [];
    out = out.flatMap((p) => firsts.map((f) => p + f)).slice(0, MAX_INITIALS_COMBOS);
  }
  return out;
}

/** Toneless pinyin of a Chinese word written as one word (每个字 its first reading): 公交 → gongjiao. */
export function pinyinWord(word: string): string | null {
  let out = '';
  for (const c of word) {
    const r = readings(c)[0];
    if (!r) return null;
    out += r;
  }
  return out;
}

/** The vocabulary of a set of docs plus the engine's own words (topics, synonyms), counted in facts. */
export function buildVocab(docs: readonly SearchDoc[], extraWords: Iterable<string>): VocabParts {
  const zh = new Map<string, Set<number>>();
  const en = new Map<string, Set<number>>();
  const add = (m: Map<string, Set<number>>, w: string, i: number) => {
    let s = m.get(w);
    if (!s) m.set(w, (s = new Set()));
    if (i >= 0) s.add(i);
  };
  /** Words that are words (names, topics, synonyms, whole labels), not n-grams cut from them (字政 of 数字政府). */
  const named = new Set<string>();
  docs.forEach((d, i) => {
    const f = d.fields;
    for (const s of [...f.label, ...f.topics]) {
      for (const run of s.match(/\p{Script=Han}+/gu) ?? []) {
        const c = Array.from(run);
        if (c.length <= 8) add(zh, run, i), named.add(run);
        for (let n = 2; n <= 4; n++) for (let j = 0; j + n <= c.length; j++) add(zh, c.slice(j, j + n).join(''), i);
      }
    }
    // Names in the metadata: whole words as they are written (孙振华, 大数据局, 住建局, 淄博市政府新闻办公室).
    for (const s of f.source) for (const run of s.match(/\p{Script=Han}+/gu) ?? []) if (Array.from(run).length <= 12) add(zh, run, i), named.add(run);
    for (const s of [...f.en, ...f.topicEn, ...f.source]) for (const t of englishTokens(s)) if (t.length >= 3) add(en, t, i);
  });
  for (const w of extraWords) if (hanOnly(w) && w.length >= 2) add(zh, w, -1), named.add(w);
  const entries: VocabEntry[] = [];
  const initials = new Map<string, Array<[string, number]>>();
  for (const [w, s] of [...zh].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    entries.push({ t: w, k: 'zh', n: s.size });
    const py = pinyinWord(w);
    if (py && Array.from(w).length >= 2) entries.push({ t: py, k: 'py', w, n: s.size });
    // Two letters name too much: only words proper get two-letter initials (gj 公交), not n-grams.
    if (Array.from(w).length === 2 && !named.has(w)) continue;
    for (const ini of initialsOf(w)) {
      let l = initials.get(ini);
      if (!l) initials.set(ini, (l = []));
      l.push([w, s.size]);
    }
  }
  for (const [w, s] of [...en].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) entries.push({ t: w, k: 'en', n: s.size });
  const initialsOut: Record<string, string[]> = {};
  for (const [k, l] of [...initials].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // Commonest first, then longer (a whole name before its pieces), then code point order: stable across builds.
    l.sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    initialsOut[k] = l.slice(0, 4).map(([w]) => w);
  }
  const counts: Record<string, number> = {};
  for (const e of entries) if (e.k === 'zh') counts[e.t] = e.n;
  const groups = (k: VocabKind): VocabGroups => {
    const byLen = new Map<number, VocabEntry[]>();
    for (const e of entries) {
      if (e.k !== k) continue;
      const n = Array.from(e.t).length;
      let l = byLen.get(n);
      if (!l) byLen.set(n, (l = []));
      l.push(e);
    }
    const out: VocabGroups = {};
    for (const [n, l] of [...byLen].sort(([a], [b]) => a - b)) out[String(n)] = { entries: l, index: FuseClass().createIndex(FUSE_KEYS, l).toJSON() };
    return out;
  };
  return { zh: groups('zh'), py: groups('py'), en: groups('en'), initials: { initials: initialsOut, counts } };
}

/** A vocabulary ready to be asked: each part read, and each group's fuse.js index parsed, on first need. */
export class VocabIndex {
  #parts = new Map<VocabPart, unknown>();
  #fuses = new Map<string, Fuse<VocabEntry> | null>();
  constructor(private readonly load: (part: VocabPart) => unknown) {}

  #part<P extends VocabPart>(p: P): VocabParts[P] | undefined {
    if (!this.#parts.has(p)) this.#parts.set(p, this.load(p));
    return this.#parts.get(p) as VocabParts[P] | undefined;
  }

  #fuse(kind: VocabKind, len: number): Fuse<VocabEntry> | null {
    const key = `${kind}:${len}`;
    let f = this.#fuses.get(key);
    if (f === undefined) {
      const g = this.#part(kind)?.[String(len)];
      f = g ? new Fuse(g.entries, FUSE_OPTIONS, FuseClass().parseIndex(g.index as Parameters<typeof Fuse.parseIndex>[0]) as FuseIndex<VocabEntry>) : null;
      this.#fuses.set(key, f);
    }
    return f;
  }

  /** Nearest terms of some kinds to `term`, nearest first; `score` is fuse.js's (0 exact). */
  nearest(term: string, kinds: readonly VocabKind[], limit = 3): Array<{ entry: VocabEntry; score: number }> {
    const len = Array.from(term).length;
    // A near term has about the same length (fuse.js alone would call any word containing it near): only those
    // groups are searched, as a fuzzy query of Lucene walks only terms within its edit distance.
    const slack = len <= 8 ? 1 : Math.floor(len / 4);
    const lenDiff = (t: string) => Math.abs(Array.from(t).length - len);
    const found: Array<{ entry: VocabEntry; score: number }> = [];
    for (const k of kinds) {
      for (let n = Math.max(1, len - slack); n <= len + slack; n++) {
        for (const r of this.#fuse(k, n)?.search(term) ?? []) if (r.item.t !== term) found.push({ entry: r.item, score: r.score ?? 0 });
      }
    }
    // Equally near: the one closer in length (qingnian, not qingnianfa, for qingnain), then the commoner.
    return found
      .sort((a, b) => a.score - b.score || lenDiff(a.entry.t) - lenDiff(b.entry.t) || b.entry.n - a.entry.n || (a.entry.t < b.entry.t ? -1 : 1))
      .slice(0, limit);
  }

  /** How many facts hold a Chinese word of the vocabulary (0 when it is not in it). */
  count(word: string): number {
    const c = this.#part('initials')?.counts;
    return c && Object.prototype.hasOwnProperty.call(c, word) ? c[word]! : 0;
  }

  initials(letters: string): string[] {
    const i = this.#part('initials')?.initials;
    return i && Object.prototype.hasOwnProperty.call(i, letters) ? i[letters]! : [];
  }
}
