// The one width and wrapping module: display width, grapheme splitting, and wrapping between words.
//
// Width and graphemes without ICU for the characters zibo's data is made of.
//
// string-width (and Intl.Segmenter, which it and the wrapper need) costs ~7 ms on first use: ICU loads its break
// rules. Text made only of "simple" characters (printable ASCII, Latin-1, general punctuation, CJK ideographs, CJK
// and full-width punctuation) needs neither: each such character is a grapheme of its own, and its width is fixed.
// Any other character (combining marks, emoji, control characters, other scripts, …) sends the whole string to
// string-width and Intl.Segmenter, so results are always theirs (test/render/width.test.ts checks every simple
// character against them).

import stringWidth from 'string-width';
import { matchMagnitude, matchUnit } from '../extract/units.js';

/** Width of a simple code point (1 or 2); 0 when the code point is not simple. */
export function simpleWidth(cp: number): number {
  if (cp >= 0x20 && cp <= 0x7e) return 1; // printable ASCII
  if (cp >= 0x4e00 && cp <= 0x9fff) return 2; // CJK Unified Ideographs
  if (cp >= 0xff01 && cp <= 0xff60) return 2; // full-width forms (，：（）)
  if (cp >= 0x3000 && cp <= 0x3029) return 2; // CJK punctuation (、。「」【】); 302A–302F are combining marks
  if (cp >= 0x3030 && cp <= 0x303e) return 2;
  if (cp >= 0x3400 && cp <= 0x4dbf) return 2; // CJK Extension A
  if (cp >= 0x2010 && cp <= 0x2027) return 1; // dashes, quotes, ellipsis (ambiguous width: narrow, as string-width)
  // Latin-1, but the soft hyphen (invisible) and © ® (string-width counts them as emoji, two columns)
  if (cp >= 0xa0 && cp <= 0xff && cp !== 0xad && cp !== 0xa9 && cp !== 0xae) return 1;
  if (cp >= 0xffe0 && cp <= 0xffe6) return 2; // full-width signs (￥)
  return 0;
}

/** Display width of `s` when every character is simple; -1 otherwise. */
function simpleStringWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const x = simpleWidth(s.charCodeAt(i)); // a surrogate is never simple
    if (x === 0) return -1;
    w += x;
  }
  return w;
}

/** Terminal columns of `s`, as string-width counts them (CJK characters take two). */
export function displayWidth(s: string): number {
  if (s.length === 0) return 0;
  const w = simpleStringWidth(s);
  return w >= 0 ? w : stringWidth(s);
}

export interface Grapheme {
  segment: string;
  /** Offset in `s` (UTF-16 units). */
  index: number;
}

let segmenter: Intl.Segmenter | undefined;

/** The user-perceived characters of `s`, as Intl.Segmenter splits them. */
export function graphemes(s: string): Grapheme[] {
  if (simpleStringWidth(s) >= 0) return Array.from(s, (segment, index) => ({ segment, index }));
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (g) => ({ segment: g.segment, index: g.index }));
}

// ---------------------------------------------------------------------------------------------------------
// Wrapping by display width, only between words. cli-table3 wraps only at spaces, so cells are wrapped here and
// handed to it as lines. A "word" (a unit never broken while it fits the line) is: a run of one-column
// characters (a Latin word, a number, an id such as uc-2022-12-08), one CJK character, or a figure with its unit
// and hedge as the project's extractor reads it (超4.3万个, 20万余人次, 9月30日), or a span the caller names.
// Closing punctuation stays with the word before it and opening punctuation with the word after it.

export type Span = readonly [start: number, end: number];

export interface WrappedLine {
  text: string;
  /** [start, end) of the line in the original string (UTF-16 units). */
  start: number;
  end: number;
}

interface Token {
  start: number;
  end: number;
  width: number;
  space: boolean;
  /**
   * The hard words it is made of: punctuation glued to a word is a soft bond, broken only when the whole does not
   * fit on a line of its own; a figure, a list item or a Latin run is one piece.
   */
  pieces: Token[];
}

