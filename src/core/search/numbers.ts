// Numbers in a query (1959, 455.92, 103万, 524亿元, 195.3公里, 1.03 million) and how well a fact matches them.

import type { Fact } from '../types.js';
import { MAGNITUDES as SHARED_MAGNITUDES, magnitudeValue, magnitudeWord as sharedMagnitudeWord } from '../../extract/magnitudes.js';

export interface QueryNumber {
  raw: string;
  value: number;
  /** 1, or 1e4 for 万, 1e8 for 亿, 1e6 for million… */
  magnitude: number;
  /** A unit typed after it (without magnitude): 公里, 户, 条. */
  unit: string | null;
}

const MAGNITUDES: Record<string, number> = Object.fromEntries(SHARED_MAGNITUDES.filter((m) => m.arabic).map((m) => [m.word, m.value]));

const EN_UNITS: Record<string, string> = {
  km: '公里',
  kilometer: '公里',
  kilometers: '公里',
  kilometre: '公里',
  kilometres: '公里',
  hectare: '公顷',
  hectares: '公顷',
  ha: '公顷',
  yuan: '元',
  rmb: '元',
  households: '户',
  household: '户',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds the numbers of a normalised query; `rest` is the query without them (and their magnitude and unit). */
export function extractNumbers(q: string, units: readonly string[]): { numbers: QueryNumber[]; rest: string } {
  // No digit, no number: most queries skip the expression below (~1 ms to build on a cold start).
  if (!/\d/.test(q)) return { numbers: [], rest: q.replace(/\s+/g, ' ').trim() };
  const re = numberPattern(units);
  const numbers: QueryNumber[] = [];
  const rest = q.replace(re, (all, num: string, mag?: string, unit?: string) => {
    const value = Number(num);
    if (!Number.isFinite(value)) return all;
    const u = unit ? (EN_UNITS[unit] ?? unit) : null;
    numbers.push({ raw: all.trim(), value, magnitude: mag ? magnitudeValue(mag)! : 1, unit: u });
    return ' ';
  });
  return { numbers, rest: rest.replace(/\s+/g, ' ').trim() };
}

const patterns = new WeakMap<readonly string[], RegExp>();

/** A number, its magnitude and its unit, for this list of units (made once per list). */
function numberPattern(units: readonly string[]): RegExp {
  const known = patterns.get(units);
  if (known) return known;
  const unitAlt = [...new Set([...units, ...Object.keys(EN_UNITS)])]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  const magAlt = Object.keys(MAGNITUDES)
    .sort((a, b) => b.length - a.length)
    .join('|');
  // A Latin magnitude or unit must end at a word boundary (1959 km, not 1959 kmh).
  const re = new RegExp(`(\\d+(?:\\.\\d+)?)\\s?(${magAlt})?(?![a-z])\\s?(${unitAlt})?(?![a-z])`, 'gu');
  patterns.set(units, re);
  return re;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function unitFits(fact: Fact, unit: string | null): boolean {
  if (!unit) return true;
  return [fact.unit, fact.baseUnit].some((u) => !!u && (u === unit || u.endsWith(unit) || unit.endsWith(u)));
}

/** How the number appears in free text, as a whole number (27 in 27公里, not in 273公里 or 2.27). */
function inText(text: string, raw: string): boolean {
  const re = new RegExp(`(?<![\\d.])${escape(raw)}(?![\\d]|\\.\\d)`);
  return re.test(text);
}

export interface NumberMatch {
  score: number;
  how: string;
}

/** 1 for the fact's own figure (value or scaled), less for a number that only occurs in its text. */
export function matchNumber(fact: Fact, n: QueryNumber): NumberMatch | null {
  const scaledQuery = n.value * n.magnitude;
  const unitOk = unitFits(fact, n.unit);
  if (fact.scaled !== null && n.magnitude !== 1 && same(fact.scaled, scaledQuery)) {
    return { score: unitOk ? 1 : 0.8, how: `scaled ${fact.scaled}` };
  }
  if (fact.value !== null && same(fact.value, n.value)) {
    // 103万 against 103万户: the magnitude typed must be the fact's own.
    const magOk = n.magnitude === 1 || (fact.unit ?? '').startsWith(magnitudeWord(n.magnitude));
    if (magOk) return { score: unitOk ? 1 : 0.75, how: `value ${fact.figure ?? fact.value}` };
  }
  if (fact.scaled !== null && n.magnitude === 1 && same(fact.scaled, n.value)) {
    return { score: unitOk ? 0.9 : 0.7, how: `scaled ${fact.scaled}` };
  }
  const near = roundedFrom(fact, n);
  if (near) return { score: unitOk ? 0.65 : 0.5, how: `≈ ${fact.figure ?? fact.value} (rounded)` };
  const digits = String(n.value);
  if (inText(fact.text, digits)) return { score: 0.6, how: `"${digits}" in text` };
  if (inText(fact.sentence, digits)) return { score: 0.4, how: `"${digits}" in sentence` };
  return null;
}

const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;

/** A reporter's rounded figure: 195 or 195.0 for 195.3公里, 456 for 455.92, 4万 for 4.3万 (the fact states more decimals). */
function roundedFrom(fact: Fact, n: QueryNumber): boolean {
  if (fact.value === null || decimals(fact.value) <= decimals(n.value)) return false;
  const magOk = n.magnitude === 1 || (fact.unit ?? '').startsWith(magnitudeWord(n.magnitude));
  const step = 10 ** -decimals(n.value);
  return magOk && Math.abs(fact.value - n.value) < step && !same(fact.value, n.value);
}

function magnitudeWord(m: number): string {
  return sharedMagnitudeWord(m) || '\u0000';
}
