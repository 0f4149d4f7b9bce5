// The search engine: a query is analysed once into a plan (terms per space, numbers, hints), candidate facts are
// selected (those holding a gram of the plan, see `candidates`), and each candidate is scored against the plan.
// Scoring never depends on which candidates were selected: a fact without any gram of the plan scores 0.

import Fuse from 'fuse.js';
import type { Corpus, Fact } from '../types.js';
import { compareIds } from '../filters.js';
import { FIELD_WEIGHT, SPACE_FIELDS, buildSpace, fieldBit, holds, lazyDocs, type Field, type Postings, type SearchDoc, type Space, type SpaceIndex } from './docs.js';
import { corpusCharsOf, corpusTextOf, preparedFor, vocabularyOf, type PreparedSearch } from './prepared.js';
import { englishTokens } from './english.js';
import { foldTraditional } from './fold.js';
import { hanRuns, isHan, normalize, prepareQuery } from './normalize.js';
import { extractNumbers, matchNumber, type QueryNumber } from './numbers.js';
import { pinyinRuns, readingKeys, segmentPinyin } from './pinyin.js';
import { MEASURE_WORDS, stripQuestion } from './question.js';
import { buildVocabulary, splitTerms, type Vocabulary } from './synonyms.js';

export interface SearchHit {
  fact: Fact;
  /** 0 = perfect; larger is worse, at most 1 (the scale of fuse.js). */
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

export type Form =
  | 'keyword'
  | 'topic alias'
  | 'synonym'
  | 'pinyin'
  | 'English'
  | 'English, fuzzy'
  | 'homophone typo';

/** One way of spelling a term: grams are positions, each satisfied by any of its keys. */
interface Alt {
  text: string;
  grams: string[][];
  weight: number;
  form: Form;
}

interface Term {
  text: string;
  space: Space;
  weight: number;
  alts: Alt[];
}

export interface Plan {
  /** Chinese terms, matched directly (after folding). */
  zh: Term[];
  /** Homophone terms (pinyin of the Chinese), used when the direct match is incomplete. */
  typo: Term[];
  /** Latin terms, as English and as pinyin; a fact gets the better of the two. */
  en: Term[];
  py: Term[];
  numbers: QueryNumber[];
  unit: string | null;
  when: boolean;
  notes: string[];
}

/** Synonyms and typo readings count a little less than what was typed. */
const SYNONYM_WEIGHT = 0.9;
const TOPIC_ALIAS_WEIGHT = 0.95;
const TYPO_WEIGHT = 0.85;
const FUZZY_WEIGHT = 0.8;
/** Below this relevance a fact is not a hit. */
const MIN_RELEVANCE = 0.3;
const HINT_BONUS = 0.04;

const chars = (s: string) => Array.from(s);

/** Character bigrams of a Chinese term (one unigram for a single character). */
function zhAltGrams(text: string): string[][] {
  const c = chars(text);
  if (c.length === 1) return [[c[0]!]];
  return c.slice(1).map((x, i) => [c[i]! + x]);
}

/** Syllable bigrams over a sequence of per-position key sets. */
function syllableGrams(seq: string[][]): string[][] {
  if (seq.length === 1) return [seq[0]!];
  const out: string[][] = [];
  for (let i = 1; i < seq.length; i++) {
    const keys: string[] = [];
    for (const a of seq[i - 1]!) for (const b of seq[i]!) keys.push(`${a} ${b}`);
    out.push(keys);
  }
  return out;
}

export interface EngineInternals {
  docs: SearchDoc[];
  /** Spaces built so far (a direct Chinese query builds only zh). */
  builtSpaces(): Space[];
}

/**
 * An engine over the corpus. `prepared` is the set-up made at build time (prepared.ts): found by default for the
 * bundled corpus; with null (or for any other corpus) the same set-up is made here, on first use.
 */
export function createSearchEngine(
  corpus: Corpus,
  prepared: PreparedSearch | null = preparedFor(corpus) ?? null,
): SearchEngine & { internals: EngineInternals } {
  const topicsByName = new Map(corpus.topics.map((t) => [t.name, t]));
  const docs = lazyDocs(corpus.facts, topicsByName, (i) => prepared?.fields()?.[i]);
  const spaces = new Map<Space, SpaceIndex>();
  let vocab: Vocabulary | undefined;
  /** Every character of the corpus, once each: a string (searched with includes), lighter than a Set of ~2,000. */
  let corpusChars: string | undefined;
  let corpusText: string | undefined;
  let units: string[] | undefined;
  let fuzzyEn: Fuse<string> | undefined;

  function space(s: Space): SpaceIndex {
    let idx = spaces.get(s);
    if (!idx) spaces.set(s, (idx = prepared?.space(s) ?? buildSpace(docs, s)));
    return idx;
  }

  const getVocab = () => (vocab ??= prepared ? vocabularyOf(prepared.file) : buildVocabulary(corpus.topics));
  const getUnits = () =>
    (units ??= [...new Set([...MEASURE_WORDS, ...corpus.facts.flatMap((f) => [f.unit ?? '', f.baseUnit ?? ''])])].filter(Boolean));
  const getCorpusText = () =>
    (corpusText ??= corpusTextOf(docs));
  // Whether the corpus says a word (a synonym is offered only then): answered from the build-time list when there is one.
  let synonymsHere: Set<string> | undefined;
  const corpusHas = (w: string) =>
    prepared ? (synonymsHere ??= new Set(prepared.file.synonymsInCorpus)).has(w) : getCorpusText().includes(w);
  const getCorpusChars = () => (corpusChars ??= prepared?.file.chars ?? corpusCharsOf(docs));

  function idf(s: Space, keys: string[]): number {
    const idx = space(s);
    const d = Math.max(...keys.map((k) => idx.postings(k)?.size ?? 0));
    return Math.log(1 + docs.length / (1 + d));
  }

  function termWeight(s: Space, grams: string[][]): number {
    const w = grams.reduce((sum, g) => sum + idf(s, g), 0);
    // A single character says less than a word.
    return grams.length === 1 && grams[0]!.every((k) => chars(k).length === 1 && isHan(k)) ? w * 0.5 : w;
  }

  // ---- analysis ----

  function zhTerm(text: string): Term {
    const v = getVocab();
    const alts: Alt[] = [{ text, grams: zhAltGrams(text), weight: 1, form: 'keyword' }];
    for (const t of v.topicsOf.get(text) ?? []) {
      if (t !== text) alts.push({ text: t, grams: zhAltGrams(normalize(t)), weight: TOPIC_ALIAS_WEIGHT, form: 'topic alias' });
    }
    for (const s of v.synonyms.get(text) ?? []) {
      if (corpusHas(s) && !alts.some((a) => a.text === s)) alts.push({ text: s, grams: zhAltGrams(s), weight: SYNONYM_WEIGHT, form: 'synonym' });
    }
    return { text, space: 'zh', weight: termWeight('zh', alts[0]!.grams), alts };
  }

  function typoTerm(text: string): Term | null {
    const runs = pinyinRuns(text);
    const seq = runs.flat();
    if (seq.length < 2) return null; // one syllable matches far too much
    const grams = syllableGrams(seq);
    const label = seq.map((k) => k[0]).join(' ');
    return { text, space: 'py', weight: termWeight('py', grams), alts: [{ text: label, grams, weight: TYPO_WEIGHT, form: 'homophone typo' }] };
  }

  function enTerms(latin: string): Term[] {
    const out: Term[] = [];
    const en = space('en');
    for (const stem of englishTokens(latin)) {
      const alts: Alt[] = [{ text: stem, grams: [[stem]], weight: 1, form: 'English' }];
      for (const s of getVocab().enSynonyms.get(stem) ?? []) alts.push({ text: s, grams: [[s]], weight: SYNONYM_WEIGHT, form: 'synonym' });
      // A misspelt English word (grenway) is corrected against the corpus vocabulary with fuse.js; not a pinyin one.
      if (!en.postings(stem) && stem.length >= 4 && !segmentPinyin(stem)) {
        // Sorted: fuse.js breaks ties by position, and the words must come in the same order however the space was made.
        fuzzyEn ??= new Fuse(en.grams().filter((k) => !k.includes(' ')).sort(), { threshold: 0.3, ignoreLocation: true, includeScore: true });
        const near = (w: string) => Math.abs(w.length - stem.length) <= Math.max(1, Math.floor(stem.length / 4));
        for (const r of fuzzyEn.search(stem).filter((x) => near(x.item)).slice(0, 2)) {
          alts.push({ text: r.item, grams: [[r.item]], weight: FUZZY_WEIGHT * (1 - (r.score ?? 0)), form: 'English, fuzzy' });
        }
      }
      out.push({ text: stem, space: 'en', weight: Math.max(...alts.map((a) => idf('en', a.grams[0]!))), alts });
    }
    return out;
  }

  function pyTerms(latin: string): Term[] {
    const tokens = latin.split(' ').filter(Boolean);
    const seq: string[][] = [];
    let unknown = 0;
    for (const t of tokens) {
      const syl = /^[a-z]+$/.test(t) ? segmentPinyin(t) : null;
      if (syl) seq.push(...syl.map(readingKeys));
      else unknown++;
    }
    if (!seq.length || unknown > 0) return []; // a word that is not pinyin means the query is not pinyin
    const grams = syllableGrams(seq);
    const text = seq.map((k) => k[0]).join(' ');
    // One syllable names dozens of characters: a weak match at best.
    const weight = seq.length === 1 ? 0.5 : 1;
    return [{ text: latin, space: 'py', weight: 1, alts: [{ text, grams, weight, form: 'pinyin' }] }];
  }

  function analyse(query: string): Plan {
    const notes: string[] = [];
    const { numbers, rest } = extractNumbers(normalize(query), getUnits());
    const latin = (rest.match(/[a-z][a-z0-9]*/g) ?? []).join(' ');
    let han = hanRuns(rest).join(' ').replace(/\s+/g, ' ').trim();
    // Traditional characters are folded only when a character is unknown to the corpus (the table loads then);
    // question words (多少, 几) are not evidence, so they are set aside for the check.
    const probe = stripQuestion(han, []).segments.join('');
    if (han && chars(probe).some((c) => isHan(c) && !getCorpusChars().includes(c))) {
      const folded = foldTraditional(han);
      if (folded !== han) notes.push(`Traditional folding: ${han} → ${folded}`);
      han = folded;
    }
    const q = stripQuestion(han, getUnits());
    if (q.removed.length) notes.push(`question words dropped: ${q.removed.join(' ')}`);
    const zh: Term[] = [];
    for (const seg of q.segments) for (const run of seg.split(' ')) for (const t of splitTerms(run, getVocab())) zh.push(zhTerm(t));
    return { zh, typo: [], en: latin ? enTerms(latin) : [], py: latin ? pyTerms(latin) : [], numbers, unit: q.unit, when: q.when, notes };
  }

  /** Homophone terms are made only when needed: they load the pinyin table. The Chinese is read as one run, so
   * that a typo the vocabulary split (青年之|佳) is still heard whole. */
  function addTypoTerms(plan: Plan): void {
    const joined = plan.zh.map((t) => t.text).join('');
    const term = joined ? typoTerm(joined) : null;
    if (term) plan.typo.push(term);
  }

  // ---- scoring ----

  interface TermMatch {
    /** Field-weighted score in [0, 1]. */
    score: number;
    /** Share of the term's grams found, whatever the field or spelling weight. */
    coverage: number;
    field: Field;
    alt: Alt;
    /** Every field where the winning spelling matched as fully, best first (for --explain). */
    fields: Field[];
  }

  /** Per alt, per gram position, the postings of each of its keys: looked up once per query, not once per fact. */
  const altPostings = new WeakMap<Alt, Array<Array<Postings | undefined>>>();
  function postingsOf(alt: Alt, idx: SpaceIndex): Array<Array<Postings | undefined>> {
    let p = altPostings.get(alt);
    if (!p) altPostings.set(alt, (p = alt.grams.map((keys) => keys.map((k) => idx.postings(k)))));
    return p;
  }

  /** The fields of fact `doc` holding each gram position of an alt (a position is held when any of its keys is). */
  // Indexed loops, not for-of or callbacks: this runs per fact and alt, in the interpreter, where every iterator and
  // closure is an allocation.
  function gramMasks(alt: Alt, idx: SpaceIndex, doc: number): number[] {
    const positions = postingsOf(alt, idx);
    const masks = new Array<number>(positions.length);
    for (let j = 0; j < positions.length; j++) {
      const keys = positions[j]!;
      let mask = 0;
      for (let k = 0; k < keys.length; k++) mask |= keys[k]?.get(doc) ?? 0;
      masks[j] = mask;
    }
    return masks;
  }

  function matchTerm(term: Term, doc: number): TermMatch | null {
    const idx = space(term.space);
    const masks = new Array<number[]>(term.alts.length);
    let any = 0;
    for (let ai = 0; ai < term.alts.length; ai++) {
      const m = (masks[ai] = gramMasks(term.alts[ai]!, idx, doc));
      for (let j = 0; j < m.length; j++) any |= m[j]!;
    }
    if (any === 0) return null;
    let best: TermMatch | null = null;
    let fieldSum = 0;
    const fields = SPACE_FIELDS[term.space];
    const perField: Array<{ f: Field; alt: Alt; coverage: number }> = [];
    for (let fi = 0; fi < fields.length; fi++) {
      const f = fields[fi]!;
      const bit = 1 << fi;
      let fieldBest = 0;
      for (let ai = 0; ai < term.alts.length; ai++) {
        const alt = term.alts[ai]!;
        const m = masks[ai]!;
        let hit = 0;
        for (let j = 0; j < m.length; j++) if (m[j]! & bit) hit++;
        if (!hit) continue;
        const coverage = hit / alt.grams.length;
        const score = coverage * alt.weight * FIELD_WEIGHT[f];
        if (score > fieldBest) {
          fieldBest = score;
          perField.push({ f, alt, coverage });
        }
        if (!best || score > best.score) best = { score, coverage, field: f, alt, fields: [] };
      }
      fieldSum += fieldBest;
    }
    if (!best) return null;
    // Mostly the best field; a little for matching in several (label and text and topic say it more surely).
    best.score = 0.85 * best.score + 0.15 * (fieldSum / fields.length);
    const b = best;
    const secondary = (f: Field) => f !== b.field && f !== 'sentence' && f !== 'section';
    best.fields = [b.field, ...perField.filter((p) => secondary(p.f) && p.alt === b.alt && p.coverage >= b.coverage).map((p) => p.f)];
    best.fields = [...new Set(best.fields)];
    return best;
  }

  /** A homophone typo keeps at least one character right (医院 is not a typo for 亿元). */
  function keepsOneCharacter(t: Term, m: TermMatch, i: number): boolean {
    if (m.alt.form !== 'homophone typo') return true;
    const bit = fieldBit('zh', m.field);
    return bit !== 0 && chars(t.text).some((c) => holds(space('zh'), c, i, bit));
  }

  interface PartScore {
    score: number;
    coverage: number;
    matches: Array<{ term: Term; m: TermMatch }>;
  }

  function scoreTerms(terms: Term[], i: number): PartScore {
    let total = 0;
    let got = 0;
    let cov = 0;
    const matches: PartScore['matches'] = [];
    for (const t of terms) {
      total += t.weight;
      const m = matchTerm(t, i);
      if (!m || !keepsOneCharacter(t, m, i)) continue;
      got += t.weight * m.score;
      cov += t.weight * m.coverage;
      matches.push({ term: t, m });
    }
    return total ? { score: got / total, coverage: cov / total, matches } : { score: 0, coverage: 0, matches };
  }

  interface Scored {
    doc: number;
    relevance: number;
    /** The --explain lines, written only for a hit that is shown (describing every candidate cost more than scoring). */
    explain: () => string[];
  }

  /** `zhDirect`: scoreTerms(plan.zh, i), when the caller has it already. */
  function scoreDoc(plan: Plan, i: number, zhDirect?: PartScore): Scored {
    const parts: number[] = [];
    // What the explanation is made of: matched terms, and lines already written.
    const said: Array<PartScore['matches'] | string> = [];
    const fact = docs[i]!.fact;
    if (plan.zh.length) {
      const direct = zhDirect ?? scoreTerms(plan.zh, i);
      const typo = plan.typo.length ? scoreTerms(plan.typo, i) : null;
      const best = typo && typo.score > direct.score ? typo : direct;
      parts.push(best.score);
      said.push(best.matches);
    }
    if (plan.en.length || plan.py.length) {
      const en = plan.en.length ? scoreTerms(plan.en, i) : null;
      const py = plan.py.length ? scoreTerms(plan.py, i) : null;
      const best = !py || (en && en.score >= py.score) ? en! : py;
      parts.push(best.score);
      said.push(best.matches);
    }
    for (const n of plan.numbers) {
      const m = matchNumber(fact, n);
      parts.push(m?.score ?? 0);
      if (m) said.push(`number: ${n.raw} = ${m.how}`);
    }
    let relevance = parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : 0;
    if (relevance > 0 && plan.unit && [fact.unit, fact.baseUnit].some((u) => u && u.endsWith(plan.unit!))) {
      relevance += HINT_BONUS;
      said.push(`unit asked for: ${plan.unit}`);
    }
    if (relevance > 0 && plan.when && (fact.date || fact.kind === 'date')) {
      relevance += HINT_BONUS;
      said.push('a date was asked for');
    }
    const explain = () =>
      said.flatMap((x) => (typeof x === 'string' ? [x] : x.flatMap(({ term, m }) => describeAll(term, m, docs[i]!))));
    return { doc: i, relevance, explain };
  }

  return {
    internals: { docs, builtSpaces: () => [...spaces.keys()] },
    search(raw, opts) {
      const { query } = prepareQuery(raw);
      if (!query || opts.limit <= 0) return [];
      const plan = analyse(query);
      if (!plan.zh.length && !plan.en.length && !plan.py.length && !plan.numbers.length) return [];
      const keep = (i: number) => !opts.filter || opts.filter(docs[i]!.fact);
      let pool = candidates(plan, [...plan.zh, ...plan.en, ...plan.py]).filter(keep);
      // The direct Chinese scores, computed once: they decide on homophones and are part of every fact's score.
      const zhDirect = new Map(plan.zh.length ? pool.map((i) => [i, scoreTerms(plan.zh, i)]) : []);
      // Homophones only when no fact holds the whole Chinese query as typed (or folded, or by synonym).
      let bestCoverage = 0; // a loop, not Math.max(...): a pool can hold 100,000 facts
      for (const p of zhDirect.values()) bestCoverage = Math.max(bestCoverage, p.coverage);
      if (plan.zh.length && bestCoverage < 0.999) {
        addTypoTerms(plan);
        const more = candidates(plan, plan.typo).filter((i) => keep(i) && !zhDirect.has(i));
        if (more.length) pool = [...pool, ...more];
      }
      const scored = pool.map((i) => scoreDoc(plan, i, zhDirect.get(i))).filter((s) => s.relevance >= MIN_RELEVANCE);
      scored.sort((a, b) => b.relevance - a.relevance || compareIds(docs[a.doc]!.fact.id, docs[b.doc]!.fact.id));
      return scored.slice(0, opts.limit).map((s) => {
        let explain: string[] | undefined;
        return {
          fact: docs[s.doc]!.fact,
          score: Math.max(0, Math.min(1, 1 - s.relevance)),
          get explain() {
            return (explain ??= [...plan.notes, ...s.explain()]);
          },
        };
      });
    },
  };

  /**
   * Facts worth scoring for these terms: every fact holding one of their grams, in fact order. A fact holding none
   * would score 0 on each of them; a number in the query can match any fact, so then every fact is a candidate.
   */
  function candidates(plan: Plan, terms: readonly Term[]): number[] {
    if (plan.numbers.length) return docs.map((_, i) => i);
    const found = new Set<number>();
    for (const t of terms) {
      const idx = space(t.space);
      for (const alt of t.alts) for (const g of alt.grams) for (const k of g) for (const d of idx.postings(k)?.keys() ?? []) found.add(d);
    }
    return [...found].sort((a, b) => a - b);
  }
}

const FIELD_NAMES: Record<Field, string> = {
  label: 'label',
  topics: 'topic',
  text: 'text',
  sentence: 'sentence',
  section: 'section',
  en: 'en',
  topicEn: 'topic (English)',
};

/**
 * The --explain lines of one term: the fields where it matched (best first), what matched there and which form of
 * the query it came from. Fields that say the same are joined: `label, text: 燃气 ← "煤气" (synonym)`.
 */
function describeAll(term: Term, m: { field: Field; fields: Field[]; alt: Alt; coverage: number }, doc: SearchDoc): string[] {
  const groups = new Map<string, string[]>();
  for (const field of m.fields) {
    const line = describe(term, { ...m, field }, doc);
    const what = line.slice(FIELD_NAMES[field].length);
    groups.set(what, [...(groups.get(what) ?? []), FIELD_NAMES[field]]);
  }
  return [...groups].map(([what, fields]) => fields.join(', ') + what);
}

/** One --explain line: field, what matched there, which form of the query it came from. */
function describe(term: Term, m: { field: Field; alt: Alt; coverage: number }, doc: SearchDoc): string {
  const where = FIELD_NAMES[m.field];
  const part = m.coverage < 1 ? ` (${Math.round(m.coverage * 100)}% of it)` : '';
  switch (m.alt.form) {
    case 'keyword': {
      const topic = m.field === 'topics' ? doc.fact.topics.find((t) => t !== term.text && doc.aliasesOf(t).includes(term.text)) : undefined;
      if (topic) return `${where}: ${topic} ← "${term.text}"${part} (topic alias)`;
      return `${where}: "${term.text}"${part} (keyword)`;
    }
    case 'topic alias':
      return `${where}: ${m.alt.text} ← "${term.text}"${part} (topic alias)`;
    case 'synonym':
      return `${where}: ${m.alt.text} ← "${term.text}"${part} (synonym)`;
    case 'pinyin':
      return `${where}: ${findPinyin(doc, m.field, m.alt) ?? m.alt.text} ← "${term.text}"${part} (pinyin ${m.alt.text})`;
    case 'homophone typo':
      return `${where}: ${findPinyin(doc, m.field, m.alt) ?? m.alt.text} ← "${term.text}"${part} (homophone typo, read ${m.alt.text})`;
    case 'English':
      return `${where}: "${m.alt.text}"${part} (English)`;
    case 'English, fuzzy':
      return `${where}: "${m.alt.text}" ← "${term.text}" (English, fuzzy)`;
  }
}

/** The Chinese a pinyin match stands for: the longest stretch of the field whose syllables follow the query's. */
function findPinyin(doc: SearchDoc, field: Field, alt: Alt): string | null {
  const want = alt.text.split(' ');
  let best = '';
  for (const s of doc.fields[field]) {
    const c = chars(s);
    for (let i = 0; i < c.length; i++) {
      let j = 0;
      while (j < want.length && i + j < c.length && pinyinRuns(c[i + j]!)[0]?.[0]?.some((k) => k === want[j] || readingKeys(want[j]!).includes(k))) j++;
      if (j > chars(best).length) best = c.slice(i, i + j).join('');
    }
  }
  return best || null;
}

/** Re-exported for the CLI, which echoes the query and warns when it was cut. */
export { prepareQuery, MAX_QUERY_CHARS } from './normalize.js';
