// Calendar dates written in Chinese news: 9月30日, 2022年12月8日, 十二月八日, 2022-12-08.
import { parseChineseNumeral } from './chinese-numerals.js';

export interface DateMatch {
  start: number;
  end: number;
  /** ISO date `YYYY-MM-DD`; `--MM-DD` (ISO 8601 month-day) when neither the text nor the caller gives a year. */
  date: string;
}

const CN_YEAR = '[〇零一二三四五六七八九]{4}';
const CN_MD = '[一二三四五六七八九十]{1,3}';
const WRITTEN = new RegExp(
  `(?<![0-9〇零一二三四五六七八九十])(?:([0-9]{4}|${CN_YEAR})[ \\t]*年[ \\t]*)?([0-9]{1,2}|${CN_MD})[ \\t]*月[ \\t]*([0-9]{1,2}|${CN_MD})[ \\t]*[日号號]`,
  'gu',
);
const NUMERIC = /(?<![0-9.])([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9]|\.[0-9])/g;

function toInt(s: string): number | null {
  return /^[0-9]+$/.test(s) ? Number(s) : parseChineseNumeral(s);
}

const pad = (n: number) => String(n).padStart(2, '0');

function iso(year: number | null | undefined, month: number, day: number): string {
  return year ? `${year}-${pad(month)}-${pad(day)}` : `--${pad(month)}-${pad(day)}`;
}

function valid(month: number | null, day: number | null): boolean {
  return month !== null && day !== null && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * Every date in `s` (already width-normalised). A date without a written year takes `year`.
 * Month–year alone (2022年12月) and day alone (8日) are not dates.
 */
export function findDates(s: string, year?: number): DateMatch[] {
  const out: DateMatch[] = [];
  for (const m of s.matchAll(WRITTEN)) {
    const month = toInt(m[2]!);
    const day = toInt(m[3]!);
    if (!valid(month, day)) continue;
    const written = m[1] ? toInt(m[1]) : null;
    out.push({ start: m.index, end: m.index + m[0].length, date: iso(written ?? year, month!, day!) });
  }
  for (const m of s.matchAll(NUMERIC)) {
    const month = Number(m[3]);
    const day = Number(m[4]);
    const y = Number(m[1]);
    if (!valid(month, day) || y < 1900 || y > 2100) continue;
    if (out.some((d) => d.start < m.index + m[0].length && m.index < d.end)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, date: iso(y, month, day) });
  }
  return out.sort((a, b) => a.start - b.start);
}
