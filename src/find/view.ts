// What the finder draws, as pure functions of its state: the prompt line, then either the list of hits (id, figure,
// clause; the figure highlighted) or one fact in full. Every line fits the terminal (see fit.ts); the list's own
// decorations are ASCII. No terminal and no prompt library here, so the layout is tested on its own.

import type { Fact, Release } from '../core/types.js';
import type { Style } from '../render/paint.js';
import type { Translate } from '../cli/i18n.js';
import { wrapText } from '../render/width.js';
import { columnsOf, cutTo, fit, oneLine } from './fit.js';

export type Mode = 'list' | 'detail';

export interface FinderState {
  query: string;
  hits: readonly Fact[];
  /** Index of the chosen hit. */
  active: number;
  /** Index of the first hit shown. */
  top: number;
  mode: Mode;
  /** A one-line message shown in the status line (the last copy). */
  note?: string;
}

export interface ViewEnv {
  columns: number;
  rows: number;
  style: Style;
  t: Translate;
  releaseOf(fact: Fact): Release | undefined;
  citation(fact: Fact): string | undefined;
}

export const PROMPT = '> ';
/** At most this many hits are listed at once, however tall the terminal. */
export const MAX_PAGE = 12;
/** Lines drawn around the list: the prompt, the status line, the key help, one spare for the cursor. */
const CHROME = 4;

/** Columns every line is kept within: one short of the terminal, so that no line ends in the last column. */
export const lineWidth = (columns: number): number => Math.max(10, columns - 1);

/** How many hits one page shows on a terminal of `rows` lines. */
export function pageSize(rows: number): number {
  return Math.max(1, Math.min(MAX_PAGE, rows - CHROME));
}

/** The first hit to show so that `active` is on screen, moving the window as little as possible. */
export function scrollTop(top: number, active: number, size: number, total: number): number {
  let t = Math.min(top, Math.max(0, total - size));
  if (active < t) t = active;
  if (active >= t + size) t = active - size + 1;
  return Math.max(0, t);
}

/** Where the figure sits in the (sanitised) clause. */
export function figureRanges(text: string, figure: string): Array<[number, number]> {
  if (!figure) return [];
  const at = text.indexOf(figure);
  return at >= 0 ? [[at, at + figure.length]] : [];
}

const figureOf = (f: Fact): string => oneLine(f.figure ?? (f.value !== null ? String(f.value) : ''));

/** The prompt line: the query exactly as typed (readline keeps the cursor at its end or where the user moved it). */
export function promptLine(query: string): string {
  return PROMPT + query;
}

function statusLine(s: FinderState, env: ViewEnv, width: number): string {
  const { t } = env;
  let status: string;
  if (s.hits.length === 0) status = s.query.trim() ? t('find.noHits') : t('find.empty');
  else status = `${s.active + 1}/${s.hits.length}` + (s.query.trim() ? '' : `  ${t('find.empty')}`);
  const note = s.note ? '  ' + s.note : '';
  return env.style.dim(fit(`  ${status}${note}`, width));
}

/** The list of hits below the prompt line, with the status line above it and the key help below it. */
export function renderList(s: FinderState, env: ViewEnv): string[] {
  const width = lineWidth(env.columns);
  const size = pageSize(env.rows);
  const shown = s.hits.slice(s.top, s.top + size);
  const ids = shown.map((f) => oneLine(f.id));
  const figures = shown.map(figureOf);
  // On a narrow terminal the clause keeps at least 6 columns: the figure column gives way first, then the id.
  const idWidth = Math.min(12, Math.max(0, ...ids.map(columnsOf)), Math.max(0, width - 6 - 6));
  const figWidth = Math.min(14, Math.max(0, ...figures.map(columnsOf)), Math.max(0, width - 6 - 6 - idWidth));
  const lines = [statusLine(s, env, width)];
  shown.forEach((f, i) => {
    const isActive = s.top + i === s.active;
    const pointer = isActive ? '> ' : '  ';
    const id = fit(ids[i]!, idWidth, { pad: true });
    const fig = fit(figures[i]!, figWidth, { pad: true, ranges: [[0, figures[i]!.length]], mark: env.style.figure });
    const head = `${pointer}${isActive ? env.style.id(id) : id}  ${fig}  `;
    const rest = width - (2 + idWidth + 2 + figWidth + 2);
    const text = oneLine(f.text);
    lines.push(head + fit(text, rest, { ranges: figureRanges(text, figures[i]!), mark: env.style.figure }));
  });
  lines.push(env.style.dim(fit(env.t('find.keysList'), width)));
  return lines;
}

