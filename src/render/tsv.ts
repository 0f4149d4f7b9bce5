// TSV: one record per line, no header (as gh prints when piped: `cut -f` and `awk` need no skipping), values
// escaped so that a record is always one line: \\ \t \n \r. Other control characters and bidi overrides are
// shown as escapes by the sanitiser (a pipe often ends on a terminal).

import type { Renderer } from './types.js';
import { cellText, valueOf } from './types.js';
import { sanitize } from './sanitize.js';

export function escapeTsv(s: string): string {
  return sanitize(s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
}

export const renderTsv: Renderer = (result, ctx) =>
  result.rows.map((row) => result.columns.map((c) => escapeTsv(cellText(valueOf(c, row, ctx), ','))).join('\t') + '\n').join('');
