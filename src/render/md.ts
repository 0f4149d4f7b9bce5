// Markdown: a GitHub table with localised headers. `|` and `\` are escaped; line breaks become <br>.

import type { Renderer } from './types.js';
import { cellText } from './types.js';

export function escapeMd(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export const renderMd: Renderer = (result, ctx) => {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |\n`;
  const head = line(result.columns.map((c) => escapeMd(c.header[ctx.lang])));
  const sep = line(result.columns.map(() => '---'));
  return head + sep + result.rows.map((row) => line(result.columns.map((c) => escapeMd(cellText(row[c.key], ', '))))).join('');
};
