// The core of `zibo check`: every figure of a draft, found with the corpus's own parser, matched to the fact it
// speaks about and judged match / mismatch / unverified. Pure: no IO.
//
// How a figure is judged:
// 1. Context: the words between the figure and its neighbours (previous/next figure, 、, clause end), the whole
//    clause without figures, and the six characters on each side of it (what is counted). Generic words (淄博,
//    全市, 今年, 共有, 达到…) and joiners (的, 和) are dropped first. A figure alone in its clause takes the rest of
//    its sentence. A fact's own figure gets the same treatment in its clause. Scored once per place in a draft.
// 2. Candidates: facts sharing a word (character bigram) with the clause ∪ facts with the same scaled amount ∪
//    the search engine's top hits for the context (synonyms, Traditional characters, pinyin); dates only meet
//    date facts. A candidate whose figure is not comparable (another unit and another number) is dropped.
// 3. Subject fit (0..1.2): 0.6 × how much of the fact's label or own context the draft's words cover (weighted by
//    rarity, IDF) + 0.2 × how much of the draft's words the fact accounts for (topic aliases count as the fact's)
//    + 0.2 × the words next to the figure + 0.2 × how well what stands next to the figure matches what stands next
//    to the fact's (same side in full, across half); a search hit counts as 0.6 × its relevance when higher.
// 4. Verdict, by subject first: when the words name a fact (fit ≥ NAMED, and most of the draft's words are the
//    fact's), the facts within NAMED_MARGIN of it are the readings: one whose figure agrees gives `match`; else the
//    named fact (or the one fact the figure is a copying slip of, or the one whose own clause the draft says
//    clearly most of) gives `mismatch`. So a swap of two sibling claims is two mismatches. When no fact is named,
//    an agreeing figure with enough context (MATCH_MIN, less for a specific figure) is a `match`; anything else is
//    `unverified` (with a note when the words fit several facts, or the date is the day of the press conferences).
// 5. The sentence's other figures: a fact that another figure of the sentence matches is taken; a figure called a
//    mismatch against it, or left unverified among it, is judged again among the other facts.
// A figure too large to represent (309 digits) is an error on that figure: unverified with a note, never a match.

import type { Corpus, Fact, Qualifier } from '../types.js';
import { parseQuantities, type Quantity } from '../../extract/numbers.js';
import { splitSentences } from '../../extract/quantities.js';
import { createSearchEngine, type SearchEngine } from '../search.js';
import { foldTraditional } from '../search/fold.js';
import { canonical, relate, sameNumber, type Figure, type Relation } from './compare.js';
import { endsPhrase, figureContext, grams, headGrams, idfTable, joinGrams, profileFact, sideGrams, similarity, subjectText, withoutSpans, type FactProfile, type Sides } from './grams.js';

export type Status = 'match' | 'mismatch' | 'unverified';

export interface ClaimSource {
  /** The figure as written in the source, hedge included: 近70亿元. */
  figure: string | null;
  value: number | null;
  unit: string | null;
  qualifier: Qualifier;
  /** The source clause stating it. */
  text: string;
}

/** One figure of the draft and the verdict on it. */
export interface Claim {
  /** The figure as written in the draft. */
  text: string;
  value: number | null;
  unit: string | null;
  scaled: number | null;
  qualifier: Qualifier;
  kind: Quantity['kind'];
  date: string | null;
  status: Status;
  /** Id of the fact the figure was matched to; null when unverified. */
  fact: string | null;
  note: string | null;
  source: ClaimSource | null;
  /** [start, end) of the figure in the draft. */
  offset: [number, number];
  /** Index into CheckResult.sentences. */
  sentence: number;
  /** Why this verdict: the fact compared with, the words that tie the draft to it, units, the rule (for an
   * unverified figure: why no fact was named, and the facts that came closest). */
  why: Why;
}

export interface DraftSentence {
  text: string;
  start: number;
}

