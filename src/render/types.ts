// The one result shape every renderer draws: a list of columns and plain row objects.

import type { Lang } from '../io.js';
import type { Corpus } from '../core/types.js';
import { sanitize } from './sanitize.js';

export interface Column {
  /** Field name in the row objects (and in JSON output). */
  key: string;
  header: { en: string; zh: string };
  /** Table layout hints, in display columns of content (padding excluded). */
  minWidth?: number;
  maxWidth?: number;
  /** Long prose: shrinks first when the table must fit the terminal. */
  wrap?: boolean;
  align?: 'left' | 'right';
  /** Ranges [start, end) of the cell text to highlight (e.g. the figure inside the clause). */
  highlight?: (row: Row) => Array<[number, number]>;
  /** Show the whole cell emphasised (e.g. the value column). */
  emphasis?: boolean;
  /** When a table must leave columns out to fit, lower priorities go first (default 0; rightmost first among equals). */
  priority?: number;
  /** A value computed from the row (and the corpus) rather than read from it, e.g. a fact's `source`. */
  value?: (row: Row, ctx: RenderContext) => unknown;
}

export type Row = Record<string, unknown>;

export interface Result {
  columns: Column[];
  rows: Row[];
}

export interface RenderContext {
  /** Width to fit (terminal columns). */
  width: number;
  color: boolean;
  lang: Lang;
  /** The corpus the rows come from, for computed columns (see Column.value). */
  corpus?: () => Pick<Corpus, 'releases'>;
  /** Told once, with their headers, when columns had to be left out of a table to fit the width. */
  dropped?: (headers: string[]) => void;
}

export type Renderer = (result: Result, ctx: RenderContext) => string | Promise<string>;

export const FORMATS = ['table', 'tsv', 'json', 'jsonl', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/** A cell value as text: null → empty, arrays joined, objects as JSON. */
export function cellText(value: unknown, sep: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => cellText(v, sep)).join(sep);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A column's value in a row: computed when the column says how, else the row's field. */
export function valueOf(column: Column, row: Row, ctx: RenderContext): unknown {
  return column.value ? column.value(row, ctx) : row[column.key];
}

/** The row reduced to the result's columns, in column order (missing values become null). Exact: for JSON. */
export function project(result: Result, row: Row, ctx: RenderContext): Row {
  const out: Row = {};
  for (const c of result.columns) {
    const v = valueOf(c, row, ctx);
    out[c.key] = v === undefined ? null : v;
  }
  return out;
}

/**
 * A cell value as text for a person: every piece of text from the data passes through sanitize(), so no control
 * character or bidi override in a corpus reaches the terminal. `oneLine` also escapes tabs and line breaks inside
 * a piece (list items are still joined with `sep`).
 */
export function safeCellText(value: unknown, sep: string, oneLine: boolean): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => safeCellText(v, sep, oneLine)).join(sep);
  return sanitize(typeof value === 'object' ? JSON.stringify(value) : String(value), { oneLine });
}

/** The row with every string (and string in a list) sanitised for a person, so offsets into it stay right. */
export function safeRow(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'string' ? sanitize(v, { oneLine: true }) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? sanitize(x, { oneLine: true }) : x)) : v;
  }
  return out;
}
