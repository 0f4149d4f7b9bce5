// The quantity parser: finds every stated quantity in a piece of Chinese text (Simplified or Traditional) with
// its value as written, unit as written, qualifier, magnitude and scaled value. Offsets always index the input.
//
// Decisions on ambiguous input (see also the tests, which pin each one):
// - A figure is a number followed by a measure word / unit, a magnitude (551万), or %; or a date; a range of two
//   such figures (50亿元至100亿元, 3到5年); a fraction (三分之一, 2/3).
// - A bare Arabic number (no unit, no magnitude) is reported, unit null, only when a stating word or qualifier
//   comes right before it (达/为/共/计/有/是/约/超…) and a clause ends right after it (总数为235。). Otherwise it is
//   a name or id (12345热线, 5G, list markers 1.) and not reported. Numbers with a leading zero (0533) are ids.
// - Chinese numerals count only before a measure word or magnitude; a lone 一 is an article (一批, 一张网) unless a
//   magnitude or a hedge is attached (一万, 近一成). 百/千 alone count only before 万/亿 and a unit (千亿元).
//   大 counts after a one-character numeral only (五大集成改革; 二十大 is a congress).
// - Ordinals are not quantities: after 第; before 届/号/年级/年代; N次 before 全会/会议/党代会; N级 before 医院.
//   市县两级 (a list of administrative tiers before N级) describes a structure, not a count.
// - A quantity inside short quotes (“3510”, “五个更加”, “七大提升行动”: ≤ 12 characters, no clause punctuation) or
//   inside a book title 《…》 is part of a name and not reported.
// - 19xx/20xx followed by 年 is a year; 2021—2035年 is a plan period; neither is reported.
// - M月D日 is a date (kind 'date', value null). Without a written year it takes opts.year; with no year at all
//   the date is `--MM-DD` (ISO 8601 month-day). 9月 or 2022年12月 without a day is not a quantity.
// - Numbers joined by + (9+1, 1+N), by : (8:30) or glued to ASCII letters (4.5T, 5G, G20) are names, not
//   quantities; a small whitelist of ASCII units (km, kg, m, t, kWh…) is accepted, case-sensitive.
// - Percentages: unit and baseUnit '%', scaled = value. 个百分点 is also kind 'percent' with unit '个百分点'.
// - 近 before a time span (近3年, 最近5年) means "the last N years", so it is not a qualifier there.
// - 前三季度 / 前两个月 name a period, not a count.
// - Qualifiers: 余/餘/多/超/超过/超出/逾/多达/突破/以上/有余/不低于/不少于 → more-than; 近/将近/接近/近乎 → nearly;
//   约/大约/约为/大概/左右/上下 → about; 不到/不足/低于/少于/不超过/以下/以内 → less-than; 达 and plain → exact.
//   A qualifier word is part of `text` (超4.3万个); 达 is not (达27公里 → text 27公里). A currency word may stand
//   between qualifier and number (超過新台幣1.2兆元). 不多于/不高于/不大于 → less-than; N年内/N天内 → less-than;
//   上千/上万 → more-than. 超 in 出超/入超 (trade balance) is not a qualifier.
// - Thousands may be grouped by single spaces (1 320辆, 12 345.6万元): a lead of 1–3 digits, then groups of three.
// - A magnitude inside a numeral is part of the value: 三万五千名 → 35000 名, 2萬5千個 → 25000 個, 1亿5000万元 →
//   150000000 元 (scaled is the same either way). A trailing magnitude stays in the unit: 两万余人 → 2 万人.
// - 万 alone, hedged or with 余: 近万人 / 万余人 → value 1, unit 万人 (as 一万人). 百/千 alone, hedged or with 余:
//   近千个, 千余人, 上千家 → 1000. 数十个, 几十人, 数百家 are indefinite and not reported.
// - Neighbouring digits are an approximate range: 两三个 → 2–3 个, 三四百人 → 300–400 人 (qualifier about).
//   十几个 → more-than 10 个. 成 is a unit (tenths): 三成 → value 3, unit 成, scaled 3.
// - 兆 is 10¹² only before a currency (1.2兆元, Taiwan/Japan usage); elsewhere it is mega (100兆瓦).
// - Measure words take 次 for visits/trips (万亩次, 万辆次, 件次); 3个多月 → more-than 3 个月; 5倍多, 三成多 → more-than.
// - ‰ is kind 'percent' with unit ‰. A minus sign counts only right after a stating word (增速为-2.3%).
// - A bare number after a verb + 至/到 is stated (收入比缩小至1.98); after a number 至/到 join a range.
import type { Qualifier } from './types.js';
import { CN_NUMERAL_CHARS, CN_START_CHARS, parseChineseNumeral } from './chinese-numerals.js';
import { findDates } from './dates.js';
import { magnitudeValue } from './magnitudes.js';
import { foldMapped } from './normalize.js';
import { PERCENT_POINT_UNITS, TIME_UNITS, matchAsciiUnit, matchMagnitude, matchUnit, scaleExact } from './units.js';

