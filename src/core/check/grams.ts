// Context similarity between a figure in a draft and a fact: character bigrams of the words around the figure,
// weighted by how rare they are in the corpus (全市, 新建 say little; 旱厕, 机架 say a lot).

import type { Fact } from '../types.js';
import { parseQuantities } from '../../extract/numbers.js';
import { foldTraditional } from '../search/fold.js';

export type Grams = Map<string, number>;

const HAN = /\p{Script=Han}+/gu;
const LATIN = /[A-Za-z]{2,}/g;

/** Words that say nothing about what a figure counts (where, when, stating verbs): dropped before comparing, so they
 * neither count as shared words nor glue junk bigrams (淄博有数据中心 → 数据中心). */
const GENERIC = /淄博市|淄博|全市|今年以来|今年|全年|目前|已经|共计|总计|合计|共有|达到|其中|大约|约为|一共/g;
/** One-character stating words right before a figure (有15个, 达14个, 为235) or right after it (个的). */
const STATING_END = /[有达達为為是了共计計已约約近超逾]+\s*$/;

/** Particles and conjunctions that join words (在用和在建的数据中心): they split words, never belong to one here. */
const JOINERS = /[的和与與及了]/g;

export function subjectText(text: string): string {
  return text.replace(GENERIC, ' ').replace(STATING_END, ' ').replace(JOINERS, ' ');
}

/** Bigrams of every Han run (a one-character run is kept whole) plus Latin words, lower-cased. NFKC and
 * Traditional → Simplified first, so 調整公交線路 meets 调整公交线路. */
export function grams(text: string): Set<string> {
  const s = foldTraditional(text.normalize('NFKC'));
  const out = new Set<string>();
  for (const run of s.match(HAN) ?? []) {
    const chars = Array.from(run);
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  for (const w of s.match(LATIN) ?? []) out.add(w.toLowerCase());
  return out;
}

/** Where a figure sits in its clause: the words before it, after it, and the whole clause without figures. */
export interface FigureContext {
  /** From the previous figure (or 、 or the clause start) to the figure. */
  before: string;
  /** From the figure to the next figure, 、 or the clause end. */
  after: string;
  /** The clause with every figure taken out. */
  clause: string;
}

const CLAUSE_END = /[,，;；:：。!！?？\n]/;

/**
 * The context of the span [start, end) inside `sentence`, given the spans of all figures in it. Symmetric:
 * the same function describes a fact's figure in its clause and a draft's figure in its sentence.
 */
export function figureContext(sentence: string, start: number, end: number, spans: ReadonlyArray<readonly [number, number]>): FigureContext {
  let clauseStart = start;
  while (clauseStart > 0 && !CLAUSE_END.test(sentence[clauseStart - 1]!)) clauseStart--;
  let clauseEnd = end;
  while (clauseEnd < sentence.length && !CLAUSE_END.test(sentence[clauseEnd]!)) clauseEnd++;
  let from = clauseStart;
  let to = clauseEnd;
  for (const [s, e] of spans) {
    if (e <= start && e > from) from = e;
    if (s >= end && s < to) to = s;
  }
  const beforeRaw = sentence.slice(from, start);
  const cut = beforeRaw.lastIndexOf('、');
  const afterRaw = sentence.slice(end, to);
  const stop = afterRaw.indexOf('、');
  let clause = '';
  let at = clauseStart;
  for (const [s, e] of [...spans].filter(([s, e]) => s >= clauseStart && e <= clauseEnd).sort((a, b) => a[0] - b[0])) {
    clause += sentence.slice(at, s) + ' ';
    at = e;
  }
  clause += sentence.slice(at, clauseEnd);
  const before = cut >= 0 ? beforeRaw.slice(cut + 1) : beforeRaw;
  const after = stop >= 0 ? afterRaw.slice(0, stop) : afterRaw;
  // A figure alone in its clause (11月16日, 在…上, …): the rest of the sentence says what it is about.
  if (!/[\p{L}\p{N}]/u.test(before + after)) {
    const rest = withoutSpans(sentence, spans);
    return { before: rest, after: '', clause: rest };
  }
  return { before, after, clause };
}

export function withoutSpans(s: string, spans: ReadonlyArray<readonly [number, number]>): string {
  let out = '';
  let at = 0;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (a < at) continue;
    out += s.slice(at, a) + ' ';
    at = b;
  }
  return out + s.slice(at);
}

