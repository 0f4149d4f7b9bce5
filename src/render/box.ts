// Draws a bordered table exactly as cli-table3 0.6.5 draws ours (default characters, one space of padding,
// `colWidths` fixed, no word wrap, no colour of its own, a rule between rows), for the case that covers zibo's
// data: every cell line fits its column and holds only simple characters (see width.ts) plus SGR colour codes
// that are closed on the same line. drawBox returns null for anything else, and the caller uses cli-table3.
//
// Why: loading cli-table3 (with @colors/colors and string-width@4) and its toString cost ~6 ms of the ~9 ms a
// terminal `zibo facts` spends beyond the piped one (BENCHMARKS.md). test/render/box.test.ts compares both outputs.

import { simpleWidth } from './width.js';

export type Align = 'left' | 'right';

const SGR = /\u001b\[(?:\d*;){0,5}\d*m/g; // what cli-table3 strips before measuring

/** Display width of a line without its colour codes; -1 when a character is not simple or a code is unusual. */
function lineWidth(line: string): number {
  const plain = line.includes('\u001b') ? line.replace(SGR, '') : line;
  let w = 0;
  for (let i = 0; i < plain.length; i++) {
    const x = simpleWidth(plain.charCodeAt(i));
    if (x === 0) return -1;
    w += x;
  }
  return w;
}

/** SGR codes that cli-table3 tracks across lines; a line that leaves one open would be changed by it. */
const OPENS: Record<string, string> = { '1': '22', '3': '23', '4': '24', '7': '27', '9': '29' };

/** Whether every style a line opens is closed again on it (then cli-table3 leaves the line as it is). */
function balanced(line: string): boolean {
  if (!line.includes('\u001b')) return true;
  const open = new Set<string>();
  let fg = '39';
  let bg = '49';
  for (const m of line.matchAll(/\u001b\[((?:\d*;){0,5}\d*)m/g)) {
    const code = m[1]!;
    if (!/^\d+$/.test(code)) return false; // compound codes: leave them to cli-table3
    const n = Number(code);
    if ((n >= 30 && n <= 39) || (n >= 90 && n <= 97)) fg = code;
    else if ((n >= 40 && n <= 49) || (n >= 100 && n <= 107)) bg = code;
    else if (n === 0) return false;
    else if (OPENS[code]) open.add(code);
    else if (Object.values(OPENS).includes(code)) for (const [o, c] of Object.entries(OPENS)) if (c === code) open.delete(o);
  }
  return open.size === 0 && fg === '39' && bg === '49';
}

/**
 * The table, or null when cli-table3 must draw it. `rows[0]` is the header; a cell's lines are separated by
 * '\n'; `colWidths` include the padding.
 */
export function drawBox(rows: string[][], colWidths: number[], aligns: Align[]): string | null {
  const n = colWidths.length;
  if (n === 0 || rows.length === 0 || rows.some((r) => r.length !== n) || colWidths.some((w) => w < 2)) return null;
  const cells = rows.map((r) => r.map((c) => c.split('\n')));
  const out: string[] = [];
  const rule = (l: string, m: string, r: string) => l + colWidths.map((w) => '─'.repeat(w)).join(m) + r;
  for (let y = 0; y < cells.length; y++) {
    out.push(y === 0 ? rule('┌', '┬', '┐') : rule('├', '┼', '┤'));
    const row = cells[y]!;
    const height = Math.max(...row.map((lines) => lines.length));
    for (let k = 0; k < height; k++) {
      let line = '│';
      for (let x = 0; x < n; x++) {
        const text = row[x]![k];
        const inner = colWidths[x]! - 2;
        if (text === undefined) {
          line += ' '.repeat(colWidths[x]!) + '│';
          continue;
        }
        const w = lineWidth(text);
        if (w < 0 || w > inner || !balanced(text)) return null;
        const pad = ' '.repeat(inner - w);
        line += ' ' + (aligns[x] === 'right' ? pad + text : text + pad) + ' │';
      }
      out.push(line);
    }
  }
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
