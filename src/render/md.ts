// Markdown: a GitHub table with localised headers. `|` and `\` are escaped; line breaks become <br>; text from the
// data is sanitised.

import type { Renderer } from './types.js';
import { cellText, valueOf } from './types.js';
import { sanitize } from './sanitize.js';

export function escapeMd(s: string): string {
  return sanitize(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export const renderMd: Renderer = (result, ctx) => {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |\n`;
  const head = line(result.columns.map((c) => escapeMd(c.header[ctx.lang])));
  const sep = line(result.columns.map(() => '---'));
  return head + sep + result.rows.map((row) => line(result.columns.map((c) => escapeMd(cellText(valueOf(c, row, ctx), ', '))))).join('');
};
