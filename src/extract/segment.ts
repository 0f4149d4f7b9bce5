// Splits a repaired release text into blocks (title, headings, paragraphs), sentences and clauses.
// The text mixes ASCII `,;()` with Chinese `。、“”`, and commas also occur inside quoted names and book
// titles (《…落实对标浙江,加快推进…》), so splitting tracks bracket depth and never cuts inside a pair.

export interface Span {
  text: string;
  /** [start, end) in the release text. */
  start: number;
  end: number;
}

export type BlockKind = 'title' | 'heading' | 'paragraph';

export interface Block extends Span {
  kind: BlockKind;
  /** The heading this block sits under ('' before the first heading). */
  section: string;
}

const OPENERS = '“‘《（(「『【〈';
const CLOSERS = '”’》）)」』】〉';
/** Sentence ends. Semicolons end a sentence too: the releases chain independent statements with them. */
const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '；', ';']);
const CLAUSE_END = new Set([',', '，', ':', '：']);

export function blocks(text: string): Block[] {
  const out: Block[] = [];
  let section = '';
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = m[0];
    const marker = /^(#+)\s*/.exec(line);
    if (!marker) {
      out.push({ kind: 'paragraph', text: line, start: m.index, end: m.index + line.length, section });
      continue;
    }
    const start = m.index + marker[0].length;
    const heading = line.slice(marker[0].length);
    const kind: BlockKind = marker[1]!.length === 1 ? 'title' : 'heading';
    if (kind === 'heading') section = heading;
    out.push({ kind, text: heading, start, end: start + heading.length, section });
  }
  return out;
}

/** Splits a span where `isEnd` says, outside brackets and quotes; the delimiter stays with the left part if `keep`. */
function split(span: Span, isEnd: (ch: string) => boolean, keep: boolean): Span[] {
  const parts: Span[] = [];
  let depth = 0;
  let from = 0;
  const push = (to: number, next: number) => {
    const raw = span.text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) parts.push({ text, start: span.start + from + lead, end: span.start + from + lead + text.length });
    from = next;
  };
  for (let i = 0; i < span.text.length; i++) {
    const ch = span.text[i]!;
    if (OPENERS.includes(ch)) depth++;
    else if (CLOSERS.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && isEnd(ch)) push(keep ? i + 1 : i, i + 1);
  }
  push(span.text.length, span.text.length);
  return parts;
}

export function sentences(paragraph: Span): Span[] {
  return split(paragraph, (ch) => SENTENCE_END.has(ch), true);
}

/** Clauses of a sentence, without their closing punctuation (`,` `;` `。` …). */
export function clauses(sentence: Span): Span[] {
  return split(sentence, (ch) => CLAUSE_END.has(ch) || SENTENCE_END.has(ch), false);
}
