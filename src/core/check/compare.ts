// Comparing a draft's figure with a fact's: units brought to one base, qualifiers (近/超/约/不到) taken into
// account, and a plain-words reason when they differ (digits swapped, a digit dropped, wrong magnitude …).

import type { Qualifier } from '../types.js';
import { foldTraditional } from '../search/fold.js';

/** A figure reduced to what can be compared. */
export interface Figure {
  value: number | null;
  unit: string | null;
  baseUnit: string | null;
  scaled: number | null;
  qualifier: Qualifier;
  /** ISO date (or --MM-DD) for dates. */
  date: string | null;
  /** Upper end of a range, scaled. */
  highScaled?: number | null;
  /** The figure as written. */
  text: string;
}

/** Units written differently for the same measure: [base, factor to the base]. */
const UNIT_ALIASES: Record<string, readonly [string, number]> = {
  公里: ['米', 1000], 千米: ['米', 1000], km: ['米', 1000], 米: ['米', 1], m: ['米', 1],
  公顷: ['平方米', 1e4], 平方公里: ['平方米', 1e6], 平方千米: ['平方米', 1e6], 平方米: ['平方米', 1], 平米: ['平方米', 1], '㎡': ['平方米', 1],
  立方: ['立方米', 1], 立方米: ['立方米', 1], 方: ['立方米', 1],
  吨: ['吨', 1], t: ['吨', 1],
  元: ['元', 1], 块: ['元', 1],
  '%': ['%', 1], 个百分点: ['个百分点', 1],
  次: ['次', 1], 人次: ['人次', 1],
};

export interface Canonical {
  /** The base unit after aliases; null when the figure has none (551万, a bare number). */
  base: string | null;
  amount: number | null;
  high: number | null;
}

const canonicals = new WeakMap<Figure, Canonical>();

export function canonical(f: Figure): Canonical {
  const known = canonicals.get(f);
  if (known) return known;
  const c = canonicalOf(f);
  canonicals.set(f, c);
  return c;
}

function canonicalOf(f: Figure): Canonical {
  const base = f.baseUnit ? foldTraditional(f.baseUnit.normalize('NFKC')) : null;
  const alias = base ? UNIT_ALIASES[base] : undefined;
  const factor = alias ? alias[1] : 1;
  const amount = f.scaled === null ? null : f.scaled * factor;
  const high = f.highScaled === null || f.highScaled === undefined ? null : f.highScaled * factor;
  return { base: alias ? alias[0] : base, amount, high };
}