export interface CheckResult {
  claims: Claim[];
  /** The draft's sentences that state at least one figure. */
  sentences: DraftSentence[];
  /** Sentences whose figures were judged from the cache (a repeated sentence). */
  repeated: number;
}

export interface CheckOptions {
  /** Year of dates written without one; default: the year of the corpus's releases. */
  year?: number;
  /** At most this many searches through the search engine; after that, context words alone pick candidates. */
  searchBudget?: number;
}

/** A candidate with equal figure needs at least this much context to be a match. */
export const MATCH_MIN = 0.4;
/** …or this much when the draft repeats a specific figure verbatim (20万余人次, 27477套): no chance coincidence. */
export const MATCH_MIN_SPECIFIC = 0.2;
/** A candidate with another figure needs this much to be called a mismatch: clearly the same subject. */
export const STRONG = 0.6;
/** …or this much when the figures differ by a typical copying slip (103亿户 for 103万户, 2484 for 2448, a unit):
 * the figure itself is evidence that the draft copied this fact. */
export const STRONG_SLIP = 0.45;
/** A better-fitting fact with another figure wins over an equal-figure one only by this margin. */
export const MARGIN = 0.2;
/** Weight of the whole sentence's words when confirming an agreeing figure. */
const WIDE_FACTOR = 0.85;
/** Words that make a figure a running total rather than a year's result. */
const CUMULATIVE = /累计|累積|總計|总计|共计|共計|总数|總數|总量|總量|共有|截至|截止|迄今/;
const CUMULATIVE_FACTOR = 0.8;
/** Candidates this close to the best one make the subject ambiguous. */
export const AMBIGUITY = 0.05;
/** How much a search hit's relevance counts, as context similarity, for facts the words alone miss. */
const SEARCH_WEIGHT = 0.6;
const SEARCH_HITS = 5;
const DEFAULT_SEARCH_BUDGET = 500;
const MAX_SEARCH_CHARS = 40;

interface Checker {
  profiles: FactProfile[];
  idf: (g: string) => number;
  byGram: Map<string, number[]>;
  byAmount: Map<string, number[]>;
  dates: number[];
  engine: () => SearchEngine;
  searches: number;
  budget: number;
  searchCache: Map<string, Map<number, number>>;
  indexOf: Map<string, number>;
  /** MM-DD of each release date → the press conferences held that day. */
  releaseDays: Map<string, string[]>;
  /** Each fact's figure, prepared once. */
  figures: Figure[];
  contexts: Map<string, Context>;
  subjects: Map<string, string[]>;
}

const amountKey = (n: number) => n.toPrecision(12);

function createChecker(corpus: Corpus, budget: number): Checker {
  const facts = corpus.facts.filter((f) => f.kind === 'date' ? f.date !== null : f.scaled !== null);
  const aliases = new Map(corpus.topics.map((t) => [t.name, t.aliases]));
  const profiles = facts.map((f) => profileFact(f, f.topics.flatMap((t) => aliases.get(t) ?? [])));
  const byGram = new Map<string, number[]>();
  const byAmount = new Map<string, number[]>();
  const dates: number[] = [];
  profiles.forEach((p, i) => {
    for (const g of new Set([...p.all, ...p.local])) (byGram.get(g) ?? byGram.set(g, []).get(g)!).push(i);
    if (p.fact.kind === 'date') dates.push(i);
    const c = canonical(factFigure(p.fact));
    if (c.amount !== null) (byAmount.get(amountKey(c.amount)) ?? byAmount.set(amountKey(c.amount), []).get(amountKey(c.amount))!).push(i);
  });
  let engine: SearchEngine | undefined;
  const index = new Map(facts.map((f, i) => [f.id, i]));
  return {
    profiles, idf: idfTable(profiles), figures: profiles.map((p) => factFigure(p.fact)), contexts: new Map(), subjects: new Map(), byGram, byAmount, dates, searches: 0, budget, searchCache: new Map(), indexOf: index,
    releaseDays: corpus.releases.reduce((m, r) => m.set(r.date.slice(-5), [...(m.get(r.date.slice(-5)) ?? []), r.conference]), new Map<string, string[]>()),
    engine: () => {
      if (!engine) {
        const full = createSearchEngine(corpus);
        engine = { search: (q, o) => full.search(q, { ...o, filter: (f) => index.has(f.id) && (o.filter?.(f) ?? true) }) };
      }
      return engine;
    },
  };
}