export type QuantityKind = 'count' | 'percent' | 'date' | 'range' | 'fraction';

export interface Quantity {
  /** The figure as written, qualifier included: 超4.3万个, 20万余人次, 9月30日. */
  text: string;
  /** [start, end) of `text` in the input (UTF-16 indexes). */
  start: number;
  end: number;
  kind: QuantityKind;
  /** The number as written: 4.3 for 超4.3万个; the low end of a range; null for dates. */
  value: number | null;
  /** Unit as written, magnitude included: 万个, 亿元, %, 万 (551万). */
  unit: string | null;
  /** Unit without magnitude: 个, 元; null when only a magnitude was written. */
  baseUnit: string | null;
  /** 1, 1e4 (万), 1e8 (亿) … */
  magnitude: number;
  /** value × magnitude, decimal-exact. */
  scaled: number | null;
  qualifier: Qualifier;
  /** ISO date for kind 'date'. */
  date: string | null;
  /** Upper value of a range as written. */
  high?: number | null;
  highScaled?: number | null;
}

export interface ParseOptions {
  /** Year of dates written without one (the release's year). */
  year?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Width normalisation, one UTF-16 unit for one, so offsets stay valid: full-width ASCII forms → ASCII.

export function normalizeWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0 || c === 0x2009 || c === 0x202f) out += ' ';
    else out += s[i];
  }
  return out;
}