export function sameNumber(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Base units agree, or one side states none (551万 in the source: the currency is not given). */
export function unitsCompatible(a: Canonical, b: Canonical): boolean {
  return a.base === null || b.base === null || a.base === b.base;
}

export type Relation =
  /** Same quantity, same hedge (or none). */
  | { kind: 'same'; note: string | null }
  /** Not literally the same, but the draft does not contradict the source (a dropped 近, 约 rounding). */
  | { kind: 'consistent'; note: string }
  /** Same number, but counted in another unit than the source's: 41个 for 41条. */
  | { kind: 'unit'; note: string }
  /** Comparable, and different; `slip` when the difference is a typical copying slip (magnitude, swapped or dropped digit). */
  | { kind: 'differs'; note: string; slip?: boolean }
  /** Not comparable: different kinds of measure. */
  | { kind: 'incomparable'; note: null };

const HEDGE_ZH: Record<Qualifier, string> = { exact: '', 'more-than': '超过', nearly: '近', about: '约', 'less-than': '不到' };
const HEDGE_EN: Record<Qualifier, string> = { exact: 'exactly', 'more-than': 'more than', nearly: 'nearly', about: 'about', 'less-than': 'less than' };

/** Direction of a hedge: up (more than), down (nearly, less than), none. */
function direction(q: Qualifier): -1 | 0 | 1 {
  return q === 'more-than' ? 1 : q === 'nearly' || q === 'less-than' ? -1 : 0;
}

/** Rounding a hedged draft figure may hide: 约107公里 for 107.17公里, 超过4万个 for 超4.3万个. */
const HEDGE_SLACK = 0.1;

/**
 * How the draft's figure stands to the source's. Judging rules (see also judge.ts):
 * - equal after scaling and unit aliases, same hedge → same;
 * - equal, the draft drops or adds a hedge → consistent, with a note naming the source's hedge; a hedge in the
 *   opposite direction (超过70亿元 against 近70亿元) contradicts the source → differs;
 * - not equal: consistent only when a hedge allows it (see hedgeRule: 约107公里 for 107.17公里; 69 inside 近70,
 *   but 71 outside it and 近71 another figure); anything else → differs;
 * - the same number in another unit (41个 for 41条) → unit; different numbers in different units → incomparable.
 */
export function relate(draft: Figure, source: Figure): Relation {
  if (draft.date !== null || source.date !== null) return relateDates(draft, source);
  const d = canonical(draft);
  const s = canonical(source);
  if (d.amount === null || s.amount === null) return { kind: 'incomparable', note: null };
  if (!unitsCompatible(d, s)) {
    if (sameNumber(d.amount, s.amount) || draft.value === source.value) {
      return { kind: 'unit', note: `wrong unit: the source counts ${source.text}, not ${draft.text}` };
    }
    return { kind: 'incomparable', note: null };
  }
  const noUnit = s.base === null && d.base !== null ? `; the source states no unit (${source.text})` : '';
  if (d.high !== null) {
    if (s.amount >= d.amount && s.amount <= d.high) return { kind: 'consistent', note: `the source states ${source.text}, inside the range${noUnit}` };
    return { kind: 'differs', note: `the source states ${source.text}, outside the range ${draft.text}` };
  }
  if (sameNumber(d.amount, s.amount)) {
    if (draft.qualifier === source.qualifier) return { kind: 'same', note: noUnit ? noUnit.slice(2) : null };
    const dd = direction(draft.qualifier);
    const sd = direction(source.qualifier);
    if (dd !== 0 && sd !== 0 && dd !== sd) {
      return { kind: 'differs', note: `the source says ${HEDGE_EN[source.qualifier]} (${source.text}), the draft ${HEDGE_EN[draft.qualifier]}` };
    }
    return { kind: 'consistent', note: `the source says ${HEDGE_EN[source.qualifier]}: ${source.text}${noUnit}` };
  }
  const hedged = hedgeRule(draft, source, d.amount, s.amount);
  if (hedged) return { kind: 'consistent', note: `${hedged}${noUnit}` };
  const note = describeDifference(draft, source);
  return { kind: 'differs', note, slip: !note.startsWith(DIFFERENT) };
}

/** Significant digits of a number as written (trailing zeros of an integer do not count): 4.3 → 2, 70 → 1, 107.17 → 5. */
export function significant(n: number): number {
  const t = String(Math.abs(n));
  if (t.includes('e')) return 15;
  const d = t.replace('.', '').replace(/^0+/, '');
  return (t.includes('.') ? d : d.replace(/0+$/, '')).length || 1;
}

/** The place of the last significant digit: 70 → 10, 4.3 → 0.1, 41 → 1. */
function step(n: number): number {
  const t = String(Math.abs(n));
  if (t.includes('.')) return 10 ** -(t.split('.')[1]!.length);
  const zeros = /0*$/.exec(t)![0].length;
  return 10 ** Math.min(zeros, t.length - 1);
}

/**
 * When two different amounts still agree because of a hedge, the rule that makes them agree (shown in the note and
 * in the JSON); null when they disagree. Amounts are in the common base unit.
 * - A hedged draft of an exact source: within 10% on the side its hedge allows, and no more precise than the source
 *   (约107公里, 超过40条 for 107.17公里, 41条).
 * - Both hedged, same direction: the draft is rounder than the source and implied by it (超过4万个 for 超4.3万个);
 *   近71亿元 for 近70亿元 is another figure.
 * - An exact draft of a hedged source: inside what the hedge allows at the source's precision (69亿元 is inside
 *   近70亿元; 71亿元 and 4.2万个 against 超4.3万个 are outside).
 * - Both exact: the draft is the source rounded, within 1% (195公里 for 195.3公里).
 */
export function hedgeRule(draft: Figure, source: Figure, d: number, s: number): string | null {
  const dq = draft.qualifier;
  const sq = source.qualifier;
  const dv = draft.value ?? d;
  const sv = source.value ?? s;
  const near = Math.abs(s - d) <= HEDGE_SLACK * Math.abs(d);
  if (dq !== 'exact' && sq === 'exact') {
    if (!near || significant(dv) > significant(sv)) return null;
    if (dq === 'about' || (dq === 'more-than' ? s > d : s < d)) return `${HEDGE_EN[dq]} ${draft.text} holds for the source's ${source.text}`;
    return null;
  }
  if (dq !== 'exact' && sq !== 'exact') {
    const dd = direction(dq);
    const sd = direction(sq);
    if (!near || significant(dv) >= significant(sv) || (dd !== 0 && sd !== 0 && dd !== sd)) return null;
    const implied = dd > 0 ? s >= d : dd < 0 ? s <= d : true;
    return implied ? `${HEDGE_EN[dq]} ${draft.text} holds for the source's ${source.text} (rounded)` : null;
  }
  if (dq === 'exact' && sq !== 'exact') {
    const unit = step(sv) * (s / sv || 1);
    const inside = sq === 'more-than' ? d > s && d < s + unit : sq === 'about' ? Math.abs(d - s) < unit / 2 : d < s && d > s - unit;
    return inside ? `inside what ${HEDGE_EN[sq]} ${source.text} allows (more precise than the source)` : null;
  }
  const factor = s / sv || 1;
  const rounded = Math.round(sv / step(dv)) * step(dv);
  // Only decimals may be rounded away (195公里 for 195.3公里): 720公里 for 721公里 is another figure.
  const decimalsOf = (n: number) => (String(n).split('.')[1] ?? '').length;
  if (decimalsOf(sv) > decimalsOf(dv) && sameNumber(rounded * factor, d) && Math.abs(s - d) <= 0.01 * Math.abs(s)) {
    return `rounded from the source's ${source.text}`;
  }
  return null;
}

function relateDates(draft: Figure, source: Figure): Relation {
  if (draft.date === null || source.date === null) return { kind: 'incomparable', note: null };
  const md = (iso: string) => iso.slice(-5);
  const sameYear = draft.date.startsWith('--') || source.date.startsWith('--') || draft.date.slice(0, 4) === source.date.slice(0, 4);
  if (md(draft.date) === md(source.date) && sameYear) return { kind: 'same', note: null };
  return { kind: 'differs', note: `the source gives the date as ${source.text}` };
}

/** Digits of a number as written, without the decimal point: 107.17 → 10717. */
function digits(n: number): string {
  return String(n).replace('.', '').replace(/^0+/, '');
}

/** The error a reporter most likely made: a short explanation for the mismatch. */
export function describeDifference(draft: Figure, source: Figure): string {
  const hedge = HEDGE_ZH[source.qualifier];
  const shown = `the source states ${hedge && !/^[超近约不逾多余餘約]/.test(source.text) && !/[余餘多]|以上|左右/.test(source.text) ? hedge : ''}${source.text}`;
  if (draft.value !== null && source.value !== null) {
    const a = digits(draft.value);
    const b = digits(source.value);
    if (sameNumber(draft.value, source.value) && foldTraditional(draft.unit ?? '') !== (source.unit ?? '')) return `wrong magnitude (${draft.unit ?? '-'} for ${source.unit ?? '-'}): ${shown}`;
    if (a === b) return `decimal point misplaced: ${shown}`;
    if (a.length === b.length && [...a].sort().join('') === [...b].sort().join('')) return `digits swapped: ${shown}`;
    if (Math.abs(a.length - b.length) === 1 && dropsOne(a.length < b.length ? a : b, a.length < b.length ? b : a)) {
      const decimal = String(draft.value).includes('.') || String(source.value).includes('.');
      return `${a.length < b.length ? (decimal ? 'a decimal digit dropped' : 'a digit dropped') : 'an extra digit'}: ${shown}`;
    }
  }
  return `${DIFFERENT}: ${shown}`;
}

const DIFFERENT = 'different figure';

/** `short` is `long` with one character removed. */
function dropsOne(short: string, long: string): boolean {
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}
