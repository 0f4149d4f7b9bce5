// TSV: one record per line, no header (as gh prints when piped: `cut -f` and `awk` need no skipping), values
// escaped so that a record is always one line: \\ \t \n \r.

import type { Renderer } from './types.js';
import { cellText } from './types.js';

export function escapeTsv(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export const renderTsv: Renderer = (result) =>
  result.rows.map((row) => result.columns.map((c) => escapeTsv(cellText(row[c.key], ','))).join('\t') + '\n').join('');
