// The search engine: a query is analysed once into a plan (terms per space, numbers, dates, hints), candidate facts
// are selected (those holding a gram of the plan, see `candidates`), and each candidate is scored against the plan
// with BM25F (bm25.ts): every gram of a term (Chinese character bigrams and, weaker, unigrams; pinyin syllable
// bigrams; English stems) adds its idf times its saturated, field-weighted and length-normalised frequency. A fact
// matching any content term is a candidate and is ranked; there is no cut on the share of the query a fact matches
// (a long question must not lose its fact for its extra words), only a floor relative to the best hit.
// Scoring never depends on which candidates were selected: a fact without any gram of the plan scores 0.

import type { Corpus, Fact, Release, Topic } from '../types.js';
import { compareIds } from '../filters.js';
import { FIELD_WEIGHT, SPACE_FIELDS, buildSpace, fieldBit, fieldFactor, fieldLength, meanLength, holds, lazyDocs, type Field, type Postings, type SearchDoc, type Space, type SpaceIndex, type TopicLookup } from './docs.js';
import { corpusCharsOf, corpusTextOf, preparedFor, vocabularyOf, type PreparedSearch } from './prepared.js';
import { K1, idf as bm25Idf, saturate } from './bm25.js';
import { dateMatches, extractDates, isoOf, type QueryDate } from './dates.js';
import { sourceStrings } from './source.js';
import { VocabIndex, buildVocab, type VocabParts } from './vocab.js';
import { englishStem, englishTokens, isStopWord } from './english.js';
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
  | 'pinyin, fuzzy'
  | 'pinyin initials'
  | 'fuzzy'
  | 'homophone typo';

/** One way of spelling a term: grams are positions, each satisfied by any of its keys. */
interface Alt {
  text: string;
  grams: string[][];
  /** Weight of each gram position: 1 for a bigram (or a word), less for a unigram. */
  gw: number[];
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
  dates: QueryDate[];
  unit: string | null;
  when: boolean;
  notes: string[];
}

/** Synonyms and typo readings count a little less than what was typed. */
const SYNONYM_WEIGHT = 0.9;
const TOPIC_ALIAS_WEIGHT = 0.95;
const TYPO_WEIGHT = 0.85;
const FUZZY_WEIGHT = 0.8;
const INITIALS_WEIGHT = 0.85;
/** A unigram says less than a bigram: it lets related wording count (年轻人 ~ 青年) without outranking a word. */
const UNIGRAM_WEIGHT = 0.3;
/** A term of one character. */
const SINGLE_CHAR_WEIGHT = 0.5;
/**
 * The floor: a fact scoring below this share of the best hit is noise (it shares a common character or two). The
 * best hits are never dropped, so the only facts sharing a rare term with the query always come back.
 */
const FLOOR_SHARE = 0.2;
const HINT_BONUS = 0.04;
/** A date the fact states counts fully; the date of the release it was said at, less. */
const RELEASE_DATE_SCORE = 0.6;

const chars = (s: string) => Array.from(s);

/** Character bigrams of a Chinese term, then its unigrams (a single character: itself). */
function zhAltGrams(text: string): { grams: string[][]; gw: number[] } {
  const c = chars(text);
  if (c.length === 1) return { grams: [[c[0]!]], gw: [SINGLE_CHAR_WEIGHT] };
  const bi = c.slice(1).map((x, i) => [c[i]! + x]);
  return { grams: [...bi, ...c.map((x) => [x])], gw: [...bi.map(() => 1), ...c.map(() => UNIGRAM_WEIGHT)] };
}