/** The figure closes its phrase: nothing but punctuation follows it in its clause. */
export function endsPhrase(ctx: FigureContext): boolean {
  return !/[\p{L}\p{N}]/u.test(ctx.after);
}

/** The few characters right next to the figure: usually what is counted (青年之家8处, 4条高速). */
export function headGrams(ctx: FigureContext): Set<string> {
  const before = Array.from(grams(subjectText(ctx.before).trimEnd().slice(-4)));
  const after = Array.from(grams(ctx.after.slice(0, 4)));
  return new Set([...before.slice(-2), ...after.slice(0, 2)]);
}

/** A fact prepared for comparison. */
export interface FactProfile {
  fact: Fact;
  label: Set<string>;
  /** Grams of the words around the fact's own figure in its clause. */
  local: Set<string>;
  /** Label, clause, topics: everything the fact is about. */
  all: Set<string>;
  /** Grams of the few characters right next to the fact's figure, each side apart (数据中心 before 数据中心14个). */
  sides: Sides;
}

const SIDE = 6;

/** Grams of the six characters before and after a figure (stating words dropped): usually what it counts. */
export interface Sides {
  before: Set<string>;
  after: Set<string>;
}

export function sideGrams(ctx: FigureContext): Sides {
  return { before: grams(subjectText(ctx.before).trimEnd().slice(-SIDE)), after: grams(subjectText(ctx.after).trimStart().slice(0, SIDE)) };
}

/** Share of the draft's side grams found next to the fact's figure: on the same side in full, across sides half. */
function alignment(d: Sides, f: Sides, idf: (g: string) => number): number {
  let total = 0;
  let got = 0;
  for (const [mine, same, other] of [[d.before, f.before, f.after], [d.after, f.after, f.before]] as const) {
    for (const g of mine) {
      const w = idf(g);
      total += w;
      got += same.has(g) ? w : other.has(g) ? w / 2 : 0;
    }
  }
  return total ? got / total : 0;
}

/** `aliases`: what people also call the fact's topics (公共交通 for 公交); they count as the fact's words. */
export function profileFact(fact: Fact, aliases: readonly string[] = []): FactProfile {
  const label = grams(fact.label);
  let local = new Set<string>();
  let sides: Sides = { before: new Set(), after: new Set() };
  const spans = parseQuantities(fact.text).map((q) => [q.start, q.end] as const);
  const at = fact.figure ? fact.text.indexOf(fact.figure) : -1;
  if (at >= 0) {
    const ctx = figureContext(fact.text, at, at + fact.figure!.length, spans.length ? spans : [[at, at + fact.figure!.length]]);
    local = grams(subjectText(ctx.before) + ' ' + subjectText(ctx.after));
    sides = sideGrams(ctx);
  }
  const all = new Set([...label, ...grams(fact.text.replace(/[\d.]+/g, ' ')), ...fact.topics.flatMap((t) => [...grams(t)]), ...aliases.flatMap((a) => [...grams(a)])]);
  return { fact, label, local, all, sides };
}

/** Inverse document frequency of each gram over the facts' profiles. */
export function idfTable(profiles: readonly FactProfile[]): (g: string) => number {
  const df = new Map<string, number>();
  for (const p of profiles) for (const g of p.all) df.set(g, (df.get(g) ?? 0) + 1);
  const n = profiles.length;
  const unseen = Math.log(1 + n);
  return (g) => {
    const d = df.get(g);
    return d === undefined ? unseen : Math.log(1 + n / d);
  };
}

