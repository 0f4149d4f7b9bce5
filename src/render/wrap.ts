// Wrapping by display width (CJK characters take two columns). cli-table3 wraps only at spaces, so cells are
// wrapped here and handed to it as text with '\n'.

import { displayWidth as stringWidth, graphemes } from './width.js';

export interface WrappedLine {
  text: string;
  /** [start, end) of the line in the original string (UTF-16 units). */
  start: number;
  end: number;
}

interface Token {
  text: string;
  start: number;
  width: number;
  space: boolean;
  /** A run of one-column characters (a Latin word or number): kept together when possible. */
  narrow: boolean;
}

/** Words of narrow characters stay together; each wide character is a token of its own; spaces are tokens. */
function tokenize(s: string): Token[] {
  const out: Token[] = [];
  for (const g of graphemes(s)) {
    const width = stringWidth(g.segment);
    const space = /^\s+$/.test(g.segment);
    const narrow = !space && width === 1;
    const last = out[out.length - 1];
    if (last && ((narrow && last.narrow) || (space && last.space))) {
      last.text += g.segment;
      last.width += width;
    } else {
      out.push({ text: g.segment, start: g.index, width, space, narrow });
    }
  }
  return out;
}

// Characters that must not begin a line (Chinese line-breaking rules): closing punctuation and marks.
const NO_START = /^[,.;:!?)\]}，。、；：？！）】》」』”’…·%]/u;

/** Lines of at most `width` display columns. Spaces at a break are dropped; overlong words are cut. */
export function wrapText(s: string, width: number): WrappedLine[] {
  const max = Math.max(1, width);
  const lines: WrappedLine[] = [];
  for (const [offset, para] of splitKeep(s)) {
    const before = lines.length;
    let cur: Token[] = [];
    let curWidth = 0;
    const flush = () => {
      while (cur.length && cur[cur.length - 1]!.space) cur.pop();
      if (cur.length) lines.push(toLine(cur, offset));
      cur = [];
      curWidth = 0;
    };
    const put = (t: Token) => {
      cur.push(t);
      curWidth += t.width;
    };
    for (const t of tokenize(para)) {
      if (t.space) {
        if (cur.length && curWidth + t.width < max) put(t);
        else flush();
        continue;
      }
      if (curWidth + t.width <= max) { put(t); continue; }
      if (t.width <= max) {
        // Keep closing punctuation off the start of a line: take the character before it along.
        const last = cur[cur.length - 1];
        const carry = NO_START.test(t.text) && cur.length > 1 && last && !last.space && last.width + t.width <= max ? cur.pop() : undefined;
        flush();
        if (carry) put(carry);
        put(t);
        continue;
      }
      for (const g of graphemes(t.text)) { // a word longer than the line: cut it
        const gw = stringWidth(g.segment);
        if (curWidth + gw > max) flush();
        put({ text: g.segment, start: t.start + g.index, width: gw, space: false, narrow: gw === 1 });
      }
    }
    flush();
    if (lines.length === before) lines.push({ text: '', start: offset, end: offset }); // an empty line stays a line
  }
  return lines;
}

function toLine(tokens: Token[], offset: number): WrappedLine {
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  return { text: tokens.map((t) => t.text).join(''), start: offset + first.start, end: offset + last.start + last.text.length };
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
export function highlightLines(lines: WrappedLine[], ranges: Array<[number, number]>, style: (s: string) => string): string[] {
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

export { stringWidth };
