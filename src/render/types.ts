// The one result shape every renderer draws: a list of columns and plain row objects.

import type { Lang } from '../io.js';

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

/** The row reduced to the result's columns, in column order (missing values become null). */
export function project(result: Result, row: Row): Row {
  const out: Row = {};
  for (const c of result.columns) out[c.key] = row[c.key] === undefined ? null : row[c.key];
  return out;
}