export function factFigure(f: Fact): Figure {
  return { value: f.value, unit: f.unit, baseUnit: f.baseUnit, scaled: f.scaled, qualifier: f.qualifier, date: f.kind === 'date' ? f.date : null, text: f.figure ?? String(f.value ?? f.date ?? '') };
}

function quantityFigure(q: Quantity): Figure {
  return { value: q.value, unit: q.unit, baseUnit: q.baseUnit, scaled: q.scaled, qualifier: q.qualifier, date: q.kind === 'date' ? q.date : null, highScaled: q.highScaled ?? null, text: q.text };
}

/** Relevance (1 - score) of the search engine's best hits for the words around a figure, by profile index. */
function searchHits(ch: Checker, query: string): Map<number, number> {
  // Long contexts say no more to the engine than their first words, and cost more.
  const key = query.trim().slice(0, MAX_SEARCH_CHARS);
  const cached = ch.searchCache.get(key);
  if (cached) return cached;
  const out = new Map<number, number>();
  if (key.length >= 2 && ch.searches < ch.budget) {
    ch.searches++;
    for (const hit of ch.engine().search(key, { limit: SEARCH_HITS })) {
      const i = ch.indexOf.get(hit.fact.id);
      if (i !== undefined) out.set(i, 1 - hit.score);
    }
  }
  ch.searchCache.set(key, out);
  return out;
}

/** Why a figure was judged as it was: the fact compared with and what tied the draft's words to it. */
export interface Why {
  /** How the fact was chosen: its subject (the draft's words name it), the figure (same value, words weaker),
   * or none (no fact fits well enough). */
  by: 'subject' | 'figure' | 'none';
  /** Id of the fact compared with (null when none was) and its figure as written. */
  fact: string | null;
  figure: string | null;
  /** How well the draft's words fit the chosen fact (0..1). */
  score: number;
  /** The draft's words found in the fact's label or clause. */
  subject: string[];
  /** Base units compared: the draft's and the source's (after aliases: 公里 → 米). */
  unit: { draft: string | null; source: string | null };
  /** The rule that relates the two figures: same, hedge, rounding, differs … */
  rule: string;
  /** Other facts whose words fit almost as well, with their scores. */
  rivals: Array<{ fact: string; figure: string; score: number }>;
}

interface Judged {
  status: Status;
  fact: Fact | null;
  note: string | null;
  why: Why;
}

interface Scored {
  i: number;
  /** Fit of the words around the figure (its own clause) to the fact. */
  sim: number;
  /** sim, or the whole sentence's fit when the figures agree (confirmation only, never ranking). */
  conf: number;
  rel: Relation;
  matched: string[];
  /** Share of the fact's own clause words the draft says. */
  local: number;
  /** Share of the draft's words the fact accounts for. */
  precision: number;
}

/** The words name a fact when they fit it this well… */
export const NAMED = 0.3;
/** …and no fact with another verdict comes this close. */
export const NAMED_MARGIN = 0.08;
/** Among facts that fit equally, the one whose own clause the draft covers by this much more is the one named. */
export const LOCAL_MARGIN = 0.1;
/** Share of the draft's words about the figure that must be the fact's for the fact to be named. */
export const PRECISION_MIN = 0.5;

const ruleOf = (rel: Relation): string =>
  rel.kind === 'same' ? 'same figure' : rel.kind === 'consistent' ? `consistent: ${rel.note}` : rel.kind === 'unit' ? 'same number, another unit' : rel.kind === 'differs' ? 'different figure' : 'not comparable';

