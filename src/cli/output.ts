// Output flags shared by every command that prints data: --json, --format, --fields.

import type { Command } from 'commander';
import { FORMATS, renderers, type Column, type Format, type Row } from '../render/index.js';
import { LookupError, suggest } from '../core/suggest.js';
import { wrapHelp } from './help.js';
import { UsageError } from './errors.js';
import type { Ctx } from './context.js';
import { writePaged } from './pager.js';

export interface OutputFlags {
  json?: boolean;
  format?: string;
  fields?: string;
  /** false with --no-pager. */
  pager?: boolean;
}

export function addOutputOptions(cmd: Command, ctx: Ctx): Command {
  return cmd
    .option('-j, --json', ctx.t('opt.json'))
    .option('--format <format>', ctx.t('opt.format'))
    .option('-f, --fields <list>', ctx.t('opt.fields'))
    .option('--no-pager', ctx.t('opt.noPager'));
}

/** Runs whose output must not be paged (--no-pager), noted by resolveFormat, which every command calls first. */
const unpaged = new WeakSet<Ctx>();

/** Pages nothing more for this run (--no-pager; a global flag can call this). */
export function disablePager(ctx: Ctx): void {
  unpaged.add(ctx);
}

/** The format asked for, else table on a terminal and tsv in a pipe. */
export function resolveFormat(flags: OutputFlags, ctx: Ctx): Format {
  if (flags.pager === false) disablePager(ctx);
  if (flags.format !== undefined) {
    const f = flags.format.trim().toLowerCase();
    if (!(FORMATS as readonly string[]).includes(f)) {
      throw new LookupError('format', flags.format, FORMATS, suggest(f, FORMATS.map((x) => [x, x])));
    }
    if (flags.json && f !== 'json') throw new UsageError(ctx.t('err.jsonFormat', { format: f }));
    return f as Format;
  }
  if (flags.json) return 'json';
  return ctx.io.isTTY ? 'table' : 'tsv';
}

/** Data formats carry every field; human and line formats show the command's view. */
const FULL_RECORD_FORMATS: ReadonlySet<Format> = new Set(['json', 'jsonl', 'csv']);

/** The columns to print: --fields if given (validated), else the view or every field depending on the format. */
export function selectColumns(all: Column[], view: string[], flags: OutputFlags, format: Format, ctx: Ctx): Column[] {
  const byKey = new Map(all.map((c) => [c.key, c]));
  if (flags.fields === undefined) {
    return FULL_RECORD_FORMATS.has(format) ? all : view.map((k) => byKey.get(k)!).filter(Boolean);
  }
  const names = [...new Set(flags.fields.split(',').map((s) => s.trim()).filter(Boolean))];
  if (names.length === 0) throw new UsageError(ctx.t('err.fieldsEmpty'), [ctx.t('err.valid', { list: [...byKey.keys()].join(', ') })]);
  return names.map((name) => {
    const col = byKey.get(name) ?? all.find((c) => c.key.toLowerCase() === name.toLowerCase());
    if (!col) throw new LookupError('field', name, [...byKey.keys()], suggest(name, [...byKey.keys()].map((k) => [k, k])));
    return col;
  });
}

/** Writes text to stdout in one piece: through the pager when it is taller than the terminal (src/cli/pager.ts). */
export function write(ctx: Ctx, text: string): Promise<void> {
  return writePaged(ctx.io, text, unpaged.has(ctx));
}

/**
 * Draws the rows in the format and writes them to stdout in one piece; `footer` (a count line) follows a terminal
 * table only: never in a pipe, never in a data format. A column left out for want of width is said once on stderr.
 */
export async function emit(ctx: Ctx, format: Format, columns: Column[], rows: Row[], footer?: string): Promise<void> {
  let note: string | undefined;
  const dropped = (h: string[]) => {
    note = ctx.t(h.length > 1 ? 'warn.columnsDropped' : 'warn.columnDropped', { width: ctx.io.columns, columns: h.join(ctx.lang === 'zh' ? '、' : ', ') });
  };
  let text = await renderers[format]({ columns, rows }, { width: ctx.io.columns, color: ctx.io.color, lang: ctx.lang, corpus: ctx.corpus, dropped });
  if (footer && showsCount(ctx, format)) text += (text && !text.endsWith('\n') ? '\n' : '') + footer + '\n';
  await write(ctx, text);
  // Said after the output (and after a pager has closed), so it is the last thing seen; wrapped to fit.
  if (note) ctx.io.stderr.write(wrapHelp(note, ctx.io.columns) + '\n');
}

/** Whether a list ends with a count line: a table on a terminal. */
export function showsCount(ctx: Ctx, format: Format): boolean {
  return ctx.io.isTTY && format === 'table';
}

/** Emits a list; an empty list is exit 1 ("nothing found", as grep), with a note on a terminal. */
export async function emitList(ctx: Ctx, format: Format, columns: Column[], rows: Row[], emptyNote: string, footer?: string): Promise<void> {
  if (rows.length === 0) {
    ctx.exitCode = 1;
    if (ctx.io.isTTY) ctx.io.stderr.write(emptyNote + '\n');
    if (format === 'table') return; // a table of nothing is noise
  }
  await emit(ctx, format, columns, rows, footer);
}
