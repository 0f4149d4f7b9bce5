// The terminal table. Widths and wrapping (by display width, only between words) and colour (chalk, at the level
// io.ts decided) are decided here; cli-table3 draws it. This module is loaded only when a table is drawn (see
// index.ts), so a pipe never loads cli-table3 or chalk.
//
// Fitting: a list item (a topic, an alias), an id, a name, a figure with its unit is never broken. Prose columns
// (Column.wrap) wrap between words and shrink first; when even the narrowest layout does not fit, columns are
// left out (lowest Column.priority first, then from the right) and the caller is told once
// (RenderContext.dropped), so it can say so on stderr. All text from the data is sanitised first.

import Table from 'cli-table3';
import type { Column, RenderContext, Result, Row } from './types.js';
import { safeCellText, safeRow, valueOf } from './types.js';
import { fitWidths, type ColumnNeeds } from './layout.js';
import { displayWidth, highlightLines, widestWord, wrapText, type Span } from './width.js';
import { paint } from './paint.js';
import { sanitize } from './sanitize.js';

const PAD = 2; // one space each side, as cli-table3 pads
/** A prose word wider than this (a long URL) may be cut rather than take the whole table. */
const PROSE_WORD_CAP = 24;

interface Cell {
  text: string;
  /** Spans that must stay on one line: each list item, or the whole value of a non-prose column. */
  keep: Span[];
  /** Spans to colour as figures. */
  marks: Span[];
  /** Prose: may wrap between words; otherwise each line (list item) stays whole. */
  prose: boolean;
}

/** Spans of the lines of `s` (a list cell holds one item a line). */
function lineSpans(s: string): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const line of s.split('\n')) {
    out.push([at, at + line.length]);
    at += line.length + 1;
  }
  return out;
}

const widestLine = (s: string) => Math.max(0, ...s.split('\n').map(displayWidth));

function prepare(c: Column, row: Row, safe: Row, ctx: RenderContext): Cell {
  const value = valueOf(c, row, ctx);
  const text = safeCellText(value, '\n', true);
  const prose = c.wrap === true;
  const marks: Span[] = c.emphasis ? [[0, text.length]] : c.highlight ? c.highlight(safe) : [];
  return { text, keep: prose ? marks : lineSpans(text), marks, prose };
}

function needs(c: Column, head: string, cells: Cell[]): ColumnNeeds {
  let natural = displayWidth(head);
  let min = widestWord(head);
  for (const cell of cells) {
    natural = Math.max(natural, widestLine(cell.text));
    const word = widestWord(cell.text, cell.keep);
    min = Math.max(min, cell.prose ? Math.min(word, PROSE_WORD_CAP) : word);
  }
  if (c.wrap && c.maxWidth) natural = Math.max(min, Math.min(natural, c.maxWidth));
  if (c.minWidth) min = Math.max(min, Math.min(natural, c.minWidth));
  return { natural, min, wrap: c.wrap === true };
}

/**
 * The columns shown and their content widths: prose shrinks first; then a column that could not fit even beside
 * the first alone is left out, then the column of lowest priority (the rightmost of those). The first stays.
 */
function layout(all: ColumnNeeds[], priority: number[], width: number): { cols: number[]; widths: number[] } {
  const alone = (i: number) => all[0]!.min + all[i]!.min + 3 + 2 * PAD <= width;
  const cols = all.map((_, i) => i).filter((i) => i === 0 || alone(i));
  for (;;) {
    const available = width - (cols.length + 1) - PAD * cols.length; // borders and padding
    const widths = available > 0 ? fitWidths(cols.map((i) => all[i]!), available) : null;
    if (widths) return { cols, widths };
    if (cols.length === 1) return { cols, widths: [Math.max(1, available)] };
    let victim = 1;
    for (let k = 2; k < cols.length; k++) if (priority[cols[k]!]! <= priority[cols[victim]!]!) victim = k;
    cols.splice(victim, 1);
  }
}

export async function renderTable(result: Result, ctx: RenderContext): Promise<string> {
  const style = paint(ctx);
  const heads = result.columns.map((c) => sanitize(c.header[ctx.lang], { oneLine: true }));
  const cells = result.rows.map((row) => {
    const safe = safeRow(row);
    return result.columns.map((c) => prepare(c, row, safe, ctx));
  });
  const { cols, widths } = layout(
    result.columns.map((c, i) => needs(c, heads[i]!, cells.map((r) => r[i]!))),
    result.columns.map((c) => c.priority ?? 0),
    ctx.width,
  );
  const dropped = heads.filter((_, i) => !cols.includes(i));
  if (dropped.length) ctx.dropped?.(dropped);
  const draw = (cell: Cell, w: number, colour: (s: string) => string) =>
    highlightLines(wrapText(cell.text, w, cell.keep), cell.marks, colour).join('\n');
  const head = cols.map((i, k) => draw({ text: heads[i]!, keep: [], marks: [[0, heads[i]!.length]], prose: true }, widths[k]!, style.header));
  const body = cells.map((row) =>
    cols.map((i, k) => {
      const c = result.columns[i]!;
      const cell = c.key === 'id' && !c.emphasis ? { ...row[i]!, marks: [[0, row[i]!.text.length] as Span] } : row[i]!;
      return draw(cell, widths[k]!, c.key === 'id' && !c.emphasis ? style.id : style.figure);
    }),
  );
  const table = new Table({
    head,
    colWidths: widths.map((w) => w + PAD),
    colAligns: cols.map((i) => result.columns[i]!.align ?? 'left'),
    wordWrap: false,
    // cli-table3 would colour the header and borders itself (through @colors/colors, ignoring our decision):
    // empty styles, so that every colour is chalk's.
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  table.push(...body);
  return table.toString() + '\n';
}