const ones = (grams: string[][]) => grams.map(() => 1);

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
  // Made on first use, like the releases: with prepared fields, a search reads topics.json only to filter on a topic.
  let topicMap: Map<string, Topic> | undefined;
  const topicsByName: TopicLookup = { get: (name) => (topicMap ??= new Map(corpus.topics.map((t) => [t.name, t]))).get(name) };
  // Made on first use: a query without a date, on a corpus with prepared fields, never reads the releases.
  let releaseMap: Map<string, Release> | undefined;
  const releaseOf = (id: string): Release | undefined =>
    (releaseMap ??= new Map<string, Release>(corpus.releases.map((r) => [r.id, r]))).get(id);
  const sourceCache = new Map<string, string[]>();
  const sourceText = (f: Fact): string[] => {
    let s = sourceCache.get(f.release);
    if (!s) {
      const r = releaseOf(f.release);
      sourceCache.set(f.release, (s = r ? sourceStrings(r) : []));
    }
    return s;
  };
  const docs = lazyDocs(corpus.facts, topicsByName, (i) => prepared?.fields()?.[i], sourceText);
  const spaces = new Map<Space, SpaceIndex>();
  let vocab: Vocabulary | undefined;
  /** Every character of the corpus, once each: a string (searched with includes), lighter than a Set of ~2,000. */
  let corpusChars: string | undefined;
  let corpusText: string | undefined;
  let units: string[] | undefined;
  let vocabIndex: VocabIndex | undefined;

  function space(s: Space): SpaceIndex {
    let idx = spaces.get(s);
    if (!idx) spaces.set(s, (idx = prepared?.space(s) ?? buildSpace(docs, s)));
    return idx;
  }

  const lookups = () => prepared?.lookup();
  const getVocab = () => {
    if (!vocab) {
      const l = lookups();
      vocab = prepared && l ? vocabularyOf(prepared.file, l) : buildVocabulary(corpus.topics);
    }
    return vocab;
  };
  // A loop into one Set: the spread-and-flatMap form made four arrays of every fact's units (~15 KB per search).
  const getUnits = () => {
    if (!units) {
      const set = new Set<string>(MEASURE_WORDS);
      for (let i = 0; i < corpus.facts.length; i++) {
        const f = corpus.facts[i]!;
        if (f.unit) set.add(f.unit);
        if (f.baseUnit) set.add(f.baseUnit);
      }
      units = [...set];
    }
    return units;
  };
  const getCorpusText = () =>
    (corpusText ??= corpusTextOf(docs));
  // Whether the corpus says a word (a synonym is offered only then): answered from the build-time list when there is one.
  const corpusHas = (w: string) => lookups()?.inCorpus.has(w) ?? getCorpusText().includes(w);
  const getCorpusChars = () => (corpusChars ??= prepared?.file.chars ?? corpusCharsOf(docs));
  /** The vocabulary's fuse.js index and initials: read (or made) only when a term is out of vocabulary. */
  let builtVocab: VocabParts | undefined;
  const getVocabIndex = () =>
    (vocabIndex ??= new VocabIndex((part) => prepared?.vocab(part) ?? (builtVocab ??= buildVocab(docs, vocabWords(corpus.topics)))[part]));

  // ---- BM25 statistics ----

  /** Field lengths: from the build-time set-up, else measured on the fields (a field's on first use). */
  const lengths = new Map<Field, ArrayLike<number>>();
  const means = new Map<Field, number>();
  function lengthsOf(f: Field): ArrayLike<number> {
    let l = lengths.get(f);
    if (!l) {
      const pre = prepared?.file.lengths?.[f];
      l = pre && pre.length === docs.length ? pre : docs.map((d) => fieldLength(f, d.fields[f]));
      lengths.set(f, l);
      means.set(f, meanLength(l));
    }
    return l;
  }

  /**
   * Each space's field factors, a row per doc (docs.ts factorMatrix): the build's (weights.f64), else made a row at a
   * time as docs are scored. Read, not computed, per candidate: every float operation allocates in cold code.
   */
  const factors = new Map<Space, { m: Float64Array; made: Uint8Array | null }>();
  function factorsOf(sp: Space, doc: number): Float64Array {
    const fields = SPACE_FIELDS[sp];
    let e = factors.get(sp);
    if (!e) {
      const pre = prepared?.weights()?.[sp];
      e = pre && pre.length === docs.length * fields.length ? { m: pre, made: null } : { m: new Float64Array(docs.length * fields.length), made: new Uint8Array(docs.length) };
      factors.set(sp, e);
    }
    if (e.made && !e.made[doc]) {
      for (let fi = 0; fi < fields.length; fi++) {
        const f = fields[fi]!;
        e.m[doc * fields.length + fi] = fieldFactor(f, lengthsOf(f)[doc]!, means.get(f)!);
      }
      e.made[doc] = 1;
    }
    return e.m;
  }

  /** idf of one gram position: the commonest of its keys decides (a position is held when any key is). */
  function positionIdf(idx: SpaceIndex, keys: string[]): number {
    let df = 0;
    for (const k of keys) df = Math.max(df, idx.postings(k)?.size ?? 0);
    return bm25Idf(docs.length, df);
  }
  const altIdf = new WeakMap<Alt, number[]>();
  function idfsOf(alt: Alt, s: Space): number[] {
    let v = altIdf.get(alt);
    if (!v) altIdf.set(alt, (v = alt.grams.map((keys) => positionIdf(space(s), keys))));
    return v;
  }
  /** A term's weight in its part: the idf mass of what was typed (a word the corpus lacks weighs the most). */
  const maxes = new WeakMap<Term, number>();
  function termMax(t: Term): number {
    let m = maxes.get(t);
    if (m === undefined) maxes.set(t, (m = weightsOf(t.alts[0]!, t.space).max * t.weight));
    return m;
  }

  // ---- analysis ----

  function withFuzzyZh(text: string, alts: Alt[]): void {
    // A Chinese word the corpus does not hold (a bigram no fact has): its nearest vocabulary words, as fuse.js finds them.
    const c = chars(text);
    if (c.length < 3) return;
    const zh = space('zh');
    let missing = false;
    for (let i = 1; i < c.length; i++) if (!zh.postings(c[i - 1]! + c[i]!)) missing = true;
    if (!missing) return;
    for (const r of getVocabIndex().nearest(text, ['zh'], 2)) {
      if (alts.some((a) => a.text === r.entry.t)) continue;
      alts.push({ text: r.entry.t, ...zhAltGrams(r.entry.t), weight: FUZZY_WEIGHT * (1 - r.score), form: 'fuzzy' });
    }
  }

  function zhTerm(text: string): Term {
    const v = getVocab();
    const alts: Alt[] = [{ text, ...zhAltGrams(text), weight: 1, form: 'keyword' }];
    for (const t of v.topicsOf.get(text) ?? []) {
      if (t !== text) alts.push({ text: t, ...zhAltGrams(normalize(t)), weight: TOPIC_ALIAS_WEIGHT, form: 'topic alias' });
    }
    for (const s of v.synonyms.get(text) ?? []) {
      if (corpusHas(s) && !alts.some((a) => a.text === s)) alts.push({ text: s, ...zhAltGrams(s), weight: SYNONYM_WEIGHT, form: 'synonym' });
    }
    return { text, space: 'zh', weight: 1, alts };
  }

  /** Adds fuse.js neighbours to the Chinese terms the corpus lacks; whether any were added. */
  function addFuzzyAlts(plan: Plan): boolean {
    let added = false;
    for (const t of plan.zh) {
      if (t.alts.length !== 1 || t.alts[0]!.form !== 'keyword') continue;
      const before = t.alts.length;
      withFuzzyZh(t.text, t.alts);
      if (t.alts.length > before) added = true;
    }
    return added;
  }

  /** A term for Chinese words named another way (pinyin initials, a misspelt pinyin word). */
  function wordsTerm(text: string, words: Array<{ w: string; weight: number }>, form: Form): Term {
    const alts = words.map(({ w, weight }) => ({ text: w, ...zhAltGrams(w), weight, form }));
    return { text, space: 'zh', weight: 1, alts };
  }

  function typoTerm(text: string): Term | null {
    const runs = pinyinRuns(text);
    const seq = runs.flat();
    if (seq.length < 2) return null; // one syllable matches far too much
    const grams = syllableGrams(seq);
    const label = seq.map((k) => k[0]).join(' ');
    return { text, space: 'py', weight: 1, alts: [{ text: label, grams, gw: ones(grams), weight: TYPO_WEIGHT, form: 'homophone typo' }] };
  }

  function enTerms(latin: string): Term[] {
    const out: Term[] = [];
    const en = space('en');
    for (const stem of englishTokens(latin)) {
      const alts: Alt[] = [{ text: stem, grams: [[stem]], gw: [1], weight: 1, form: 'English' }];
      for (const s of getVocab().enSynonyms.get(stem) ?? []) alts.push({ text: s, grams: [[s]], gw: [1], weight: SYNONYM_WEIGHT, form: 'synonym' });
      // A misspelt English word (grenway): its nearest words of the vocabulary (fuse.js); not a pinyin one.
      if (!en.postings(stem) && stem.length >= 4 && !segmentPinyin(stem)) {
        for (const r of getVocabIndex().nearest(stem, ['en'], 2)) {
          alts.push({ text: r.entry.t, grams: [[r.entry.t]], gw: [1], weight: FUZZY_WEIGHT * (1 - r.score), form: 'English, fuzzy' });
        }
      }
      out.push({ text: stem, space: 'en', weight: 1, alts });
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
    return [{ text: latin, space: 'py', weight: 1, alts: [{ text, grams, gw: ones(grams), weight, form: 'pinyin' }] }];
  }

  /**
   * A run of initials as words of the vocabulary: the whole run when a word has these initials (gjxl → 公交线路),
   * else the fewest pieces of 2+ letters that each do (cjzdxm → cj 城建 + zdxm 重点项目); null when none.
   */
  function initialsPieces(tok: string): string[] | null {
    const v = getVocabIndex();
    if (v.initials(tok).length) return [tok];
    if (tok.length > 10) return null; // a long run of letters is not a phrase typed as initials
    const best: Array<string[] | null> = new Array(tok.length + 1).fill(null);
    best[0] = [];
    for (let i = 0; i < tok.length; i++) {
      const here = best[i];
      if (!here) continue;
      for (let j = tok.length; j >= i + 2; j--) {
        const piece = tok.slice(i, j);
        if (!v.initials(piece).length) continue;
        if (!best[j] || best[j]!.length > here.length + 1) best[j] = [...here, piece];
      }
    }
    const pieces = best[tok.length];
    // The same piece twice (zz zz) is someone holding a key, not a phrase.
    return pieces && new Set(pieces).size === pieces.length ? pieces : null;
  }

  /**
   * Latin words that are neither pinyin nor English the corpus knows: pinyin initials (gj → 公交), else a misspelt
   * pinyin word (qingnain → 青年). They become Chinese terms; the rest stays Latin.
   */
  function latinToChinese(latin: string): { terms: Term[]; rest: string } {
    const terms: Term[] = [];
    const rest: string[] = [];
    const en = space('en');
    for (const tok of latin.split(' ').filter(Boolean)) {
      const known = !/^[a-z]+$/.test(tok) || segmentPinyin(tok) || en.postings(englishStem(tok)) || isStopWord(tok) || tok.length < 2;
      if (known) {
        rest.push(tok);
        continue;
      }
      const pieces = tok.length <= 12 ? initialsPieces(tok) : null;
      if (pieces) {
        for (const piece of pieces) {
          const spelt = getVocabIndex().initials(piece);
          // Only words about as common as the commonest they spell: a rare word with the same initials is a coincidence.
          const ini = spelt.filter((w, i) => i === 0 || getVocabIndex().count(w) * 2 >= getVocabIndex().count(spelt[0]!));
          // Initials are ambiguous: the commonest word they spell leads, the others count much less.
          terms.push(wordsTerm(piece, ini.map((w, i) => ({ w, weight: INITIALS_WEIGHT * (i === 0 ? 1 : 0.4) })), 'pinyin initials'));
        }
        continue;
      }
      const near = tok.length >= 4 ? getVocabIndex().nearest(tok, ['py', 'en'], 2) : [];
      const py = near.filter((r) => r.entry.k === 'py' && r.entry.w);
      if (py.length && (!near.length || near[0]!.entry.k === 'py')) {
        terms.push(wordsTerm(tok, py.map((r) => ({ w: r.entry.w!, weight: FUZZY_WEIGHT * (1 - r.score) })), 'pinyin, fuzzy'));
        continue;
      }
      rest.push(tok);
    }
    return { terms, rest: rest.join(' ') };
  }

  function analyse(query: string): Plan {
    const notes: string[] = [];
    const { dates, rest: noDates } = extractDates(query.toLowerCase());
    if (dates.length) notes.push(`dates: ${dates.map((d) => `${d.raw} = ${isoOf(d)}`).join(', ')}`);
    const { numbers, rest } = extractNumbers(normalize(noDates), getUnits());
    let latin = (rest.match(/[a-z][a-z0-9]*/g) ?? []).join(' ');
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
    if (latin) {
      const conv = latinToChinese(latin);
      zh.push(...conv.terms);
      latin = conv.rest;
    }
    return { zh, typo: [], en: latin ? enTerms(latin) : [], py: latin ? pyTerms(latin) : [], numbers, dates, unit: q.unit, when: q.when, notes };
  }

  /** Homophone terms are made only when needed: they load the pinyin table. The Chinese is read as one run, so
   * that a typo the vocabulary split (青年之|佳) is still heard whole. */
  function addTypoTerms(plan: Plan): void {
    const joined = plan.zh.filter((t) => t.alts[0]!.form === 'keyword').map((t) => t.text).join('');
    const term = joined ? typoTerm(joined) : null;
    if (term) plan.typo.push(term);
  }

  // ---- scoring ----

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
  /** Which fields of `doc` hold each gram position of `alt` (a bit per field of the space), into `out`; whether any does. */
  function gramMasks(alt: Alt, idx: SpaceIndex, doc: number, out: number[]): boolean {
    const positions = postingsOf(alt, idx);
    out.length = positions.length;
    let any = 0;
    for (let j = 0; j < positions.length; j++) {
      const keys = positions[j]!;
      let mask = 0;
      for (let k = 0; k < keys.length; k++) mask |= keys[k]?.get(doc) ?? 0;
      out[j] = mask;
      any |= mask;
    }
    return any !== 0;
  }
  const scratch: number[] = [];

  /**
   * What scoring an alternative needs that does not depend on the doc, made once: each gram position's weight times
   * its idf, their sum (what the alternative could score at most), which positions are main (not single characters)
   * and how many. Computed per doc before; in code not yet optimised every float operation allocates a number.
   */
  interface AltWeights {
    w: number[];
    max: number;
    isMain: boolean[];
    main: number;
  }
  const altWeights = new WeakMap<Alt, AltWeights>();
  function weightsOf(alt: Alt, sp: Space): AltWeights {
    let v = altWeights.get(alt);
    if (!v) {
      const idfs = idfsOf(alt, sp);
      const w: number[] = [];
      const isMain: boolean[] = [];
      let max = 0;
      let main = 0;
      for (let j = 0; j < idfs.length; j++) {
        w.push(alt.gw[j]! * idfs[j]!);
        max += w[j]!;
        isMain.push(alt.gw[j]! >= SINGLE_CHAR_WEIGHT);
        if (isMain[j]) main++;
      }
      altWeights.set(alt, (v = { w, max, isMain, main }));
    }
    return v;
  }

  /**
   * The saturated term frequency of each mask of fields of the doc being scored (-1 until computed), per space: a
   * doc's grams share a few masks, so each is computed once, not per gram and spelling (every float operation
   * allocates in cold code). Docs are scored one after the other, so one table per space, cleared for each new doc.
   */
  const saturations = new Map<Space, { doc: number; v: Float64Array }>();
  function saturationsOf(sp: Space, doc: number): Float64Array {
    let c = saturations.get(sp);
    if (!c) saturations.set(sp, (c = { doc: -1, v: new Float64Array(1 << SPACE_FIELDS[sp].length) }));
    if (c.doc !== doc) {
      c.v.fill(-1);
      c.doc = doc;
    }
    return c.v;
  }

  // Indexed loops and no allocation but for the winning spelling: this runs per fact, term and spelling.
  function matchTerm(term: Term, doc: number): TermMatch | null {
    const idx = space(term.space);
    const fields = SPACE_FIELDS[term.space];
    let best: TermMatch | null = null;
    for (let ai = 0; ai < term.alts.length; ai++) {
      const alt = term.alts[ai]!;
      // A spelling scores less than its weight times the term's (see `score` below: got < max·(k1+1)), so one whose
      // weight cannot beat the best so far is not scored: the result is the same, with less work per fact.
      if (best && alt.weight * termMax(term) <= best.score) continue;
      if (!gramMasks(alt, idx, doc, scratch)) continue; // no position held: nothing to score
      const m = scratch;
      const { w, max, isMain, main } = weightsOf(alt, term.space);
      const sat = saturationsOf(term.space, doc);
      let got = 0;
      let mainHit = 0;
      for (let j = 0; j < m.length; j++) {
        const mask = m[j]!;
        if (!mask) continue;
        let st = sat[mask]!;
        if (st < 0) {
          const fw = factorsOf(term.space, doc);
          const row = doc * fields.length;
          let tf = 0;
          for (let fi = 0; fi < fields.length; fi++) if (mask & (1 << fi)) tf += fw[row + fi]!;
          sat[mask] = st = saturate(tf, K1);
        }
        if (isMain[j]) mainHit++;
        got += w[j]! * st;
      }
      if (got <= 0) continue;
      // What this spelling scores of what it could (BM25F over its own grams, saturation at most k1+1), carried
      // over to the term's weight: a synonym with more or rarer grams than the word typed never outscores it.
      const score = (got / (max * (K1 + 1))) * alt.weight * termMax(term);
      if (!best || score > best.score) best = new Match(score, main ? mainHit / main : 1, alt, fields, m.slice());
    }
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
    /** Whether a term matched by more than stray characters (a bigram, a word, a whole syllable pair). */
    solid: boolean;
    /** The terms matched and how: collected only to explain a hit (`collect`). */
    matches: Array<{ term: Term; m: TermMatch }> | null;
  }

  /** A part's score: the BM25F sum of its terms over what the query could score at most (idf-weighted coverage). */
  function scoreTerms(terms: Term[], i: number, collect = false): PartScore {
    let total = 0;
    let got = 0;
    let cov = 0;
    let solid = false;
    const matches: PartScore['matches'] = collect ? [] : null;
    for (let ti = 0; ti < terms.length; ti++) {
      const t = terms[ti]!;
      const max = termMax(t);
      total += max;
      const m = matchTerm(t, i);
      if (!m || !keepsOneCharacter(t, m, i)) continue;
      got += m.score;
      cov += max * m.coverage;
      if (m.coverage > 0) solid = true;
      matches?.push({ term: t, m });
    }
    // Characters of a word matched one by one, never two together, are not a match of the word (公安 is not 公交):
    // they rank facts that match something else, but alone they are noise.
    if (!solid) got = 0;
    return total ? { score: got / total, coverage: cov / total, solid, matches } : { score: 0, coverage: 0, solid, matches };
  }

  /** What a hit's explanation is made of: matched terms, and lines already written. */
  type Said = Array<NonNullable<PartScore['matches']> | string>;

  /**
   * A candidate's relevance: the mean of its parts' scores, plus the hints' bonuses. `zhDirect`: scoreTerms(plan.zh, i),
   * when the caller has it already. `said`, when given (a hit to explain), receives what the explanation is made of;
   * scoring every candidate writes none of it (it cost more than the scoring).
   */
  function scoreDoc(plan: Plan, i: number, zhDirect?: PartScore, said?: Said): number {
    const collect = said !== undefined;
    // The parts are summed in order, as a list's reduce would: the same sum to the last bit.
    let sum = 0;
    let parts = 0;
    const fact = docs[i]!.fact;
    if (plan.zh.length) {
      const direct = zhDirect && !collect ? zhDirect : scoreTerms(plan.zh, i, collect);
      const typo = plan.typo.length ? scoreTerms(plan.typo, i, collect) : null;
      const best = typo && typo.score > direct.score ? typo : direct;
      sum += best.score;
      parts++;
      said?.push(best.matches!);
    }
    if (plan.en.length || plan.py.length) {
      const en = plan.en.length ? scoreTerms(plan.en, i, collect) : null;
      const py = plan.py.length ? scoreTerms(plan.py, i, collect) : null;
      const best = !py || (en && en.score >= py.score) ? en! : py;
      sum += best.score;
      parts++;
      said?.push(best.matches!);
    }
    for (const n of plan.numbers) {
      const m = matchNumber(fact, n);
      sum += m?.score ?? 0;
      parts++;
      if (m) said?.push(`number: ${n.raw} = ${m.how}`);
    }
    for (const d of plan.dates) {
      parts++;
      if (dateMatches(fact.date, d)) {
        sum += 1;
        said?.push(`date: ${d.raw} = ${fact.date} (date of the fact)`);
      } else {
        const r = releaseOf(fact.release);
        const hit = r && dateMatches(r.date, d);
        sum += hit ? RELEASE_DATE_SCORE : 0;
        if (hit) said?.push(`date: ${d.raw} = ${r.date} (date of the release)`);
      }
    }
    let relevance = parts ? sum / parts : 0;
    if (relevance > 0 && plan.unit && [fact.unit, fact.baseUnit].some((u) => u && u.endsWith(plan.unit!))) {
      relevance += HINT_BONUS;
      said?.push(`unit asked for: ${plan.unit}`);
    }
    if (relevance > 0 && plan.when && (fact.date || fact.kind === 'date')) {
      relevance += HINT_BONUS;
      said?.push('a date was asked for');
    }
    return relevance;
  }

  /** The --explain lines of hit `i`: its score made again, this time keeping what it was made of. */
  function explainDoc(plan: Plan, i: number): string[] {
    const said: Said = [];
    scoreDoc(plan, i, undefined, said);
    return said.flatMap((x) => (typeof x === 'string' ? [x] : x.flatMap(({ term, m }) => describeAll(term, m, docs[i]!))));
  }

  return {
    internals: { docs, builtSpaces: () => [...spaces.keys()] },
    search(raw, opts) {
      const { query } = prepareQuery(raw);
      if (!query || opts.limit <= 0) return [];
      const plan = analyse(query);
      if (!plan.zh.length && !plan.en.length && !plan.py.length && !plan.numbers.length && !plan.dates.length) return [];
      const keep = (i: number) => !opts.filter || opts.filter(docs[i]!.fact);
      let pool = candidates(plan, [...plan.zh, ...plan.en, ...plan.py]).filter(keep);
      // The direct Chinese scores, computed once: they decide on homophones and are part of every fact's score.
      const zhDirect = new Map<number, PartScore>();
      if (plan.zh.length) for (const i of pool) zhDirect.set(i, scoreTerms(plan.zh, i));
      // Homophones only when no fact holds the whole Chinese query as typed (or folded, or by synonym).
      let bestCoverage = 0; // a loop, not Math.max(...): a pool can hold 100,000 facts
      for (const p of zhDirect.values()) bestCoverage = Math.max(bestCoverage, p.coverage);
      if (plan.zh.length && bestCoverage < 0.999) {
        addTypoTerms(plan);
        const more = candidates(plan, plan.typo).filter((i) => keep(i) && !zhDirect.has(i));
        if (more.length) pool = [...pool, ...more];
        // Nor by sound: a word the corpus lacks is expanded to its nearest vocabulary words (fuse.js), and rescored.
        let typoCoverage = 0;
        if (plan.typo.length) for (const i of pool) typoCoverage = Math.max(typoCoverage, scoreTerms(plan.typo, i).coverage);
        if (typoCoverage < 0.999 && addFuzzyAlts(plan)) {
          const extra = candidates(plan, plan.zh).filter((i) => keep(i) && !pool.includes(i));
          pool = [...pool, ...extra];
          zhDirect.clear();
          for (const i of pool) zhDirect.set(i, scoreTerms(plan.zh, i));
        }
      }
      const scored: Array<{ doc: number; relevance: number }> = [];
      for (const i of pool) {
        const relevance = scoreDoc(plan, i, zhDirect.get(i));
        if (relevance > 0) scored.push({ doc: i, relevance });
      }
      let top = 0;
      for (const s of scored) top = Math.max(top, s.relevance);
      const kept = scored.filter((s) => s.relevance >= FLOOR_SHARE * top);
      kept.sort((a, b) => b.relevance - a.relevance || compareIds(docs[a.doc]!.fact.id, docs[b.doc]!.fact.id));
      return kept.slice(0, opts.limit).map((s) => {
        let explain: string[] | undefined;
        return {
          fact: docs[s.doc]!.fact,
          score: Math.max(0, Math.min(1, 1 - s.relevance)),
          get explain() {
            return (explain ??= [...plan.notes, ...explainDoc(plan, s.doc)]);
          },
        };
      });
    },
  };

  /**
   * Facts worth scoring for these terms: every fact holding one of their main grams, in fact order. A fact holding none
   * would score 0 on each of them; a number or a date in the query can match any fact, so then every fact is a
   * candidate.
   */
  function candidates(plan: Plan, terms: readonly Term[]): number[] {
    if (plan.numbers.length || plan.dates.length) return docs.map((_, i) => i);
    const found = new Set<number>();
    for (const t of terms) {
      const idx = space(t.space);
      // Unigrams of a longer word do not make a candidate: a fact holding only those is not a match (scoreTerms).
      for (const alt of t.alts) {
        alt.grams.forEach((g, j) => {
          if (alt.gw[j]! < SINGLE_CHAR_WEIGHT) return;
          for (const k of g) for (const d of idx.postings(k)?.keys() ?? []) found.add(d);
        });
      }
    }
    return [...found].sort((a, b) => a - b);
  }
}

