// CSV (RFC 4180): a header row of field names, CRLF-free "\n" line ends, fields quoted when they hold a comma,
// quote, CR or LF, quotes doubled. Every row has the same number of fields. Text is sanitised (tabs and line
// breaks kept inside quotes), as CSV is often looked at on a terminal.

import type { Renderer } from './types.js';
import { safeCellText, valueOf } from './types.js';

export function quoteCsv(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const renderCsv: Renderer = (result, ctx) => {
  const line = (cells: string[]) => cells.map(quoteCsv).join(',') + '\n';
  return (
    line(result.columns.map((c) => c.key)) +
    result.rows.map((row) => line(result.columns.map((c) => safeCellText(valueOf(c, row, ctx), ';', false)))).join('')
  );
};
