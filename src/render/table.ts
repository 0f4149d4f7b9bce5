// The terminal table: widths, wrapping (by display width, CJK-aware) and colour are decided here, so every line
// fits `ctx.width` and no escape code appears unless colour is on. The borders are cli-table3's: drawn by box.ts
// exactly as cli-table3 draws them when every cell is plain text that fits (always, for zibo's data), else by
// cli-table3 itself, loaded only then (it costs ~6 ms of start-up; BENCHMARKS.md).

import type { Column, RenderContext, Result, Row } from './types.js';
import { drawBox, type Align } from './box.js';
import { cellText } from './types.js';
import { fitWidths } from './layout.js';
import { highlightLines, stringWidth, wrapText } from './wrap.js';
import { createStyle } from './style.js';

const PAD = 2; // one space each side, as cli-table3 pads

function naturalWidth(s: string): number {
  return Math.max(0, ...s.split('\n').map((l) => stringWidth(l)));
}

/** Columns that fit, dropping columns from the right when even their minimum widths do not. */
function layout(result: Result, texts: string[][], heads: string[], width: number): { cols: number[]; widths: number[] } {
  let cols = result.columns.map((_, i) => i);
  while (cols.length > 0) {
    const needs = cols.map((i) => {
      const c = result.columns[i]!;
      const natural = Math.max(naturalWidth(heads[i]!), ...texts.map((row) => naturalWidth(row[i]!)));
      const capped = c.maxWidth ? Math.min(natural, c.maxWidth) : natural;
      return { natural: capped, min: c.minWidth ?? (c.wrap ? 10 : 4), wrap: c.wrap === true };
    });
    const available = width - (cols.length + 1) - PAD * cols.length; // borders and padding
    const widths = available > 0 ? fitWidths(needs, available) : null;
    if (widths) return { cols, widths };
    if (cols.length === 1) return { cols, widths: [Math.max(2, available)] };
    cols = cols.slice(0, -1);
  }
  return { cols: [], widths: [] };
}

function cell(text: string, width: number, ranges: Array<[number, number]>, style: (s: string) => string): string {
  return highlightLines(wrapText(text, width), ranges, style).join('\n');
}

export async function renderTable(result: Result, ctx: RenderContext): Promise<string> {
  const style = createStyle(ctx.color);
  const heads = result.columns.map((c) => c.header[ctx.lang]);
  // List cells (topics) put one item per line, so a wrap never breaks inside a name.
  const texts = result.rows.map((row) => result.columns.map((c) => cellText(row[c.key], '\n')));
  const { cols, widths } = layout(result, texts, heads, ctx.width);
  if (cols.length === 0) return '';
  const head = cols.map((i, k) => cell(heads[i]!, widths[k]!, [[0, heads[i]!.length]], style.header));
  const body = result.rows.map((row: Row, r) =>
    cols.map((i, k) => {
      const c: Column = result.columns[i]!;
      const text = texts[r]![i]!;
      if (c.emphasis) return cell(text, widths[k]!, [[0, text.length]], style.figure);
      if (c.key === 'id') return cell(text, widths[k]!, [[0, text.length]], style.id);
      return cell(text, widths[k]!, c.highlight ? c.highlight(row) : [], style.figure);
    }),
  );
  const colWidths = widths.map((w) => w + PAD);
  const colAligns: Align[] = cols.map((i) => result.columns[i]!.align ?? 'left');
  const drawn = drawBox([head, ...body], colWidths, colAligns);
  if (drawn !== null) return drawn + '\n';
  const Table = (await import('cli-table3')).default;
  const table = new Table({
    head,
    colWidths,
    colAligns,
    wordWrap: false,
    // Empty styles: cli-table3's own colouring (@colors/colors) ignores our decision, so it is never used.
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  table.push(...body);
  return table.toString() + '\n';
}
