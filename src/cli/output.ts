// Output flags shared by every command that prints data: --json, --format, --fields.

import type { Command } from 'commander';
import { FORMATS, renderers, type Column, type Format, type Row } from '../render/index.js';
import { LookupError, suggest } from '../core/suggest.js';
import { UsageError } from './errors.js';
import type { Ctx } from './context.js';

export interface OutputFlags {
  json?: boolean;
  format?: string;
  fields?: string;
}

export function addOutputOptions(cmd: Command, ctx: Ctx): Command {
  return cmd
    .option('--json', ctx.t('opt.json'))
    .option('--format <format>', ctx.t('opt.format'))
    .option('--fields <list>', ctx.t('opt.fields'));
}

/** The format asked for, else table on a terminal and tsv in a pipe. */
export function resolveFormat(flags: OutputFlags, ctx: Ctx): Format {
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

/** Draws the rows in the format and writes them to stdout in one piece. */
export async function emit(ctx: Ctx, format: Format, columns: Column[], rows: Row[]): Promise<void> {
  const text = await renderers[format]({ columns, rows }, { width: ctx.io.columns, color: ctx.io.color, lang: ctx.lang, corpus: ctx.corpus, dropped: (h) => ctx.io.stderr.write(ctx.t(h.length > 1 ? 'warn.columnsDropped' : 'warn.columnDropped', { width: ctx.io.columns, columns: h.join(ctx.lang === 'zh' ? '、' : ', ') }) + '\n') });
  if (text) ctx.io.stdout.write(text);
}

/** Emits a list; an empty list is exit 1 ("nothing found", as grep), with a note on a terminal. */
export async function emitList(ctx: Ctx, format: Format, columns: Column[], rows: Row[], emptyNote: string): Promise<void> {
  if (rows.length === 0) {
    ctx.exitCode = 1;
    if (ctx.io.isTTY) ctx.io.stderr.write(emptyNote + '\n');
    if (format === 'table') return; // a table of nothing is noise
  }
  await emit(ctx, format, columns, rows);
}
