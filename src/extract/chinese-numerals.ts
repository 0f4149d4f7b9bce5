// Chinese numerals (Simplified, Traditional and the financial forms): 十三 → 13, 一百零五 → 105, 两 → 2,
// 三亿五千万 → 350000000, 二〇二二 → 2022 (digit by digit), 三点五 → 3.5.

export const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 貳: 2, 叁: 3, 參: 3, 肆: 4, 伍: 5, 陆: 6, 陸: 6, 柒: 7, 捌: 8, 玖: 9,
};

const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters a Chinese numeral may consist of (without 点 and without the big units 万/亿). */
export const CN_NUMERAL_CHARS = '零〇一二两兩三四五六七八九十百千壹贰貳叁參肆伍陆陸柒捌玖拾佰仟';
/** Characters a counted Chinese numeral may start with: 百/千 alone are literary (千方百计, 百姓), 零 is not a count. */
export const CN_START_CHARS = '一二两兩三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾';

export function isCnDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch in CN_DIGITS;
}

/** The value of a Chinese numeral, or null when the string is not one (十四五, empty, stray characters). */
export function parseChineseNumeral(s: string): number | null {
  if (!s) return null;
  const dot = s.indexOf('点');
  if (dot >= 0) return parseWithDecimals(s.slice(0, dot), s.slice(dot + 1));
  return parseInteger(s);
}

function parseWithDecimals(intPart: string, fracPart: string): number | null {
  const whole = parseInteger(intPart);
  if (whole === null || fracPart.length === 0) return null;
  let digits = '';
  for (const ch of fracPart) {
    const d = CN_DIGITS[ch];
    if (d === undefined) return null;
    digits += String(d);
  }
  return Number(`${whole}.${digits}`);
}

function parseInteger(s: string): number | null {
  if (!s) return null;
  const chars = [...s];
  // 二〇二二: digits only, read positionally.
  if (chars.length > 1 && chars.every((c) => c in CN_DIGITS)) {
    return Number(chars.map((c) => CN_DIGITS[c]).join(''));
  }
  let yi = 0; // part already multiplied by 亿
  let wan = 0; // part already multiplied by 万 (below 亿)
  let section = 0; // below 万
  let digit: number | null = null;
  let prevDigit = false;
  let prevZero = false;
  for (const ch of chars) {
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      if (prevDigit && !prevZero) return null; // 十四五: two digits in a row
      digit = d;
      prevZero = d === 0;
      prevDigit = true;
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      section += (digit ?? 1) * small;
      digit = null;
      prevDigit = prevZero = false;
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big !== undefined) {
      const part = section + (digit ?? 0);
      if (big === 1e8) {
        yi = (yi + wan + part) * 1e8;
        wan = 0;
      } else {
        if (part === 0 && wan === 0 && yi === 0) return null;
        wan = (wan + part) * 1e4;
      }
      section = 0;
      digit = null;
      prevDigit = prevZero = false;
      continue;
    }
    return null;
  }
  return yi + wan + section + (digit ?? 0);
}