/** Label and value lines, the value wrapped under itself; ranges mark the figure in the first value. */
function labelled(pairs: Array<[string, string, Array<[number, number]>?]>, width: number, style: Style): string[] {
  const labelWidth = Math.max(...pairs.map(([l]) => columnsOf(l))) + 2;
  const valueWidth = Math.max(8, width - labelWidth);
  const out: string[] = [];
  for (const [label, value, ranges] of pairs) {
    // Wrapped two columns short of the room: a line with ambiguous-width characters then still fits (fit cuts any other).
    wrapText(value, valueWidth - 2).forEach((line, i) => {
      const head = i === 0 ? style.label(fit(label, labelWidth, { pad: true })) : ' '.repeat(labelWidth);
      const local = (ranges ?? []).map(([a, b]): [number, number] => [a - line.start, b - line.start]);
      out.push(head + fit(line.text, valueWidth, { ranges: local, mark: style.figure }));
    });
  }
  return out;
}

/** `uc-017  41条  1/3`: the id, the figure highlighted, where the fact is in the list. */
function detailHead(s: FinderState, fact: Fact, figure: string, width: number, style: Style): string {
  const id = oneLine(fact.id);
  let room = width - cutTo(id, Math.min(14, width)).width - 2;
  let out = style.id(fit(id, Math.min(14, width)));
  if (room > 0 && figure) {
    const fig = Math.min(20, room);
    out += '  ' + fit(figure, fig, { ranges: [[0, figure.length]], mark: style.figure });
    room -= cutTo(figure, fig).width + 2;
  }
  if (room > 0) out += '  ' + fit(`${s.active + 1}/${s.hits.length}`, room);
  return out;
}

/** One fact in full: clause, sentence, English, source (speaker, conference, date) and citation. */
export function renderDetail(s: FinderState, env: ViewEnv): string[] {
  const width = lineWidth(env.columns);
  const fact = s.hits[s.active];
  if (!fact) return renderList(s, env);
  const { t, style } = env;
  const release = env.releaseOf(fact);
  const text = oneLine(fact.text);
  const figure = figureOf(fact);
  const pairs: Array<[string, string, Array<[number, number]>?]> = [
    [t('find.clause'), text, figureRanges(text, figure)],
    [t('find.sentence'), oneLine(fact.sentence)],
  ];
  if (fact.en.trim()) pairs.push([t('find.english'), oneLine(fact.en)]);
  if (release) {
    pairs.push(
      [t('show.speaker'), oneLine(`${release.speaker}, ${release.speakerTitle}`)],
      [t('show.conference'), oneLine(release.conference)],
      [t('show.date'), oneLine(release.date)],
    );
  }
  const cite = env.citation(fact);
  if (cite) pairs.push([t('find.citation'), oneLine(cite)]);
  let body = [detailHead(s, fact, figure, width, style), ...labelled(pairs, width, style)];
  // Never taller than the terminal: the prompt line, the note, the key help and a spare line stay.
  const room = Math.max(2, env.rows - 3 - (s.note ? 1 : 0));
  if (body.length > room) body = [...body.slice(0, room - 1), style.dim('  ...')];
  const note = s.note ? [style.dim(fit('  ' + s.note, width))] : [];
  return [...body, ...note, style.dim(fit(t('find.keysDetail'), width))];
}

/** The whole screen: the prompt line and the lines under it. */
export function renderScreen(s: FinderState, env: ViewEnv): [string, string] {
  const body = s.mode === 'detail' ? renderDetail(s, env) : renderList(s, env);
  return [promptLine(s.query), body.join('\n')];
}