// Characters that must not begin a line / end a line (Chinese line-breaking rules).
const NO_START = /^[,.;:!?)\]}，。、；：？！）】》」』”’…·%％]/u;
const NO_END = /[(\[{（【《「『“‘]$/u;
const OPENING = /^[([{]$/;

const DATE = /(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月/y;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const HEDGES_BEFORE = ['超过', '将近', '不到', '不足', '超', '近', '约', '逾'];
const HEDGES_AFTER = ['左右', '以上', '余', '多'];

/**
 * Where the figures of `s` sit, each with its hedge, magnitude and unit as the extractor's tables read them
 * (超4.3万个, 近70亿元, 20万余人次, 30%, 9月30日, 2022年12月8日), so a wrap never breaks inside one.
 */
export function figureSpans(s: string): Span[] {
  const out: Span[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(s); m; m = NUMBER.exec(s)) {
    let start = m.index;
    let end = start + m[0].length;
    DATE.lastIndex = start;
    const date = DATE.exec(s);
    if (date) end = start + date[0].length;
    else {
      const before = HEDGES_BEFORE.find((h) => s.startsWith(h, start - h.length));
      if (before) start -= before.length;
      if (s[end] === '%' || s[end] === '％') end++;
      end += matchMagnitude(s, end, false)?.[0].length ?? 0;
      if (s[end] === '余' || s[end] === '多') end++;
      end += matchUnit(s, end)?.length ?? 0;
      end += HEDGES_AFTER.find((h) => s.startsWith(h, end))?.length ?? 0;
    }
    out.push([start, end]);
    NUMBER.lastIndex = Math.max(NUMBER.lastIndex, end);
  }
  return out;
}

/** Words of `s` (see above), spaces included, with `keep` spans and the figures of `s` each one word. */
function tokenize(s: string, keep: readonly Span[]): Token[] {
  const raw: Token[] = [];
  let narrowRun = false;
  for (const g of graphemes(s)) {
    const width = displayWidth(g.segment);
    const space = /^\s+$/.test(g.segment);
    const narrow = !space && width === 1;
    const last = raw[raw.length - 1];
    const end = g.index + g.segment.length;
    // An opening bracket starts a word of its own even after narrow characters: `)(` is two.
    if (last && ((narrow && narrowRun && !OPENING.test(g.segment)) || (space && last.space))) {
      last.end = end;
      last.width += width;
    } else {
      raw.push({ start: g.index, end, width, space, pieces: [] });
    }
    narrowRun = narrow;
  }
  const spans = [...keep, ...figureSpans(s)].filter(([a, b]) => a < b).sort((x, y) => x[0] - y[0]);
  const out: Token[] = [];
  let k = 0;
  for (const t of raw) {
    while (k < spans.length && spans[k]![1] <= t.start) k++;
    const prev = out[out.length - 1];
    // Inside one span (a figure, a list item), spaces included, the word goes on.
    const inSpan = prev !== undefined && k < spans.length && spans[k]![0] < t.end && prev.end > spans[k]![0];
    const soft = !inSpan && prev !== undefined && !prev.space && !t.space && (NO_START.test(s.slice(t.start, t.end)) || NO_END.test(s.slice(prev.start, prev.end)));
    if (inSpan || soft) {
      const last = prev!.pieces[prev!.pieces.length - 1]!;
      if (soft) prev!.pieces.push({ ...t, pieces: [] });
      else {
        last.end = t.end;
        last.width += t.width;
        last.space &&= t.space;
      }
      prev!.end = t.end;
      prev!.width += t.width;
      prev!.space &&= t.space;
    } else out.push({ ...t, pieces: [{ ...t, pieces: [] }] });
  }
  return out;
}

/** Lines of at most `width` display columns, broken only between words (see above); spaces at a break are dropped. A word wider than the line is cut. */
export function wrapText(s: string, width: number, keep: readonly Span[] = []): WrappedLine[] {
  const max = Math.max(1, width);
  const lines: WrappedLine[] = [];
  for (const [offset, para] of splitKeep(s)) {
    const before = lines.length;
    let cur: Token[] = [];
    let curWidth = 0;
    const flush = () => {
      while (cur.length && cur[cur.length - 1]!.space) cur.pop();
      if (cur.length) lines.push({ text: para.slice(cur[0]!.start, cur[cur.length - 1]!.end), start: offset + cur[0]!.start, end: offset + cur[cur.length - 1]!.end });
      cur = [];
      curWidth = 0;
    };
    const put = (t: Token) => {
      cur.push(t);
      curWidth += t.width;
    };
    const local = keep.map(([a, b]) => [a - offset, b - offset] as const).filter(([a, b]) => b > 0 && a < para.length);
    const place = (t: Token): void => {
      if (t.space) {
        if (cur.length && curWidth + t.width < max) put(t);
        else flush();
      } else if (curWidth + t.width <= max) put(t);
      else if (t.width <= max) {
        flush();
        put(t);
      } else if (t.pieces.length > 1) {
        for (const p of t.pieces) place(p); // break the soft bonds of punctuation before cutting a word
      } else {
        // A word wider than the line: cut it (only when the column could not be made wide enough).
        if (curWidth > 0) flush();
        for (const g of graphemes(para.slice(t.start, t.end))) {
          const gw = displayWidth(g.segment);
          if (curWidth + gw > max && curWidth > 0) flush();
          put({ start: t.start + g.index, end: t.start + g.index + g.segment.length, width: gw, space: false, pieces: [] });
        }
      }
    };
    for (const t of tokenize(para, local)) place(t);
    flush();
    if (lines.length === before) lines.push({ text: '', start: offset, end: offset }); // an empty line stays a line
  }
  return lines;
}

/** The widest hard word of `s` (see above): the narrowest width at which wrapText breaks nothing inside one. */
export function widestWord(s: string, keep: readonly Span[] = []): number {
  let w = 0;
  for (const [offset, para] of splitKeep(s)) {
    const local = keep.map(([a, b]) => [a - offset, b - offset] as const).filter(([a, b]) => b > 0 && a < para.length);
    for (const t of tokenize(para, local)) for (const p of t.pieces) if (!p.space && p.width > w) w = p.width;
  }
  return w;
}

/** The string's lines with their start offsets. */
function splitKeep(s: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  let at = 0;
  for (const part of s.split('\n')) {
    out.push([at, part]);
    at += part.length + 1;
  }
  return out;
}

/** Applies `style` to the parts of each line inside the ranges (offsets of the original string). */
export function highlightLines(lines: WrappedLine[], ranges: readonly Span[], style: (s: string) => string): string[] {
  return lines.map((l) => {
    let out = '';
    let at = l.start;
    const rs = ranges
      .map(([a, b]) => [Math.max(a, l.start), Math.min(b, l.end)] as const)
      .filter(([a, b]) => a < b)
      .sort((x, y) => x[0] - y[0]);
    for (const [a, b] of rs) {
      if (a < at) continue;
      out += l.text.slice(at - l.start, a - l.start) + style(l.text.slice(a - l.start, b - l.start));
      at = b;
    }
    return out + l.text.slice(at - l.start);
  });
}