function explain(ch: Checker, s: Scored, by: Why['by'], figure: Figure, scored: readonly Scored[]): Why {
  const f = ch.profiles[s.i]!.fact;
  const key = `${s.i}|${s.matched.join(',')}`;
  let words = ch.subjects.get(key);
  if (!words) {
    words = joinGrams(f.label + ' ' + f.text, s.matched);
    if (ch.subjects.size >= MAX_CONTEXTS) ch.subjects.clear();
    ch.subjects.set(key, words);
  }
  return {
    by, fact: f.id, figure: ch.figures[s.i]!.text, score: Math.round(s.sim * 1000) / 1000, subject: words,
    unit: { draft: canonical(figure).base, source: canonical(factFigure(f)).base },
    rule: ruleOf(s.rel),
    rivals: scored.filter((x) => x !== s && x.sim >= s.sim - 0.15).slice(0, 3).map((x) => ({ fact: ch.profiles[x.i]!.fact.id, figure: factFigure(ch.profiles[x.i]!.fact).text, score: Math.round(x.sim * 1000) / 1000 })),
  };
}

/** The explanation of a figure compared with no fact: why not, and the facts that came closest. */
function noFact(figure: Figure, rule: string, rivals: Why['rivals']): Why {
  return { by: 'none', fact: null, figure: null, score: rivals[0]?.score ?? 0, subject: [], unit: { draft: canonical(figure).base, source: null }, rule, rivals };
}

const agrees = (s: Scored) => s.rel.kind === 'same' || s.rel.kind === 'consistent';

/** What the words around one figure say, shared by every figure written in the same place: a draft that repeats a
 * sentence with other numbers (a long draft, a list of districts) is scored once per place, not once per figure. */
interface Context {
  sentence: string;
  spans: ReadonlyArray<readonly [number, number]>;
  near: Set<string>;
  clause: Set<string>;
  head: Set<string>;
  sides: Sides;
  closes: boolean;
  cumulative: boolean;
  hits: Map<number, number>;
  /** Facts that share a word with the clause or that search finds for it. */
  pool: number[];
  poolSet: Set<number>;
  fits: Map<number, Fit>;
  wide: Map<number, number>;
  wideGrams?: Set<string>;
}

interface Fit {
  sim: number;
  matched: string[];
  local: number;
  precision: number;
}

const MAX_CONTEXTS = 20000;
/** Below this fit a fact is not even compared (its figure could not change the verdict). */
const FLOOR = 0.12;

function contextOf(ch: Checker, sentence: string, q: Quantity, spans: ReadonlyArray<readonly [number, number]>): Context {
  let key = '';
  let at = 0;
  for (const [a, b] of spans) {
    key += sentence.slice(at, a) + (a === q.start ? '\u0001' : '\u0000');
    at = b;
  }
  key += sentence.slice(at) + (q.kind === 'date' ? 'D' : 'N');
  // Digits say nothing to the word comparison (grams are Han and Latin words): 2022年 and 2023年 share a context.
  key = key.replace(/[0-9]+/g, '#');
  const known = ch.contexts.get(key);
  if (known) return known;
  const ctx = figureContext(sentence, q.start, q.end, spans);
  const clause = grams(subjectText(ctx.clause));
  const isDate = q.kind === 'date';
  const pool = new Set<number>();
  if (isDate) ch.dates.forEach((i) => pool.add(i));
  else for (const g of clause) for (const i of ch.byGram.get(g) ?? []) pool.add(i);
  const hits = searchHits(ch, (ctx.before + ctx.after).replace(/[\s\p{P}]+/gu, ' ') || ctx.clause);
  for (const i of hits.keys()) if (isDate === (ch.profiles[i]!.fact.kind === 'date')) pool.add(i);
  const cx: Context = {
    sentence, spans, clause, near: grams(subjectText(ctx.before) + ' ' + subjectText(ctx.after)), head: headGrams(ctx), sides: sideGrams(ctx),
    closes: endsPhrase(ctx), cumulative: CUMULATIVE.test(ctx.before + ctx.after), hits, pool: [...pool], poolSet: pool, fits: new Map(), wide: new Map(),
  };
  if (ch.contexts.size >= MAX_CONTEXTS) ch.contexts.clear();
  ch.contexts.set(key, cx);
  return cx;
}