/** Words the vocabulary index holds besides the corpus' own: topic names and aliases, and the synonym list. */
function vocabWords(topics: Corpus['topics']): string[] {
  const v = buildVocabulary(topics);
  return [...v.words];
}

/** How a term matched a fact: its BM25F score, and (for --explain, worked out only when read) where. */
interface TermMatch {
  /** BM25F score of the term in the fact (its best spelling). */
  score: number;
  /** Share of the term's main grams (bigrams) found, whatever the field or spelling weight. */
  coverage: number;
  alt: Alt;
  /** The field holding most of the winning spelling's grams, by field weight. */
  readonly field: Field;
  /** Every field where the winning spelling matched as fully, best first. */
  readonly fields: Field[];
}

class Match implements TermMatch {
  #order: Field[] | undefined;
  constructor(
    readonly score: number,
    readonly coverage: number,
    readonly alt: Alt,
    private readonly spaceFields: readonly Field[],
    private readonly masks: readonly number[],
  ) {}

  get fields(): Field[] {
    if (!this.#order) {
      const main = this.masks.filter((_, j) => this.alt.gw[j]! >= SINGLE_CHAR_WEIGHT);
      const hits = this.spaceFields.map((_, fi) => main.filter((m) => m & (1 << fi)).length);
      const order = this.spaceFields.map((f, fi) => ({ f, fi })).filter((x) => hits[x.fi]! > 0);
      order.sort((a, b) => hits[b.fi]! * FIELD_WEIGHT[b.f] - hits[a.fi]! * FIELD_WEIGHT[a.f]);
      if (!order.length) this.#order = [this.spaceFields[0]!];
      else {
        const top = hits[order[0]!.fi]!;
        this.#order = order
          .filter((x) => x.fi === order[0]!.fi || (hits[x.fi] === top && x.f !== 'sentence' && x.f !== 'section'))
          .map((x) => x.f);
      }
    }
    return this.#order;
  }

  get field(): Field {
    return this.fields[0]!;
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
  source: 'source',
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
    case 'pinyin, fuzzy':
      return `${where}: ${m.alt.text} ← "${term.text}"${part} (pinyin, fuzzy)`;
    case 'pinyin initials':
      return `${where}: ${m.alt.text} ← "${term.text}"${part} (pinyin initials)`;
    case 'fuzzy':
      return `${where}: ${m.alt.text} ← "${term.text}"${part} (fuzzy)`;
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
