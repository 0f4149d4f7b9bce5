// One normal form for records and queries: NFKC (full-width → ASCII), lower case, invisible characters dropped,
// punctuation turned into spaces, whitespace collapsed. Both sides go through the same function, so a match never
// depends on how a character was typed.

/** Longer queries are cut: nobody types more, and matching cost grows with the query. */
export const MAX_QUERY_CHARS = 64;

// Zero-width characters, soft hyphen, BOM, the replacement character (what invalid UTF-8 decodes to) and control
// characters carry no meaning.
import { INVISIBLE } from '../../extract/normalize.js';
// Punctuation and symbols separate words; a decimal point or thousands comma between digits does not.
// The Unicode-property classes are made on first use: V8 builds a class like PUNCT from ICU's tables as soon as the
// expression is created (~0.5 ms), and most runs never need it.
let punct: RegExp | undefined;
const PUNCT = () => (punct ??= /[\p{P}\p{S}]/gu);
// A string of ASCII and CJK Unified Ideographs (most queries) has no punctuation or symbol outside ASCII, whose
// punctuation and symbols are exactly these 32 characters. test/core/search/normalize.test.ts checks both classes
// agree on every such character.
export const ASCII_AND_CJK = /^[\u0000-\u007F\u4E00-\u9FFF]*$/;
export const ASCII_PUNCT = /[!-\/:-@[-`{-~]/g;
const DECIMAL = /(\d)[.,](?=\d)/g;

let han: RegExp | undefined;
export const HAN = (): RegExp => (han ??= /\p{Script=Han}/u);
/** Whether a string holds a Han character (the CJK Unified Ideographs block, checked first, is all Han). */
export const isHan = (c: string): boolean => {
  if (c.length === 1) {
    const code = c.charCodeAt(0);
    if (code < 0x2e80) return false; // nothing below the CJK Radicals Supplement is Han
    if (code >= 0x4e00 && code <= 0x9fff) return true;
  }
  return HAN().test(c);
};

/** The runs of Han characters and whitespace in a string, with the same shortcut as normalize. */
export function hanRuns(s: string): string[] {
  return s.match(ASCII_AND_CJK.test(s) ? /[\u4E00-\u9FFF\s]+/g : /[\p{Script=Han}\s]+/gu) ?? [];
}

// Punctuation outside ASCII that record texts use most, all NFKC-stable (NFKC leaves them as they are) and all in
// \p{P}: the fast path below turns them into spaces like the full pass would. test/core/search/normalize.test.ts
// checks both properties.
export const COMMON_PUNCT = '\u3001\u3002\u300A\u300B\u300C\u300D\u300E\u300F\u3010\u3011\u201C\u201D\u2018\u2019\u2013\u2014\u00B7';
/** Strings the fast path takes: printable ASCII, ASCII whitespace, CJK Unified Ideographs and COMMON_PUNCT. */
export const SIMPLE = new RegExp(`^[\\t-\\r -~\\u4E00-\\u9FFF${COMMON_PUNCT}]*$`);
const isDigit = (c: number) => c >= 48 && c <= 57;
let buf = Buffer.allocUnsafe(512); // UTF-16LE code units of the result, made into a string natively

/**
 * normalize() of a SIMPLE string in one pass, without NFKC (the identity on such a string) or a regular expression:
 * lower case; a comma between a digit and exactly three digits is dropped; a comma or point between digits (after
 * that) becomes a point; other punctuation and symbols become spaces; whitespace collapsed and trimmed.
 * Checked against the full pass by the tests.
 */
export function normalizeSimple(s: string): string {
  const n = s.length;
  if (buf.length < 2 * n) buf = Buffer.allocUnsafe(4 * n);
  let k = 0;
  let space = false;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      else if (c === 44 || c === 46) {
        const before = i > 0 && isDigit(s.charCodeAt(i - 1));
        if (
          c === 44 && before && i + 3 < n && isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i + 2)) &&
          isDigit(s.charCodeAt(i + 3)) && !(i + 4 < n && isDigit(s.charCodeAt(i + 4)))
        ) continue; // 43,000 → 43000
        if (before && i + 1 < n && isDigit(s.charCodeAt(i + 1))) c = 46; // 455.92 stays, 1,5 → 1.5
        else c = 32;
      } else if (c <= 32 || (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || c >= 123) c = 32;
    } else if (c < 0x4e00 || c > 0x9fff) c = 32; // COMMON_PUNCT
    if (c === 32) {
      space = k > 0;
      continue;
    }
    if (space) {
      buf[k++] = 32;
      buf[k++] = 0;
      space = false;
    }
    buf[k++] = c & 0xff;
    buf[k++] = c >> 8;
  }
  return buf.toString('utf16le', 0, k);
}

/** The engine's normal form; also used for every record field. */
export function normalize(s: string): string {
  if (SIMPLE.test(s)) return normalizeSimple(s);
  return normalizeFull(s);
}

/** The full pass (any string); normalize takes the fast path when it can. */
export function normalizeFull(s: string): string {
  const t = s
    .normalize('NFKC')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1') // 43,000 → 43000
    .replace(DECIMAL, '$1\u0001'); // protect 455.92 from the punctuation pass
  return t
    .replace(ASCII_AND_CJK.test(t) ? ASCII_PUNCT : PUNCT(), ' ')
    .replace(/\u0001/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PreparedQuery {
  /** The query as the user will see it echoed: NFKC, invisible characters dropped, spaces collapsed, capped. */
  query: string;
  truncated: boolean;
}

/** Cheap first pass on raw input of any size: never normalises more than a few times the cap. */
export function prepareQuery(raw: string): PreparedQuery {
  const head = raw.length > MAX_QUERY_CHARS * 8 ? raw.slice(0, MAX_QUERY_CHARS * 8) : raw;
  // NFKC is the identity on ASCII and the CJK Unified Ideographs block (most queries): ICU is not asked then.
  const nfkc = ASCII_AND_CJK.test(head) ? head : head.normalize('NFKC');
  const clean = nfkc.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  const truncated = head !== raw || chars.length > MAX_QUERY_CHARS;
  return { query: chars.length <= MAX_QUERY_CHARS ? clean : chars.slice(0, MAX_QUERY_CHARS).join('').trim(), truncated };
}

export type PieceKind = 'han' | 'latin' | 'num';
export interface Piece {
  kind: PieceKind;
  text: string;
}

/** Splits a normalised string into runs of Han characters, Latin letters and numbers (spaces end a run). */
export function pieces(s: string): Piece[] {
  const out: Piece[] = [];
  // The CJK Unified Ideographs block is all Han: a string of ASCII and that block (most) takes a plain class.
  const re = ASCII_AND_CJK.test(s) ? /([\u4E00-\u9FFF]+)|([a-z]+)|(\d+(?:\.\d+)?)/g : /(\p{Script=Han}+)|([a-z]+)|(\d+(?:\.\d+)?)/gu;
  for (const m of s.matchAll(re)) {
    const kind: PieceKind = m[1] ? 'han' : m[2] ? 'latin' : 'num';
    out.push({ kind, text: m[0] });
  }
  return out;
}