function fitOf(ch: Checker, cx: Context, i: number): Fit {
  const known = cx.fits.get(i);
  if (known) return known;
  const p = ch.profiles[i]!;
  const fit = similarity(cx.near, cx.clause, cx.head, p, ch.idf, cx.closes, cx.sides);
  let words = fit.score;
  // 累计建成绿道600公里 is a running total; the release's 新建改造绿道107.17公里 is this year's work.
  if (cx.cumulative && !CUMULATIVE.test(p.fact.sentence)) words *= CUMULATIVE_FACTOR;
  const out = { sim: Math.max(words, SEARCH_WEIGHT * (cx.hits.get(i) ?? 0)), matched: fit.matched, local: fit.local, precision: fit.precision };
  cx.fits.set(i, out);
  return out;
}

/** An agreeing figure may be confirmed by the whole sentence (专项培训200余次,累计培训20万余人次): the equal figure is
 * evidence already. This never ranks facts: a swap of two sibling figures stays a swap. */
function wideOf(ch: Checker, cx: Context, i: number): number {
  const known = cx.wide.get(i);
  if (known !== undefined) return known;
  cx.wideGrams ??= grams(withoutSpans(cx.sentence, cx.spans));
  const w = Math.max(fitOf(ch, cx, i).sim, WIDE_FACTOR * similarity(cx.wideGrams, cx.wideGrams, cx.head, ch.profiles[i]!, ch.idf, cx.closes, cx.sides).score);
  cx.wide.set(i, w);
  return w;
}

