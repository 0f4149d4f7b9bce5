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

export function canonical(f: Figure): Canonical {
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
 * - not equal: a hedged draft figure within 10% of the source, on the side its hedge allows (约107公里, 超过40条
 *   for 41条) → consistent; anything else → differs;
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
  if (draft.qualifier !== 'exact' && withinHedge(draft.qualifier, d.amount, s.amount, source.qualifier)) {
    return { kind: 'consistent', note: `the source states ${source.text}${noUnit}` };
  }
  const note = describeDifference(draft, source);
  return { kind: 'differs', note, slip: !note.startsWith(DIFFERENT) };
}

function withinHedge(q: Qualifier, claimed: number, actual: number, sourceQ: Qualifier): boolean {
  const near = Math.abs(actual - claimed) <= HEDGE_SLACK * Math.abs(claimed);
  if (!near) return false;
  if (q === 'about') return true;
  if (q === 'more-than') return actual > claimed && direction(sourceQ) >= 0;
  return actual < claimed && direction(sourceQ) <= 0; // nearly, less-than
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
  const shown = `the source states ${HEDGE_ZH[source.qualifier] && !source.text.includes(HEDGE_ZH[source.qualifier]) ? HEDGE_ZH[source.qualifier] : ''}${source.text}`;
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