const ARABIC = /[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?/y;
/** Thousands grouped by single spaces (1 320辆, 12 345.6万元): a lead of 1–3 digits, then groups of exactly three. */
const ARABIC_SPACED = /[0-9]{1,3}(?: [0-9]{3}(?![0-9]))+(?:\.[0-9]+)?/y;
const CN_RUN = new RegExp(`[${CN_NUMERAL_CHARS}]+(?:点[零〇一二三四五六七八九]+)?`, 'y');
/** A Chinese numeral with a magnitude inside it: 三万五千, 三亿五千万, 两万一千. */
const CN_COMPOUND = new RegExp(`[${CN_NUMERAL_CHARS}]+(?:[万萬亿億]+[${CN_NUMERAL_CHARS}]+)+[万萬亿億]?`, 'y');
/** After 2萬 / 1亿: the lower part of a compound figure (2萬5千, 1亿5000万, 3万5千). */
const COMPOUND_TAIL = /([0-9]+|[一二两兩三四五六七八九])([千百万萬])/y;

/** '4.3'→4.3, '1,035'→1035, '１２'→12, '十三'→13, '两'→2, '一百零五'→105, '4.3万'→43000; null otherwise. */
export function parseNumber(s: string): number | null {
  if (typeof s !== 'string') return null;
  const t = normalizeWidth(s).trim();
  const m = /^([0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(.*)$/.exec(t);
  if (m) {
    const value = Number(m[1]!.replace(/[, ]/g, ''));
    if (!m[2]) return value;
    const mag = matchMagnitude(m[2], 0, false);
    return mag && mag[0] === m[2] ? scaleExact(value, mag[1]) : null;
  }
  return parseChineseNumeral(t);
}

// ---------------------------------------------------------------------------------------------------------
// Qualifiers

const PREFIX_QUALIFIERS: ReadonlyArray<readonly [string, Qualifier]> = (
  [
    ['不超过', 'less-than'], ['不超過', 'less-than'], ['不到', 'less-than'], ['不足', 'less-than'], ['低于', 'less-than'],
    ['低於', 'less-than'], ['少于', 'less-than'], ['少於', 'less-than'],
    ['不多于', 'less-than'], ['不多於', 'less-than'], ['不高于', 'less-than'], ['不高於', 'less-than'], ['不大于', 'less-than'],
    ['不大於', 'less-than'], ['不低于', 'more-than'], ['不低於', 'more-than'], ['不少于', 'more-than'], ['不少於', 'more-than'],
    ['超过', 'more-than'], ['超過', 'more-than'], ['超出', 'more-than'], ['多达', 'more-than'], ['多達', 'more-than'],
    ['突破', 'more-than'], ['逾', 'more-than'], ['超', 'more-than'],
    ['将近', 'nearly'], ['將近', 'nearly'], ['接近', 'nearly'], ['近乎', 'nearly'], ['近', 'nearly'],
    ['大约', 'about'], ['大約', 'about'], ['约为', 'about'], ['約為', 'about'], ['大概', 'about'], ['约', 'about'], ['約', 'about'],
  ] as const
).slice().sort((a, b) => b[0].length - a[0].length);

/** One-character qualifiers that are the tail of an ordinary word: 赶超, 签约, 附近, 最近 (最近 handled apart). */
const NOT_QUALIFIER_AFTER: Readonly<Record<string, string>> = {
  超: '赶趕高追反出入', 约: '签簽节節制契公条條预預邀违違履集', 約: '签簽节節制契公条條预預邀违違履集', 近: '靠临臨附就亲親贴貼',
};

/** Currency words written before the number; a qualifier may stand before them. */
const CURRENCY_PREFIXES = ['人民币', '人民幣', '新台币', '新台幣', '台币', '台幣', '港币', '港幣', '美金'];

const SUFFIX_QUALIFIERS: ReadonlyArray<readonly [string, Qualifier]> = [
  ['以上', 'more-than'], ['有余', 'more-than'], ['有餘', 'more-than'], ['以下', 'less-than'], ['以内', 'less-than'],
  ['以內', 'less-than'], ['左右', 'about'], ['上下', 'about'],
];

const MORE_CHARS = '余餘多';
/** Units after which 多/余 means "more than" (3年多, 5倍多, 三成多); after other measure words 多 starts a word. */
const MORE_AFTER_UNIT: ReadonlySet<string> = new Set([...TIME_UNITS, '倍', '成']);

// ---------------------------------------------------------------------------------------------------------
// Names that contain numerals but state no count.

const IDIOMS = [
  '三位一体', '四位一体', '五位一体', '三区三线', '两学一做', '三严三实', '四个全面', '四个意识', '四个自信', '两个维护',
  '两个确立', '三个代表', '五湖四海', '四面八方', '三心二意', '两全其美', '一举两得', '三五成群', '五颜六色', '接二连三',
  '四通八达', '七嘴八舌', '九死一生', '十拿九稳', '三言两语', '三长两短', '三番五次', '三天两头', '三令五申', '十全十美',
  '七上八下', '九牛一毛', '千方百计', '三头六臂', '两手抓', '三农', '十四五', '十三五', '十五五', '两会', '兩會',
];

const ORDINAL_AFTER_CI = ['全会', '全體會議', '全体会议', '党代会', '黨代會', '代表大会', '代表大會', '常委会', '常委會', '全委会', '会议', '會議'];
const NOT_COUNT_AFTER_JI = ['医院', '醫院', '甲等', '乙等'];
const ADMIN_TIERS = '省市县縣区區镇鎮乡鄉村';
const STATING_BEFORE = '达達为為共计計有是';
const SIGN_AFTER = '达達为為是至到:';
/** 降至1.98, 缩小到0.35: 至/到 after a verb state a figure (after a number they join a range). */
const STATING_TO = '至到';
const CLAUSE_END = ',.;:!?、。;)]】」』”’"\n\r\t ';
const BARE_NUMERAL = 'numeral without a measure word';
const RANGE_SEPARATORS = ['——', '至', '到', '~', '〜', '-', '—', '–', '－'];

// ---------------------------------------------------------------------------------------------------------

interface NumberToken {
  start: number;
  end: number;
  raw: string;
  value: number | null;
  chinese: boolean;
  /** Upper end of an approximate numeral (两三个 → 2, high 3; 三四百 → 300, high 400). */
  high?: number;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z]/.test(ch);
}

function readNumber(s: string, i: number): NumberToken | null {
  const ch = s[i];
  if (isDigit(ch)) {
    ARABIC_SPACED.lastIndex = i;
    const spaced = ARABIC_SPACED.exec(s);
    if (spaced && !isDigit(s[i - 1])) {
      return { start: i, end: i + spaced[0].length, raw: spaced[0], value: Number(spaced[0].replace(/ /g, '')), chinese: false };
    }
    ARABIC.lastIndex = i;
    const m = ARABIC.exec(s);
    if (!m) return null;
    let raw = m[0];
    const comma = raw.indexOf(',');
    if (comma > 3) raw = raw.slice(0, comma); // 12345,678 is not a grouped number
    return { start: i, end: i + raw.length, raw, value: Number(raw.replace(/,/g, '')), chinese: false };
  }
  if ((ch === '百' || ch === '千') && (/[亿億万萬]/.test(s[i + 1] ?? '') && matchUnit(s, i + 2) || hedgedHundreds(s, i))) {
    return { start: i, end: i + 1, raw: ch, value: ch === '百' ? 100 : 1000, chinese: true }; // 千亿元, 百万吨, 近千个, 千余人
  }
  if ((ch === '万' || ch === '萬') && hedgedHundreds(s, i) && !CN_NUMERAL_CHARS.includes(s[i - 1] ?? '\u0000')) {
    return { start: i, end: i, raw: '', value: 1, chinese: true }; // 近万人, 万余人: the 万 is read as the magnitude
  }
  if (ch !== undefined && CN_START_CHARS.includes(ch)) {
    const approx = approximate(s, i);
    if (approx) return approx;
    CN_COMPOUND.lastIndex = i;
    const compound = CN_COMPOUND.exec(s);
    const value = compound ? parseChineseNumeral(compound[0]) : null;
    if (compound && value !== null) return { start: i, end: i + compound[0].length, raw: compound[0], value, chinese: true };
    CN_RUN.lastIndex = i;
    const m = CN_RUN.exec(s);
    if (!m) return null;
    return { start: i, end: i + m[0].length, raw: m[0], value: parseChineseNumeral(m[0]), chinese: true };
  }
  return null;
}

const APPROX = /([二两兩三四五六七八九])([三四五六七八九])([十百千]?)/y;

/** Two neighbouring digits state an approximate range: 两三个, 三四百人, 五六十岁 (三五 too). 一二 is a list (一二线). */
function approximate(s: string, i: number): NumberToken | null {
  APPROX.lastIndex = i;
  const m = APPROX.exec(s);
  if (!m) return null;
  const low = parseChineseNumeral(m[1]!);
  const high = parseChineseNumeral(m[2]!);
  if (low === null || high === null || (high - low !== 1 && `${m[1]}${m[2]}` !== '三五')) return null;
  if (CN_NUMERAL_CHARS.includes(s[i + m[0].length] ?? '\u0000')) return null; // 三四十五: not this pattern
  const unit = m[3] ? parseChineseNumeral(`一${m[3]}`)! : 1;
  return { start: i, end: i + m[0].length, raw: m[0], value: low * unit, high: high * unit, chinese: true };
}

/**
 * 百/千 alone are literary (千方百计, 百姓) unless hedged and followed by a measure word: 近千个, 逾百家, 千余人,
 * 百多家, 上千家 (more-than).
 */
function hedgedHundreds(s: string, i: number): boolean {
  const next = i + 1;
  if (MORE_CHARS.includes(s[next] ?? '\u0000') && (matchUnit(s, next + 1) || matchAsciiUnit(s, next + 1))) return true;
  if (!matchUnit(s, next) && !matchAsciiUnit(s, next)) return false;
  return s[i - 1] === '上' || prefixQualifier(s, i).qualifier !== 'exact';
}

/**
 * The lower part of a compound figure after an Arabic number and its magnitude (2萬5千個, 1亿5000万元): its value
 * and end, or null. The tail's magnitude must be below the head's.
 */
function compoundTail(s: string, pos: number, headMagnitude: number): { value: number; end: number } | null {
  COMPOUND_TAIL.lastIndex = pos;
  const m = COMPOUND_TAIL.exec(s);
  if (!m) return null;
  const tailMagnitude = magnitudeValue(m[2]!)!;
  if (tailMagnitude >= headMagnitude) return null;
  const digits = /^[0-9]+$/.test(m[1]!) ? Number(m[1]) : parseChineseNumeral(m[1]!);
  if (digits === null || digits * tailMagnitude >= headMagnitude) return null;
  return { value: digits * tailMagnitude, end: pos + m[0].length };
}

function skipSpaces(s: string, i: number, max = 2): number {
  let j = i;
  while (j - i < max && s[j] === ' ') j++;
  return j;
}

function prefixQualifier(s: string, i: number): { start: number; qualifier: Qualifier } {
  let at = s[i - 1] === ' ' ? i - 1 : i;
  const currency = CURRENCY_PREFIXES.find((c) => s.startsWith(c, at - c.length));
  if (currency) at -= currency.length; // 超过新台幣1.2兆元, 约人民币5亿元
  for (const [word, q] of PREFIX_QUALIFIERS) {
    const start = at - word.length;
    if (start < 0 || !s.startsWith(word, start)) continue;
    const blockers = word.length === 1 ? NOT_QUALIFIER_AFTER[word] : undefined;
    if (blockers && blockers.includes(s[start - 1] ?? '\u0000')) continue;
    if (word === '近' && s[start - 1] === '最') continue;
    return { start, qualifier: q };
  }
  return { start: i, qualifier: 'exact' };
}

function inIdiom(s: string, i: number): boolean {
  for (const idiom of IDIOMS) {
    for (let at = Math.max(0, i - idiom.length + 1); at <= i; at++) if (s.startsWith(idiom, at)) return true;
  }
  return false;
}

function isYearLike(tok: NumberToken): boolean {
  return !tok.chinese ? /^(19|20)[0-9]{2}$/.test(tok.raw) : /^[〇零一二三四五六七八九]{4}$/.test(tok.raw);
}

/** A figure found at one position, before range merging and reporting rules. */
interface Raw {
  num: NumberToken;
  /** Where `text` starts (qualifier word included). */
  start: number;
  end: number;
  preQualifier: Qualifier;
  kind: 'count' | 'percent' | 'fraction';
  value: number;
  magText: string;
  magnitude: number;
  unitText: string | null;
  more: boolean;
  suffixQualifier: Qualifier | null;
  /** Why this is not a quantity (ordinal, year, name …), or null. */
  skip: string | null;
}

function scanFraction(s: string, num: NumberToken, pre: { start: number; qualifier: Qualifier }): Raw | null {
  const e = num.end;
  let numerator: NumberToken | null = null;
  if (s.startsWith('分之', e)) numerator = readNumber(s, e + 2);
  else if (!num.chinese && s[e] === '/' && isDigit(s[e + 1])) {
    numerator = readNumber(s, e + 1);
    if (numerator && (s[numerator.end] === '/' || numerator.raw.includes('.') || num.raw.includes('.'))) return null;
    if (numerator) numerator = { ...numerator, value: numerator.value }; // 2/3: numerator written first
  }
  if (!numerator || numerator.value === null || num.value === null) return null;
  const ascii = !s.startsWith('分之', e);
  const top = ascii ? num.value : numerator.value;
  const bottom = ascii ? numerator.value : num.value;
  if (bottom === 0) return null;
  const value = Math.round((top / bottom) * 1e4) / 1e4;
  const suffix = suffixQualifier(s, numerator.end);
  return {
    num, start: pre.start, end: suffix.end, preQualifier: pre.qualifier, kind: 'fraction', value, magText: '', magnitude: 1,
    unitText: null, more: false, suffixQualifier: suffix.qualifier, skip: null,
  };
}

function suffixQualifier(s: string, i: number, timeSpan = false): { end: number; qualifier: Qualifier | null } {
  const at = skipSpaces(s, i, 1);
  for (const [word, q] of SUFFIX_QUALIFIERS) {
    if (!s.startsWith(word, at)) continue;
    if (word === '上下' && /[游班楼樓级級层層]/.test(s[at + 2] ?? '')) continue;
    return { end: at + word.length, qualifier: q };
  }
  if (timeSpan && (s[i] === '内' || s[i] === '內')) return { end: i + 1, qualifier: 'less-than' }; // 5年内, 30天内
  return { end: i, qualifier: null };
}

function percentWritten(s: string, i: number): Raw | null {
  if (!s.startsWith('百分之', i)) return null;
  const num = readNumber(s, i + 3) ?? (s.startsWith('百', i + 3) ? { start: i + 3, end: i + 4, raw: '百', value: 100, chinese: true } : null);
  if (!num || num.value === null) return null;
  const pre = prefixQualifier(s, i);
  const suffix = suffixQualifier(s, num.end);
  return {
    num: { ...num, start: i }, start: pre.start, end: suffix.end, preQualifier: pre.qualifier, kind: 'percent',
    value: num.value, magText: '', magnitude: 1, unitText: '%', more: false, suffixQualifier: suffix.qualifier, skip: null,
  };
}

/** Reads the figure whose number starts at `i`; null when no number starts there. */
function scan(s: string, i: number): Raw | null {
  const written = percentWritten(s, i);
  if (written) return written;
  const num = readNumber(s, i);
  if (!num) return null;
  const pre = prefixQualifier(s, i);
  const base = {
    num, start: pre.start, end: num.end, preQualifier: pre.qualifier, kind: 'count' as const, value: num.value ?? 0,
    magText: '', magnitude: 1, unitText: null, more: false, suffixQualifier: null,
  };
  const skip = (why: string, end = num.end): Raw => ({ ...base, end, skip: why });
  if (num.value === null) return skip('not a numeral');
  const fraction = scanFraction(s, num, pre);
  if (fraction) return fraction;

  const before = s[i - 1];
  const after = s[num.end];
  if (before === '第') return skip('ordinal');
  if (before === '+' || after === '+' || before === '＋' || after === '＋') return skip('name with +');
  if (num.chinese) {
    if (inIdiom(s, i)) return skip('idiom');
    if (/[数數几幾]/.test(before ?? '')) return skip('indefinite'); // 数十个, 几十人
  } else {
    if (isAsciiLetter(before) || before === '.' || before === '/') return skip('code');
    if ((before === ':' && isDigit(s[i - 2])) || (after === ':' && isDigit(s[num.end + 1]))) return skip('time or ratio');
    if (/^0[0-9]/.test(num.raw)) return skip('id');
  }

  let pos = num.end;
  let unitText: string | null = null;
  let magText = '';
  let magnitude = 1;
  let more = false;
  let kind: Raw['kind'] = 'count';
  let value = num.value;

  if (!num.chinese && isAsciiLetter(after)) {
    unitText = matchAsciiUnit(s, pos);
    if (!unitText) return skip('name with letters'); // 4.5T, 5G
    pos += unitText.length;
  } else {
    pos = skipSpaces(s, pos);
    if (s[pos] === '%' || s[pos] === '‰') {
      kind = 'percent';
      unitText = s[pos]!;
      pos++;
    } else {
      if (startsMore(s, pos, num.chinese)) {
        more = true;
        pos++;
      }
      unitText = unitAt(s, pos, num);
      if (unitText) pos += unitText.length;
      else {
        const mag = matchMagnitude(s, pos, num.chinese);
        const tail = mag && !num.chinese && !more ? compoundTail(s, pos + mag[0].length, mag[1]) : null;
        if (mag && tail) {
          value = scaleExact(num.value, mag[1]) + tail.value; // 2萬5千個 → 25000 個
          pos = tail.end;
          const after = afterMagnitude(s, pos, more);
          unitText = after.unitText;
          more = after.more;
          pos = after.end;
        } else if (mag) {
          [magText, magnitude] = mag;
          pos += magText.length;
          const after = afterMagnitude(s, pos, more);
          unitText = after.unitText;
          more = more || after.more;
          pos = after.end;
        }
      }
    }
  }
  if (unitText && s[pos] === '/' && kind === 'count') {
    const per = matchUnit(s, pos + 1) ?? (/[日天]/.test(s[pos + 1] ?? '') ? s[pos + 1]! : null);
    if (per) {
      unitText += '/' + per; // 微克/立方米, 元/平方米, 吨/日
      pos += 1 + per.length;
    }
  }
  if ((unitText === '个' || unitText === '個') && MORE_CHARS.includes(s[pos] ?? '\u0000')) {
    const span = /^(?:月|小时|小時|星期|工作日)/.exec(s.slice(pos + 1, pos + 4));
    if (span) {
      unitText += span[0]; // 3个多月: more than 3 months
      more = true;
      pos += 1 + span[0].length;
    }
  }
  if (unitText && MORE_AFTER_UNIT.has(unitText) && MORE_CHARS.includes(s[pos] ?? '\u0000') && !matchUnit(s, pos + 1)) {
    more = true; // 3年多, 5倍多, 三成多
    pos++;
  }
  if (unitText && PERCENT_POINT_UNITS.has(unitText)) kind = 'percent';
  const suffix = suffixQualifier(s, pos, !!unitText && TIME_UNITS.has(unitText));
  let preQualifier = pre.qualifier;
  let start = pre.start;
  if (preQualifier === 'exact' && num.chinese && /^[百千]?$/.test(num.raw) && s[i - 1] === '上') {
    preQualifier = 'more-than'; // 上千家: upwards of a thousand
    start = i - 1;
  }
  if (preQualifier === 'nearly' && unitText && TIME_UNITS.has(unitText) && s[start] === '近') {
    preQualifier = 'exact'; // 近3年: the last three years
    start = i;
  }
  if (isSigned(s, i, num)) {
    value = -value; // 增速为-2.3%
    start = i - 1;
  }
  const raw: Raw = {
    num, start, end: suffix.end, preQualifier, kind, value, magText, magnitude, unitText, more,
    suffixQualifier: suffix.qualifier, skip: null,
  };
  raw.skip = notAQuantity(s, raw, pos);
  return raw;
}

/** A minus sign right after a stating word (为-2.3%, 降至-1.2‰); elsewhere - joins ranges, codes and phone numbers. */
function isSigned(s: string, i: number, num: NumberToken): boolean {
  return !num.chinese && /[-−]/.test(s[i - 1] ?? '') && SIGN_AFTER.includes(s[i - 2] ?? '\u0000');
}

/** What follows a magnitude: 万户, 万余人次, 万多名, or nothing (551万, 20万余). 多 counts only before a unit. */
function afterMagnitude(s: string, magEnd: number, moreBefore: boolean): { unitText: string | null; more: boolean; end: number } {
  let p = skipSpaces(s, magEnd);
  let more = false;
  const ch = s[p];
  if (!moreBefore && ch !== undefined && MORE_CHARS.includes(ch) && (ch !== '多' || matchUnit(s, p + 1) !== null)) {
    more = true;
    p++;
  }
  const unitText = matchUnit(s, p) ?? matchAsciiUnit(s, p);
  if (unitText) return { unitText, more, end: p + unitText.length };
  return more ? { unitText: null, more, end: p } : { unitText: null, more: false, end: magEnd };
}

function startsMore(s: string, pos: number, chinese: boolean): boolean {
  const ch = s[pos];
  if (chinese && (ch === '几' || ch === '幾') && /[十百千]/.test(s[pos - 1] ?? '')) return matchUnit(s, pos + 1) !== null; // 十几个
  if (ch === undefined || !MORE_CHARS.includes(ch)) return false;
  if (ch !== '多') return true;
  const next = pos + 1;
  return matchUnit(s, next) !== null || matchMagnitude(s, next, chinese) !== null;
}

/** The measure word at `pos`, with 大 for one-character Chinese numerals (五大集成改革). */
function unitAt(s: string, pos: number, num: NumberToken): string | null {
  if (num.chinese && num.raw.length === 1 && s[pos] === '大' && !/[学學会會厦廈道街桥橋型量多部致概约約力幅家精局关關处處]/.test(s[pos + 1] ?? '')) {
    return '大';
  }
  return matchUnit(s, pos);
}

/** Why a figure read by `scan` is not a quantity, or null. `pos` is where its unit ended. */
function notAQuantity(s: string, r: Raw, pos: number): string | null {
  const { num, unitText, magText } = r;
  const rest = s.slice(pos, pos + 4);
  if (isYearLike(num) && !r.more && !magText && (unitText === '年' || unitText === null) && s[skipSpaces(s, num.end)] === '年') {
    return 'year';
  }
  if (unitText === '年' && /^[代级級]/.test(rest)) return 'ordinal';
  if (unitText === '次' && ORDINAL_AFTER_CI.some((w) => rest.startsWith(w))) return 'ordinal';
  if ((unitText === '级' || unitText === '級') && NOT_COUNT_AFTER_JI.some((w) => s.slice(pos, pos + 8).includes(w))) return 'grade';
  if ((unitText === '级' || unitText === '級') && isAdminTierList(s, num.start)) return 'tiers';
  if (num.chinese) {
    if (!unitText && !magText) return BARE_NUMERAL;
    if (/^[一壹]$/.test(num.raw) && !magText && r.preQualifier === 'exact') return 'article'; // 一批; but 近一成
  }
  if (s[num.start - 1] === '前' && (unitText === '季度' || unitText === '个月' || unitText === '個月')) return 'period'; // 前10个月
  const next = s[skipSpaces(s, num.end)] ?? '';
  if ('日号號'.includes(next) && next) return 'day or number';
  if (!unitText && !magText && next && '月时時点點'.includes(next)) return 'calendar or clock';
  return null;
}

function isAdminTierList(s: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && ADMIN_TIERS.includes(s[j]!); j--) n++;
  return n >= 2;
}

// ---------------------------------------------------------------------------------------------------------
// Reporting

function qualifierOf(...qs: Array<Qualifier | null | undefined>): Qualifier {
  return qs.find((q): q is Qualifier => !!q && q !== 'exact') ?? 'exact';
}

function toQuantity(text: string, r: Raw): Quantity {
  const unit = r.magText + (r.unitText ?? '') || null;
  const baseUnit = r.unitText;
  const qualifier = qualifierOf(r.preQualifier, r.more ? 'more-than' : null, r.suffixQualifier);
  const q: Quantity = {
    text: text.slice(r.start, r.end), start: r.start, end: r.end, kind: r.kind, value: r.value, unit, baseUnit,
    magnitude: r.magnitude, scaled: scaleExact(r.value, r.magnitude), qualifier, date: null,
  };
  if (r.num.high === undefined) return q;
  // 两三个, 三四百人: an approximate range
  return { ...q, kind: 'range', qualifier: qualifierOf(qualifier, 'about'), high: r.num.high, highScaled: scaleExact(r.num.high, r.magnitude) };
}

function isBare(r: Raw): boolean {
  return r.kind === 'count' && !r.unitText && !r.magText;
}

/** A bare number counts only when stated (总数为235。), never as a name or id. */
function bareIsStated(s: string, r: Raw): boolean {
  if (r.num.chinese || isYearLike(r.num)) return false;
  const before = s[r.start - 1] ?? '\u0000';
  const toAfterVerb = STATING_TO.includes(before) && /\p{Script=Han}/u.test(s[r.start - 2] ?? '') && !CN_NUMERAL_CHARS.includes(s[r.start - 2]!);
  const stated = r.preQualifier !== 'exact' || r.more || STATING_BEFORE.includes(before) || toAfterVerb;
  const next = s[r.end];
  return stated && (next === undefined || CLAUSE_END.includes(next));
}

function rangeSeparator(s: string, pos: number): number | null {
  const at = skipSpaces(s, pos, 1);
  for (const sep of RANGE_SEPARATORS) {
    if (s.startsWith(sep, at)) return skipSpaces(s, at + sep.length, 1);
  }
  return null;
}

function sameScript(a: Raw, b: Raw): boolean {
  return a.num.chinese === b.num.chinese;
}

/** Can `a` be the low end of a range ending in `b`? 50亿元至100亿元, 50—100亿元, 3到5年, 5%-10%. */
function rangeFits(a: Raw, b: Raw): boolean {
  if (b.skip || b.kind === 'fraction' || a.kind === 'fraction' || !sameScript(a, b)) return false;
  if (isBare(b)) return false;
  if (a.kind === 'percent' && b.kind !== 'percent') return false;
  if (a.unitText && a.unitText !== b.unitText) return false;
  if (a.magText && !b.magText) return false;
  return a.suffixQualifier === null;
}

function mergeRange(text: string, a: Raw, b: Raw): Quantity {
  const hi = toQuantity(text, b);
  const magnitude = a.magText ? a.magnitude : b.magnitude;
  return {
    text: text.slice(a.start, b.end), start: a.start, end: b.end, kind: 'range', value: a.value, unit: hi.unit,
    baseUnit: hi.baseUnit, magnitude, scaled: scaleExact(a.value, magnitude),
    qualifier: qualifierOf(a.preQualifier, a.more ? 'more-than' : null, hi.qualifier), date: null,
    high: b.value, highScaled: hi.scaled,
  };
}

/** Marks characters inside book titles and short quoted names, whose numbers are names (“3510”, 《…》). */
function protectedMask(s: string): Uint8Array {
  const mask = new Uint8Array(s.length);
  const pairs: Array<[string, string, number]> = [['《', '》', 80], ['〈', '〉', 80], ['“', '”', 12], ['‘', '’', 12], ['「', '」', 12], ['『', '』', 12], ['"', '"', 12]];
  for (const [open, close, max] of pairs) {
    let from = 0;
    for (;;) {
      const a = s.indexOf(open, from);
      if (a < 0) break;
      const b = s.indexOf(close, a + 1);
      if (b < 0) break;
      const inner = s.slice(a + 1, b);
      const isTitle = open === '《' || open === '〈';
      if (inner.length <= max && (isTitle ? !/[。\n]/.test(inner) : !/[,.;!?，。；！？\n]/.test(inner))) mask.fill(1, a + 1, b);
      from = b + 1;
    }
  }
  return mask;
}

/**
 * Every quantity stated in `text`, in order. Never throws. The text is read through the shared normaliser (NFKC,
 * invisible characters removed: ４１条, 4\u200b1条 and ④①条 all read 41条); offsets and `text` index the input.
 */
export function parseQuantities(input: string, opts: ParseOptions = {}): Quantity[] {
  if (typeof input !== 'string' || input.length === 0) return [];
  const folded = foldMapped(input);
  const found = parseFolded(folded.text, opts);
  if (folded.text === input) return found;
  return found.map((q) => {
    const start = folded.at[q.start]!;
    const end = q.end > q.start ? folded.end[q.end - 1]! : start;
    return { ...q, start, end, text: input.slice(start, end) };
  });
}

function parseFolded(text: string, opts: ParseOptions): Quantity[] {
  if (text.length === 0) return [];
  const s = normalizeWidth(text);
  const mask = protectedMask(s);
  const used = new Uint8Array(s.length);
  const out: Quantity[] = [];
  for (const d of findDates(s, opts.year)) {
    used.fill(1, d.start, d.end);
    if (mask[d.start]) continue;
    out.push({
      text: text.slice(d.start, d.end), start: d.start, end: d.end, kind: 'date', value: null, unit: null, baseUnit: null,
      magnitude: 1, scaled: null, qualifier: 'exact', date: d.date,
    });
  }
  let i = 0;
  while (i < s.length) {
    if (used[i]) {
      i++;
      continue;
    }
    const r = scan(s, i);
    if (!r) {
      i++;
      continue;
    }
    const next = report(text, s, r, mask, used, out);
    i = Math.max(next, i + 1);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Adds the quantity read at `r` (or the range it opens) to `out`; returns where scanning goes on. */
function report(text: string, s: string, r: Raw, mask: Uint8Array, used: Uint8Array, out: Quantity[]): number {
  const mayOpenRange = r.skip === null || r.skip === 'year' || r.skip === BARE_NUMERAL; // 2021—, 两到三年
  const sepEnd = mayOpenRange ? rangeSeparator(s, r.end) : null;
  const b = sepEnd !== null && !used[sepEnd] ? scan(s, sepEnd) : null;
  if (b && isYearLike(r.num) && isYearLike(b.num) && (b.skip === 'year' || isBare(b))) return b.end; // 2021—2035年
  const opensRange = r.skip === null || r.skip === BARE_NUMERAL;
  if (b && opensRange && b.num.start === sepEnd && b.start === sepEnd && rangeFits(r, b)) {
    if (!mask[r.num.start]) out.push(mergeRange(text, r, b));
    return b.end;
  }
  if (r.skip) return r.end;
  if (mask[r.num.start]) return r.end;
  if (isBare(r) && !bareIsStated(s, r)) return r.end;
  out.push(toQuantity(text, r));
  return r.end;
}