function judgeFigure(ch: Checker, q: Quantity, sentence: string, spans: ReadonlyArray<readonly [number, number]>, exclude?: ReadonlySet<number>): Judged {
  const figure = quantityFigure(q);
  if ((q.value !== null && !Number.isFinite(q.value)) || (q.scaled !== null && !Number.isFinite(q.scaled)) || (q.highScaled != null && !Number.isFinite(q.highScaled))) {
    return { status: 'unverified', fact: null, note: 'error: the number is too large to represent; it was not compared', why: noFact(figure, 'error: the number is too large to represent', []) };
  }
  const isDate = q.kind === 'date';
  const cx = contextOf(ch, sentence, q, spans);
  const sameAmount = new Set<number>();
  if (!isDate) {
    const c = canonical(figure);
    if (c.amount !== null) for (const i of ch.byAmount.get(amountKey(c.amount)) ?? []) sameAmount.add(i);
  }
  const scored: Scored[] = [];
  const inPool = cx.poolSet;
  for (const i of sameAmount.size ? [...cx.pool, ...[...sameAmount].filter((x) => !inPool.has(x))] : cx.pool) {
    if (exclude?.has(i)) continue;
    // Words that barely fit cannot decide anything unless the figure is the fact's own amount: not compared.
    if (!sameAmount.has(i) && fitOf(ch, cx, i).sim < FLOOR && (cx.wideGrams === undefined || wideOf(ch, cx, i) < FLOOR)) continue;
    const rel = relate(figure, ch.figures[i]!);
    if (rel.kind === 'incomparable') continue;
    const fit = fitOf(ch, cx, i);
    const agreeing = rel.kind === 'same' || rel.kind === 'consistent';
    scored.push({ i, sim: fit.sim, conf: agreeing ? wideOf(ch, cx, i) : fit.sim, rel, matched: fit.matched, local: fit.local, precision: fit.precision });
  }
  scored.sort((a, b) => b.sim - a.sim || a.i - b.i);
  const best = scored[0];
  const fact = (s: Scored) => ch.profiles[s.i]!.fact;
  const rival = (s: Scored) => ({ fact: fact(s).id, figure: ch.figures[s.i]!.text, score: Math.round(s.sim * 1000) / 1000 });
  // Named: the words fit the fact, and most of what the draft says about the figure is the fact's (机场项目总投资
  // shares 项目/投资 with 重点项目完成投资, but 机场 is not the fact's: not named).
  // Words that fit the fact strongly name it even with some words of the draft's own (拉动消费 for 带动消费).
  const named = (s: Scored) => s.sim >= NAMED && (s.precision >= PRECISION_MIN || (s.sim >= STRONG && s.precision >= PRECISION_MIN / 2) || (s.rel.kind === 'differs' && s.rel.slip === true && s.sim >= STRONG_SLIP));
  if (best && named(best)) {
    // The words name a fact. Facts within NAMED_MARGIN are as good a reading of them: an agreeing one among them
    // wins (the draft is right about it); otherwise the named fact's figure is the verdict.
    const close = scored.filter((s) => s.sim >= best.sim - NAMED_MARGIN);
    const agree = close.find(agrees);
    if (agree) return { status: 'match', fact: fact(agree), note: agree.rel.note, why: explain(ch, agree, 'subject', figure, scored) };
    // Several facts fit the words about equally: the one whose own clause the draft says most of (数据中心15个:
    // 在用在建数据中心14个, not 2个数据中心列为省大中型试点) is named, when it is clearly ahead.
    // A copying slip (103亿户 for 103万户) is evidence of its own: the one fact it is a slip of is named.
    const slips = close.filter((s) => s.rel.kind === 'unit' || (s.rel.kind === 'differs' && s.rel.slip === true));
    if (slips.length === 1) return { status: 'mismatch', fact: fact(slips[0]!), note: slips[0]!.rel.note, why: explain(ch, slips[0]!, 'subject', figure, scored) };
    const byLocal = close.slice().sort((a, b) => b.local - a.local || b.sim - a.sim);
    const top = byLocal[0]!;
    if (byLocal.length === 1 || top.local - byLocal[1]!.local >= LOCAL_MARGIN) {
      return { status: 'mismatch', fact: fact(top), note: top.rel.note, why: explain(ch, top, 'subject', figure, scored) };
    }
  }
  const agree = scored.find(agrees);
  const enough = agree && specific(q, fact(agree)) ? MATCH_MIN_SPECIFIC : MATCH_MIN;
  if (agree && agree.conf >= enough && !(best && best !== agree && best.sim >= STRONG && best.sim - agree.sim >= MARGIN)) {
    return { status: 'match', fact: fact(agree), note: agree.rel.note, why: explain(ch, agree, 'figure', figure, scored) };
  }
  const group = best ? scored.filter((s) => s.sim >= best.sim - NAMED_MARGIN) : [];
  if (best && best.sim >= NAMED && group.length > 1) {
    const near3 = group.slice(0, 3).map((s) => `${fact(s).id} (${factFigure(fact(s)).text})`);
    return { status: 'unverified', fact: null, note: `ambiguous: the words fit several facts: ${near3.join(', ')}`, why: noFact(figure, 'ambiguous: no fact is named more clearly than the others', group.slice(0, 3).map(rival)) };
  }
  const day = isDate && q.date ? ch.releaseDays.get(q.date.slice(-5)) : undefined;
  if (day) return { status: 'unverified', fact: null, note: `the day of the press conferences (${day.join(', ')}), not a claim of the releases`, why: noFact(figure, 'the day of the press conferences', []) };
  return { status: 'unverified', fact: null, note: null, why: noFact(figure, 'no fact of the corpus is named by these words', scored.slice(0, 3).map(rival)) };
}

/**
 * The draft writes the fact's figure exactly (same number, unit and hedge) and the figure is specific enough not
 * to recur by chance: enough digits, a compound unit or a hedge (20万余人次 yes, 8处 or 50个 no).
 */