function weight(set: Iterable<string>, idf: (g: string) => number, keep: (g: string) => boolean = () => true): number {
  let w = 0;
  for (const g of set) if (keep(g)) w += idf(g);
  return w;
}

/** Share (by weight) of `target` found in `source`. */
export function coverage(target: Set<string>, source: Set<string>, idf: (g: string) => number): number {
  const total = weight(target, idf);
  return total === 0 ? 0 : weight(target, idf, (g) => source.has(g)) / total;
}

const HEAD_MISS_FACTOR = 0.75;
/** Weight of the words right next to the figure that are also right next to the fact's figure. */
const HEAD_ALIGN = 0.2;

export interface Similarity {
  score: number;
  /** Share of the fact's label or own context the draft's words cover. */
  cover: number;
  /** Share of the draft's words the fact accounts for. */
  precision: number;
  /** Share of the words right next to the figure the fact accounts for. */
  head: number;
  /** The draft's words (grams) found in the fact's label or own context. */
  matched: string[];
  /** Share of the words around the fact's own figure that the draft says (what the fact adds is unsaid). */
  local: number;
}

/**
 * How surely a figure with context `near` (its narrow context), `clause` and `head` grams speaks about the
 * fact: 0..1.2. Coverage of the fact's own words counts most; the draft's extra words and the words next to the
 * figure keep generic overlaps (全市新建…) from counting as the same subject.
 */
export function similarity(near: Set<string>, clause: Set<string>, head: Set<string>, p: FactProfile, idf: (g: string) => number, endsPhrase = false, sides?: Sides): Similarity {
  const coverNear = Math.max(coverage(p.label, near, idf), coverage(p.local, near, idf));
  const coverClause = Math.max(coverage(p.label, clause, idf), coverage(p.local, clause, idf));
  const cover = Math.max(coverNear, 0.85 * coverClause);
  const precision = near.size ? coverage(near, p.all, idf) : coverage(clause, p.all, idf);
  const headShare = head.size ? coverage(head, p.all, idf) : 0;
  // A figure that ends its phrase (…青年创业基地8处,) counts what stands right before it; when none of that
  // belongs to the fact, it is likely another thing. (After a figure come verbs as often as nouns: not used.)
  const penalty = endsPhrase && head.size && headShare === 0 ? HEAD_MISS_FACTOR : 1;
  // What is counted right next to the figure, on both sides: 数据中心15个 is 数据中心14个 (in use and being built),
  // not 2个数据中心列为省大中型试点, though all three clauses say 数据中心.
  const align = sides ? alignment(sides, p.sides, idf) : 0;
  const source = new Set([...near, ...clause]);
  const matched = [...new Set([...p.label, ...p.local])].filter((g) => source.has(g));
  // 0..1.2: the alignment of what is counted is a bonus on top of the word fit.
  const score = penalty * (0.6 * cover + 0.2 * precision + 0.2 * headShare) + HEAD_ALIGN * align;
  return { score, cover, precision, head: headShare, matched, local: coverage(p.local, source, idf) };
}

/** Grams joined back into the words they came from, in the order of `text`: 调整公交线路 from 调整, 整公, 公交 … */
export function joinGrams(text: string, matched: readonly string[]): string[] {
  const s = foldTraditional(text.normalize('NFKC'));
  const chars = Array.from(s);
  const on = new Uint8Array(chars.length);
  for (const g of matched) {
    const cs = Array.from(g);
    for (let i = 0; i + cs.length <= chars.length; i++) {
      if (cs.every((c, k) => chars[i + k] === c)) on.fill(1, i, i + cs.length);
    }
  }
  const out: string[] = [];
  let run = '';
  chars.forEach((c, i) => {
    if (on[i]) run += c;
    else if (run) (out.push(run), (run = ''));
  });
  if (run) out.push(run);
  return [...new Set(out)];
}
