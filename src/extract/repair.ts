// Repairs the conversion defects of a release text (SPEC.md §2) by rule, never by hand-editing:
// - a sentence cut by a blank line mid-sentence (a page break) is joined again;
// - one heading split over two `##` lines is merged into one;
// - a heading that lost its `##` marker gets it back.
// Every change is recorded as an edit on the raw text, so a test can prove the repaired text differs from
// the raw one only where a rule says so.

export type RepairRule = 'join-page-break' | 'merge-split-heading' | 'mark-bare-heading';

export interface RepairEdit {
  rule: RepairRule;
  /** [start, end) of the replaced part in the raw text. */
  rawStart: number;
  rawEnd: number;
  before: string;
  after: string;
}

export interface Repaired {
  text: string;
  edits: RepairEdit[];
}

interface RawBlock {
  text: string;
  start: number;
  end: number;
}

/** Characters that may end a complete paragraph. */
const PARAGRAPH_END = /[。！？!?…”」』）)]$/;
/** Punctuation that shows a line stops in mid-sentence. */
const MID_SENTENCE_END = /[、,，;；:：“《(（]$/;
/** Headings are short and have at most one comma (`夯实数字基建,筑牢互联互通安全底座`). */
const BARE_HEADING_MAX = 24;

function rawBlocks(raw: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    if (m[0].trim()) blocks.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return blocks;
}

const isHeading = (b: RawBlock) => b.text.startsWith('#');
const headingLevel = (b: RawBlock) => /^#+/.exec(b.text)?.[0].length ?? 0;

/** A short line with no sentence punctuation at its end, standing between whole paragraphs: a heading without `##`. */
function isBareHeading(prev: RawBlock | undefined, b: RawBlock, next: RawBlock | undefined): boolean {
  if (isHeading(b) || !prev || !next || isHeading(next)) return false;
  if (b.text.length > BARE_HEADING_MAX || b.text.includes('\n') || /[。！？；;]/.test(b.text)) return false;
  if ((b.text.match(/[,，]/g) ?? []).length > 1) return false;
  if (PARAGRAPH_END.test(b.text) || MID_SENTENCE_END.test(b.text)) return false;
  return isHeading(prev) || PARAGRAPH_END.test(prev.text);
}

/** A paragraph that stops mid-sentence and is continued by the next block. */
function isCutParagraph(b: RawBlock, next: RawBlock | undefined, bareHeading: boolean): boolean {
  return !bareHeading && !isHeading(b) && !!next && !isHeading(next) && !PARAGRAPH_END.test(b.text);
}

export function findRepairs(raw: string): RepairEdit[] {
  const blocks = rawBlocks(raw);
  const edits: RepairEdit[] = [];
  blocks.forEach((b, i) => {
    const prev = blocks[i - 1];
    const next = blocks[i + 1];
    const bare = isBareHeading(prev, b, next);
    if (bare) {
      edits.push({ rule: 'mark-bare-heading', rawStart: b.start, rawEnd: b.start, before: '', after: '## ' });
    } else if (next && isHeading(b) && isHeading(next) && headingLevel(b) === headingLevel(next) && headingLevel(b) > 1) {
      // `## 加强顶层设计` + `## 制度体系保障有力`: the other headings join their two phrases with a space.
      const prefixEnd = next.start + headingLevel(next) + 1;
      edits.push({ rule: 'merge-split-heading', rawStart: b.end, rawEnd: prefixEnd, before: raw.slice(b.end, prefixEnd), after: ' ' });
    } else if (next && isCutParagraph(b, next, bare)) {
      edits.push({ rule: 'join-page-break', rawStart: b.end, rawEnd: next.start, before: raw.slice(b.end, next.start), after: '' });
    }
  });
  return edits;
}

/** Applies edits (sorted by position, non-overlapping) to a raw text. */
export function applyEdits(raw: string, edits: readonly RepairEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.rawStart - b.rawStart)) {
    out += raw.slice(at, e.rawStart) + e.after;
    at = e.rawEnd;
  }
  return out + raw.slice(at);
}

/** Repairs a release text and trims the blank lines around it. */
export function repairText(raw: string): Repaired {
  const edits = findRepairs(raw);
  return { text: applyEdits(raw, edits).trim(), edits };
}