function specific(q: Quantity, f: Fact): boolean {
  if (q.value === null || q.value !== f.value || foldUnit(q.unit) !== f.unit || q.qualifier !== f.qualifier) return false;
  const digits = String(q.value).replace(/\D/g, '').replace(/0+$/, '').length;
  return digits + ((f.unit ?? '').length >= 2 ? 1 : 0) + (q.qualifier !== 'exact' ? 1 : 0) >= 3;
}

const foldUnit = (u: string | null) => (u === null ? null : foldTraditional(u.normalize('NFKC')));

function toClaim(q: Quantity, sentenceStart: number, sentenceIndex: number, j: Judged): Claim {
  const f = j.fact;
  return {
    text: q.text,
    value: q.value,
    unit: q.unit,
    scaled: q.scaled,
    qualifier: q.qualifier,
    kind: q.kind,
    date: q.date,
    status: j.status,
    fact: f ? f.id : null,
    note: j.note,
    source: f ? { figure: f.figure, value: f.value, unit: f.unit, qualifier: f.qualifier, text: f.text } : null,
    offset: [sentenceStart + q.start, sentenceStart + q.end],
    sentence: sentenceIndex,
    why: j.why,
  };
}

/** The year most of the corpus's releases were given in (dates in a draft without a year take it). */
function corpusYear(corpus: Corpus): number | undefined {
  const y = corpus.releases.map((r) => Number(r.date.slice(0, 4))).find((n) => Number.isFinite(n));
  return y;
}

/**
 * Checks every figure of `draft` against the corpus. A sentence repeated in the draft is judged once (a long
 * draft pasted twice, boilerplate): its verdicts are reused.
 */
export function checkDraft(draft: string, corpus: Corpus, opts: CheckOptions = {}): CheckResult {
  const ch = createChecker(corpus, opts.searchBudget ?? DEFAULT_SEARCH_BUDGET);
  const year = opts.year ?? corpusYear(corpus);
  const claims: Claim[] = [];
  const sentences: DraftSentence[] = [];
  const memo = new Map<string, Array<[Quantity, Judged]>>();
  let repeated = 0;
  for (const s of splitSentences(draft)) {
    let judged = memo.get(s.text);
    if (judged) repeated++;
    else {
      const qs = parseQuantities(s.text, { year });
      const spans = qs.map((q) => [q.start, q.end] as const);
      judged = qs.map((q) => [q, judgeFigure(ch, q, s.text, spans)]);
      // The sentence's other figures: a fact another figure of the sentence matches is taken; a figure that was
      // called a mismatch against it is judged again among the other facts.
      const taken = new Set(judged.filter(([, j]) => j.status === 'match' && j.fact).map(([, j]) => ch.indexOf.get(j.fact!.id)!));
      // An unverified one whose words fit it among others is judged again the same way (全国50个案例中,淄博有6个入围:
      // 50个 is the national count, so 6个 speaks of Zibo's 5个).
      const again = (j: Judged) => (j.status === 'mismatch' && j.fact !== null && taken.has(ch.indexOf.get(j.fact.id)!))
        || (j.status === 'unverified' && j.why.rivals.some((r) => taken.has(ch.indexOf.get(r.fact)!)));
      if (taken.size) judged = judged.map(([q, j]) => (again(j) ? [q, judgeFigure(ch, q, s.text, spans, taken)] : [q, j]));
      memo.set(s.text, judged);
    }
    if (judged.length === 0) continue;
    const index = sentences.push({ text: s.text, start: s.start }) - 1;
    for (const [q, j] of judged) claims.push(toClaim(q, s.start, index, j));
  }
  return { claims, sentences, repeated };
}

export function summarize(claims: readonly Claim[]): Record<Status, number> {
  const out: Record<Status, number> = { match: 0, mismatch: 0, unverified: 0 };
  for (const c of claims) out[c.status]++;
  return out;
}

export { sameNumber };
