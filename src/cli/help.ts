// Help text pieces: examples first, fields, exit codes.

import type { Ctx } from './context.js';

/** Shown before the usage: help leads with examples. */
export function examples(ctx: Ctx, lines: string[]): string {
  return `${ctx.t('help.examples')}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export function fieldsHelp(ctx: Ctx, keys: string[]): string {
  return `\n${ctx.t('help.fields')}: ${keys.join(', ')}\n`;
}
