// Dates in a query, as reporters write them: 9月30日, 2022年9月30日, 2022-09-30, 2022/9/30, 30 September,
// September 30(th), 12月 (a month). They are taken out of the query before numbers are read (2022-12-08 is a
// date, not the numbers 2022, 12 and 8; 9月 is not 9 of anything) and matched against the date a fact states,
// or, more weakly, the date of the release it comes from.

export interface QueryDate {
  raw: string;
  year: number | null;
  month: number;
  /** null: the whole month. */
  day: number | null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const ORD = '(?:st|nd|rd|th)?';

interface Pattern {
  re: RegExp;
  pick(m: RegExpExecArray): [year: string | undefined, month: string | number, day: string | undefined];
}

const PATTERNS: Pattern[] = [
  { re: /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/g, pick: (m) => [m[1], m[2]!, m[3]] },
  { re: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, pick: (m) => [m[1], m[2]!, m[3]] },
  { re: new RegExp(`\\b(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MONTH}(?:\\s*,?\\s*(\\d{4}))?(?![a-z])`, 'g'), pick: (m) => [m[3], MONTHS[m[2]!]!, m[1]] },
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORD}(?![\\d])(?:\\s*,?\\s*(\\d{4}))?`, 'g'), pick: (m) => [m[3], MONTHS[m[1]!]!, m[2]] },
  { re: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?![\d份]*[日号])/g, pick: (m) => [m[1], m[2]!, undefined] },
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`, 'g'), pick: (m) => [m[2], MONTHS[m[1]!]!, undefined] },
];

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A Chinese numeral up to 99 (九, 十二, 三十, 三十一), or NaN. */
export function cnNumber(s: string): number {
  if (/^[〇零一二两三四五六七八九]$/.test(s)) return CN_DIGITS[s]!;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  return m ? (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0) : NaN;
}

const CN_NUM = '[〇零一二两三四五六七八九十]{1,3}';
/** 九月三十日 → 9月30日: dates in Chinese numerals are read as the digits would be. */
function digitsForChinese(q: string): string {
  return q.replace(new RegExp(`(${CN_NUM})月(?:(${CN_NUM})([日号]))?`, 'g'), (all, mo: string, d?: string, suffix?: string) => {
    const month = cnNumber(mo);
    const day = d === undefined ? null : cnNumber(d);
    if (Number.isNaN(month) || (day !== null && Number.isNaN(day))) return all;
    return `${month}月${day === null ? '' : `${day}${suffix}`}`;
  });
}

/** The dates of a query (NFKC, lower case) and what is left of it, dates replaced by spaces. */
export function extractDates(query: string): { dates: QueryDate[]; rest: string } {
  const q = query.includes('月') ? digitsForChinese(query) : query;
  if (!/\d/.test(q)) return { dates: [], rest: query };
  const dates: QueryDate[] = [];
  let rest = q;
  for (const p of PATTERNS) {
    rest = rest.replace(p.re, (...args: unknown[]) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const [y, mo, d] = p.pick(m);
      const month = Number(mo);
      const day = d === undefined ? null : Number(d);
      const year = y === undefined ? null : Number(y);
      if (!(month >= 1 && month <= 12) || (day !== null && !(day >= 1 && day <= 31))) return String(m[0]);
      dates.push({ raw: String(m[0]).trim(), year, month, day });
      return ' ';
    });
  }
  return { dates, rest: rest.replace(/\s+/g, ' ').trim() };
}

/** Whether an ISO date (2022-09-30) is the query's date. */
export function dateMatches(iso: string | null | undefined, d: QueryDate): boolean {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!m) return false;
  return (d.year === null || Number(m[1]) === d.year) && Number(m[2]) === d.month && (d.day === null || Number(m[3]) === d.day);
}

/** The ISO form of a full date, for --explain. */
export const isoOf = (d: QueryDate): string =>
  `${d.year ?? '----'}-${String(d.month).padStart(2, '0')}${d.day === null ? '' : `-${String(d.day).padStart(2, '0')}`}`;
