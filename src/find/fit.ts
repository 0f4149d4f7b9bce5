// Fitting text from data into terminal columns for the finder: sanitised, measured in display width, cut with an
// ASCII ellipsis, never left for the terminal to wrap. East Asian "ambiguous" characters (“ ” … · ①) are counted
// as two columns here: a terminal set to "ambiguous = wide" draws them so, and a line counted that way can never
// wrap in either setting (in a narrow one it is at most a column or two short).

import stringWidth from 'string-width';
import { graphemes, simpleWidth } from '../render/width.js';
import { sanitize } from '../render/sanitize.js';

export const ELLIPSIS = '...';

/** Ranges of the simple characters that are East Asian ambiguous (string-width decides those). */
const maybeAmbiguous = (cp: number) => (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0xa0 && cp <= 0xff);

/** The most columns a grapheme can take on any terminal. */
export function safeWidth(segment: string): number {
  if (segment.length === 1) {
    const cp = segment.charCodeAt(0);
    const w = simpleWidth(cp);
    if (w > 0 && !maybeAmbiguous(cp)) return w;
  }
  return stringWidth(segment, { ambiguousIsNarrow: false });
}

/** Columns of `s` counted as safeWidth counts them. */
export function columnsOf(s: string): number {
  let w = 0;
  for (const g of graphemes(s)) w += safeWidth(g.segment);
  return w;
}

export interface Cut {
  /** The part of the text kept (without the ellipsis). */
  text: string;
  /** Whether anything was dropped (the caller adds ELLIPSIS). */
  cut: boolean;
  /** Columns taken by `text` (plus the ellipsis when cut). */
  width: number;
}

/** The longest start of `s` that fits in `width` columns, leaving room for the ellipsis when it must cut. */
export function cutTo(s: string, width: number): Cut {
  const gs = graphemes(s);
  let w = 0;
  let end = 0;
  for (const g of gs) {
    const gw = safeWidth(g.segment);
    if (w + gw > width) break;
    w += gw;
    end = g.index + g.segment.length;
  }
  if (end >= s.length) return { text: s, cut: false, width: w };
  const room = Math.max(0, width - ELLIPSIS.length);
  w = 0;
  end = 0;
  for (const g of gs) {
    const gw = safeWidth(g.segment);
    if (w + gw > room) break;
    w += gw;
    end = g.index + g.segment.length;
  }
  return { text: s.slice(0, end), cut: true, width: w + Math.min(width, ELLIPSIS.length) };
}

/** Text from data made one safe line: controls shown escaped, runs of whitespace as one space. */
export function oneLine(s: string): string {
  return sanitize(s.replace(/[\t\n\r]+/g, ' '), { oneLine: true });
}

/**
 * `s` (already safe) cut to `width` columns and padded with spaces to exactly `width` when `pad`; the parts inside
 * `ranges` go through `mark` (colour), applied after cutting so escape codes never count as width.
 */
export function fit(s: string, width: number, opts: { pad?: boolean; ranges?: Array<[number, number]>; mark?: (s: string) => string } = {}): string {
  if (width <= 0) return '';
  const c = cutTo(s, width);
  let out = c.text;
  if (opts.mark && opts.ranges?.length) out = markRanges(c.text, opts.ranges, opts.mark);
  if (c.cut) out += ELLIPSIS.slice(0, width);
  if (opts.pad && c.width < width) out += ' '.repeat(width - c.width);
  return out;
}

function markRanges(s: string, ranges: Array<[number, number]>, mark: (s: string) => string): string {
  let out = '';
  let at = 0;
  for (const [a0, b0] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const a = Math.max(a0, at);
    const b = Math.min(b0, s.length);
    if (a >= b) continue;
    out += s.slice(at, a) + mark(s.slice(a, b));
    at = b;
  }
  return out + s.slice(at);
}
