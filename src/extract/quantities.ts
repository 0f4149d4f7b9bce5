// The pure core of `zibo extract`: every quantity of any Chinese news text, with the sentence it sits in.
import type { Qualifier } from '../core/types.js';
import { parseQuantities, type QuantityKind } from './numbers.js';

export interface ExtractedQuantity {
  /** The figure as written, qualifier included. input.slice(...offset) === text. */
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
      if (!isHardWrap(text, start, i, end)) push(i);
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

/** Every quantity of `text` with its sentence. Never throws; an empty or non-string input gives []. */
export function extractQuantities(text: string, opts: { year?: number } = {}): ExtractedQuantity[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const out: ExtractedQuantity[] = [];
  for (const sentence of splitSentences(text)) {
    for (const q of parseQuantities(sentence.text, opts)) {
      const item: ExtractedQuantity = {
        text: q.text,
        sentence: sentence.text,
        value: q.value,
        unit: q.unit,
        qualifier: q.qualifier,
        scaled: q.scaled,
        baseUnit: q.baseUnit,
        offset: [sentence.start + q.start, sentence.start + q.end],
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
