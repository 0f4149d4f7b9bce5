// Help text pieces (examples first, fields, exit codes) and the display-width wrapping commander's help uses:
// Chinese characters take two columns and a line of Chinese breaks between characters, not only at spaces.

import { stripVTControlCharacters } from 'node:util';
import type { Ctx } from './context.js';
import { displayWidth } from '../render/width.js';
import { wrapText } from '../render/width.js';

/**
 * Shown before the usage: help leads with examples. A function for commander's addHelpText, so that the text is
 * wrapped only when help is shown, not each time a command is built to run.
 */
export function examples(ctx: Ctx, lines: string[]): () => string {
  return () => exampleLines(ctx.t('help.examples'), lines, ctx.io.columns);
}

/** `Examples:` and one `  $ zibo …` line each, wrapped (between words) to `width`. */
export function exampleLines(heading: string, lines: string[], width: number): string {
  return `${heading}:\n${lines.map((l) => wrapHelp(`$ ${l}`, width - 2).replace(/^|\n/g, (m) => (m ? '\n    ' : '  '))).join('\n')}\n`;
}

export function fieldsHelp(ctx: Ctx, keys: string[]): () => string {
  return () => `\n${wrapHelp(`${ctx.t('help.fields')}: ${keys.join(', ')}`, ctx.io.columns)}\n`;
}

/** Terminal columns of help text (colour codes take none). */
export const helpWidth = (s: string): number => displayWidth(stripVTControlCharacters(s));

/** Help text wrapped to `width` display columns, each line on its own (commander's Help#boxWrap). */
export function wrapHelp(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (helpWidth(line) <= width) return line;
      const indent = /^ */.exec(line)![0];
      return wrapText(line.slice(indent.length), width - indent.length).map((l) => indent + l.text).join('\n');
    })
    .join('\n');
}
