// The pure core of `zibo extract`: every quantity of any Chinese news text, with the sentence it sits in.
import type { Qualifier } from './types.js';
import { parseQuantities, type QuantityKind } from './numbers.js';
import { matchMagnitude, matchUnit } from './units.js';

export interface ExtractedQuantity {
  /**
   * The figure as written, qualifier included. input.slice(...offset) === text, always: a figure cut from its unit
   * by a line break in pasted text (完工46⏎⏎个) is read across the break and its text keeps the break.
   */
  text: string;
  /** The sentence the figure sits in, verbatim (surrounding whitespace trimmed). */
  sentence: string;
  value: number | null;
  unit: string | null;
  qualifier: Qualifier;
  scaled: number | null;
  baseUnit: string | null;
  /** [start, end) of `text` in the whole input (UTF-16 indexes). */
  offset: [number, number];
  kind: QuantityKind;
  date: string | null;
  /** For ranges only: the upper value as written and scaled. */
  high?: number | null;
  highScaled?: number | null;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const TERMINATORS = '。！？；;!?';
const CLOSERS = '”’」』）)》"\'';
/** A line this long that ends without punctuation was cut by a hard wrap, not a paragraph end. */
const WRAPPED_LINE = 30;

/**
 * Sentences of `text`: they end at 。！？；; (with any closing quotes after them) and at paragraph breaks. A line
 * break after a long line that ends without punctuation is taken as a hard wrap inside the sentence.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) out.push({ text: body, start: start + lead, end: start + lead + body.length });
    start = end;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (TERMINATORS.includes(ch)) {
      let end = i + 1;
      while (end < text.length && CLOSERS.includes(text[end]!)) end++;
      push(end);
      i = end;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      let end = i;
      while (end < text.length && /\s/.test(text[end]!)) end++;
      if (!isHardWrap(text, start, i, end) && !isNumberCut(text, i, end)) push(i);
      i = end;
      continue;
    }
    i++;
  }
  push(text.length);
  return out;
}

function isHardWrap(text: string, sentenceStart: number, lineEnd: number, nextStart: number): boolean {
  const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
  const line = text.slice(Math.max(lineStart, sentenceStart), lineEnd).trim();
  const next = text[nextStart];
  if (next === undefined || next === '#' || line.startsWith('#')) return false;
  const last = line[line.length - 1] ?? '';
  return text.slice(lineStart, lineEnd).trim().length >= WRAPPED_LINE && /[\p{L}\p{N}]/u.test(last);
}

/**
 * A figure cut from its unit by line breaks (blank lines included), as page breaks leave it in pasted text:
 * the line ends in an Arabic digit, the next text line starts with a unit, a magnitude or %, and neither line is a
 * heading, a bare number or a label (表1, 附件2). `lineEnd` is the first line break, `nextStart` the first
 * character after the breaks.
 */
export function isNumberCut(text: string, lineEnd: number, nextStart: number): boolean {
  let last = lineEnd - 1;
  while (last >= 0 && (text[last] === ' ' || text[last] === '\t')) last--;
  const ch = text[last];
  if (ch === undefined || ch < '0' || ch > '9' || nextStart >= text.length || text[nextStart] === '#') return false;
  const lineStart = text.lastIndexOf('\n', last) + 1;
  const line = text.slice(lineStart, last + 1);
  if (line.startsWith('#') || (line.match(/\p{Script=Han}/gu) ?? []).length < 2) return false;
  if (/(?:表|图|圖|附件|第|注|号|號)\s*[0-9.]+$/.test(line)) return false; // 表1, 附件2: a label, not a figure
  return text[nextStart] === '%' || matchUnit(text, nextStart) !== null || matchMagnitude(text, nextStart, false) !== null;
}

/** `sentence` without the line breaks that cut figures, and for each of its characters the index in `sentence`. */
function joinCuts(sentence: string): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < sentence.length; i++) {
    if (sentence[i] === '\n' || sentence[i] === '\r') {
      let lineEnd = i;
      while (lineEnd > 0 && (sentence[lineEnd - 1] === ' ' || sentence[lineEnd - 1] === '\t')) lineEnd--;
      let next = i;
      while (next < sentence.length && /\s/.test(sentence[next]!)) next++;
      if (isNumberCut(sentence, i, next)) {
        text = text.slice(0, text.length - (i - lineEnd)); // trailing spaces of the cut line
        at.length = text.length;
        i = next - 1;
        continue;
      }
    }
    text += sentence[i];
    at.push(i);
  }
  at.push(sentence.length);
  return { text, at };
}

/** Every quantity of `text` with its sentence. Never throws; an empty or non-string input gives []. */
export function extractQuantities(text: string, opts: { year?: number } = {}): ExtractedQuantity[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const out: ExtractedQuantity[] = [];
  for (const sentence of splitSentences(text)) {
    const joined = joinCuts(sentence.text);
    for (const q of parseQuantities(joined.text, opts)) {
      const start = sentence.start + joined.at[q.start]!;
      const end = sentence.start + joined.at[q.end - 1]! + 1;
      const item: ExtractedQuantity = {
        text: text.slice(start, end),
        sentence: sentence.text,
        value: q.value,
        unit: q.unit,
        qualifier: q.qualifier,
        scaled: q.scaled,
        baseUnit: q.baseUnit,
        offset: [start, end],
        kind: q.kind,
        date: q.date,
      };
      if (q.kind === 'range') {
        item.high = q.high ?? null;
        item.highScaled = q.highScaled ?? null;
      }
      out.push(item);
    }
  }
  return out;
}
