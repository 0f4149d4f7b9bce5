// The one magnitude table of zibo (万, 亿, 千亿 …) and the one parser of a typed amount (`1千亿`, `3百亿`, `4.3万`,
// `5亿元`). The extractor, `--min/--max`, search and check all read magnitudes from here.

import { parseChineseNumeral } from './chinese-numerals.js';
import { foldText } from './normalize.js';

export interface Magnitude {
  /** The word as written after a number: 万, 千亿, 萬, million. */
  word: string;
  value: number;
  /** Read after Arabic digits (4.3万, 1千亿). */
  arabic: boolean;
  /** Read after a Chinese numeral (二十万, 三千亿 → the numeral takes 千; only 万/亿 and 万亿 follow it). */
  chinese: boolean;
}

const m = (word: string, value: number, arabic = true, chinese = false): Magnitude => ({ word, value, arabic, chinese });

/**
 * Every magnitude word, Simplified first (magnitudeWord() returns the first word of a value), then Traditional and
 * financial forms, then English. Compound magnitudes (千亿, 百万) are listed whole: matched longest first.
 * 十/拾 alone are not read after Arabic digits (nobody writes 3十 for 30).
 */
export const MAGNITUDES: readonly Magnitude[] = [
  m('万亿', 1e12, true, true), m('千亿', 1e11), m('百亿', 1e10), m('十亿', 1e9),
  m('千万', 1e7), m('百万', 1e6), m('十万', 1e5),
  m('亿', 1e8, true, true), m('万', 1e4, true, true), m('千', 1e3), m('百', 1e2), m('十', 10, false),
  m('萬億', 1e12, true, true), m('千億', 1e11), m('百億', 1e10), m('十億', 1e9),
  m('千萬', 1e7), m('百萬', 1e6), m('十萬', 1e5),
  m('億', 1e8, true, true), m('萬', 1e4, true, true),
  m('仟亿', 1e11), m('佰亿', 1e10), m('拾亿', 1e9), m('仟万', 1e7), m('佰万', 1e6), m('拾万', 1e5),
  m('仟', 1e3), m('佰', 1e2), m('拾', 10, false),
  m('thousand', 1e3), m('million', 1e6), m('billion', 1e9), m('trillion', 1e12), m('mn', 1e6), m('bn', 1e9), m('k', 1e3),
];

// The tables derived from MAGNITUDES are made on first use: most runs (a `facts` in a pipe) read no amount, and made
// at start-up they cost ~0.5 ms of interpreted code.
let byWord: ReadonlyMap<string, number> | undefined;
const BY_WORD = () => (byWord ??= new Map(MAGNITUDES.map((x) => [x.word, x.value])));

/** Value of a magnitude word (万 → 1e4, 千亿 → 1e11, million → 1e6), or undefined. Case-insensitive for English. */
export function magnitudeValue(word: string): number | undefined {
  return BY_WORD().get(word) ?? BY_WORD().get(word.toLowerCase());
}

/** The first (Simplified) Chinese word of a magnitude value: 1e4 → 万; '' when there is none. */
export function magnitudeWord(value: number): string {
  return MAGNITUDES.find((x) => x.value === value && /\p{Script=Han}/u.test(x.word))?.word ?? '';
}

const byLength = (xs: readonly Magnitude[]) => xs.slice().sort((a, b) => b.word.length - a.word.length);
type Pair = readonly [string, number];
let arabic: ReadonlyArray<Pair> | undefined;
let cn: ReadonlyArray<Pair> | undefined;
/** Chinese magnitudes read after Arabic digits, longest first. */
export const arabicMagnitudes = (): ReadonlyArray<Pair> =>
  (arabic ??= byLength(MAGNITUDES.filter((x) => x.arabic && !/^[a-z]+$/.test(x.word))).map((x) => [x.word, x.value] as const));
/** Magnitudes read after a Chinese numeral (二十万, 三千亿), longest first. */
export const cnMagnitudes = (): ReadonlyArray<Pair> => (cn ??= byLength(MAGNITUDES.filter((x) => x.chinese)).map((x) => [x.word, x.value] as const));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Made on first use: a pattern with \p{…} costs ICU lookups when it is built, and most runs read no amount.
let amountRe: RegExp | undefined;
const amount = () => (amountRe ??= new RegExp(`^([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:e[+-]?\\d+)?)\\s*(${byLength(MAGNITUDES).map((x) => escape(x.word)).join('|')})?\\s*(\\p{Script=Han}{0,3}|%)$`, 'iu'));
const CN_AMOUNT = /^([零〇一二两兩三四五六七八九十百千万萬亿億壹贰貳叁參肆伍陆陸柒捌玖拾佰仟点]+)(\p{Script=Han}{0,3})$/u;

/**
 * A typed amount as one number: digits (commas and spaces allowed, full-width and other compatibility forms read
 * through foldText), an optional magnitude from the table, and the unit a reporter would write after it, which is
 * ignored (`5亿元` → 5e8, `1千亿` → 1e11, `3百亿` → 3e10, `10万户` → 1e5, `2.5 million` → 2.5e6). A Chinese numeral
 * (三千亿, 十三) is read too. Null when it is not an amount or does not fit a finite double.
 */
export function parseAmount(input: string): number | null {
  if (typeof input !== 'string') return null;
  const s = foldText(input).trim().replace(/(\d),(?=\d)/g, '$1').replace(/(\d) (?=\d{3}(?!\d))/g, '$1');
  const a = amount().exec(s);
  if (a) {
    const mag = a[2] ? magnitudeValue(a[2])! : 1;
    const n = Number(a[1]) * mag;
    return Number.isFinite(n) ? n : null;
  }
  const c = CN_AMOUNT.exec(s);
  if (!c) return null;
  for (let cut = c[1]!.length; cut > 0; cut--) {
    const n = parseChineseNumeral(c[1]!.slice(0, cut));
    if (n === null) continue;
    const rest = c[1]!.slice(cut);
    const mag = rest ? magnitudeValue(rest) : 1;
    if (mag === undefined) continue;
    const v = n * mag;
    return Number.isFinite(v) ? v : null;
  }
  return null;
}
