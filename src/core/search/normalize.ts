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

/** The engine's normal form; also used for every record field. */
export function normalize(s: string): string {
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
  const clean = head.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
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
  const re = /(\p{Script=Han}+)|([a-z]+)|(\d+(?:\.\d+)?)/gu;
  for (const m of s.matchAll(re)) {
    const kind: PieceKind = m[1] ? 'han' : m[2] ? 'latin' : 'num';
    out.push({ kind, text: m[0] });
  }
  return out;
}
