// `zibo show <id>`: one fact in full: the record, the paragraph it sits in, and its source.

import { Command } from 'commander';
import type { Ctx } from './context.js';
import type { Corpus, Fact, Release } from '../core/types.js';
import { LookupError, suggest } from '../core/suggest.js';
import { compareIds } from '../core/filters.js';
import { FACT_COLUMNS } from './columns.js';
import { addOutputOptions, emit, resolveFormat, selectColumns, write, type OutputFlags } from './output.js';
import { cellText, project, safeCellText, valueOf, type Column, type RenderContext } from '../render/index.js';
import { escapeTsv } from '../render/tsv.js';
import type { Style } from '../render/paint.js';
import { sanitize } from '../render/sanitize.js';
import { displayWidth, highlightLines, wrapText, type Span } from '../render/width.js';
import { examples, fieldsHelp } from './help.js';
import { citations } from '../core/cite.js';
import { releaseOf } from '../core/source.js';

/** Finds a fact by id, case-insensitively and ignoring zero-padding (UC-2 = uc-002). Unknown: LookupError. */
export function findFact(corpus: Corpus, input: string): Fact {
  const key = (id: string) => id.normalize('NFKC').trim().toLowerCase().replace(/-0*(\d)/, '-$1');
  const k = key(input);
  const hit = corpus.facts.find((f) => key(f.id) === k);
  if (hit) return hit;
  const ids = corpus.facts.map((f) => f.id).sort(compareIds);
  const near = suggest(input, ids.map((id) => [id, id]));
  throw new LookupError('id', input, idRanges(ids), near.length ? near : nearestByNumber(ids, k));
}

/** `uc-001…uc-054`: the ids of each prefix, as a range to print. */
function idRanges(ids: readonly string[]): string[] {
  const byPrefix = new Map<string, string[]>();
  for (const id of ids) {
    const prefix = id.split('-')[0]!;
    (byPrefix.get(prefix) ?? byPrefix.set(prefix, []).get(prefix)!).push(id);
  }
  return [...byPrefix.values()].map((xs) => (xs.length > 1 ? `${xs[0]}…${xs.at(-1)}` : xs[0]!));
}

/** For an id past the end (uc-999) or far off (dg-39 → dg-039 exists, but uc-0): the id of that prefix nearest by number. */
function nearestByNumber(ids: readonly string[], key: string): string[] {
  const m = /^([a-z]+)-?(\d+)$/.exec(key);
  if (!m) return [];
  const same = ids.filter((id) => id.startsWith(m[1]! + '-'));
  const n = Number(m[2]);
  const dist = (id: string) => Math.abs(Number(id.split('-')[1]) - n);
  return same.length ? [same.reduce((a, b) => (dist(b) < dist(a) ? b : a))] : [];
}

/** The paragraph of the release text around the fact, and where the clause sits inside it. */
export function paragraphOf(release: Release, fact: Fact): { text: string; range: [number, number] } {
  const [start, end] = fact.offset;
  const from = release.text.lastIndexOf('\n', start - 1) + 1;
  const nl = release.text.indexOf('\n', end);
  const to = nl < 0 ? release.text.length : nl;
  return { text: release.text.slice(from, to), range: [start - from, end - from] };
}

/**
 * Lines of the attribution for the fact (both languages, the reader's first), printed under the source block:
 * wrapped at the terminal's width, only between words, so a figure (超4.3万个) or a date stays whole.
 */
export function citationLines(fact: Fact, release: Release, ctx: Ctx, style: Style): string[] {
  const c = citations(fact, release);
  const lines = ctx.lang === 'zh' ? [c.zh, c.en] : [c.en, c.zh];
  const width = Math.max(20, ctx.io.columns) - 2;
  return [
    style.header(ctx.lang === 'zh' ? '引用' : 'Citation'),
    ...lines.flatMap((l) => wrapText(sanitize(l, { oneLine: true }), width).map((w) => '  ' + w.text)),
  ];
}

/** A labelled value: spans to colour, and spans never broken (a list item, a name, an id). */
type Pair = [label: string, value: string, marks?: Span[], keep?: Span[]];

function labelled(pairs: Pair[], width: number, style: Style): string {
  const labelWidth = Math.max(...pairs.map(([l]) => displayWidth(l))) + 2;
  const valueWidth = Math.max(8, width - labelWidth);
  let out = '';
  for (const [label, value, marks = [], keep = []] of pairs) {
    const lines = highlightLines(wrapText(value, valueWidth, [...marks, ...keep]), marks, style.figure);
    lines.forEach((line, i) => {
      const head = i === 0 ? style.label(label) + ' '.repeat(labelWidth - displayWidth(label)) : ' '.repeat(labelWidth);
      out += (head + line).trimEnd() + '\n';
    });
  }
  return out;
}

/** The spans of the items of a list joined with `sep`. */
function itemSpans(items: readonly string[], sep: string): Span[] {
  let at = 0;
  return items.map((x) => {
    const span: Span = [at, at + x.length];
    at += x.length + sep.length;
    return span;
  });
}

/** Text from the data made safe for a terminal, on one line. */
const safe = (s: string) => sanitize(s, { oneLine: true });

/** The paragraph around the fact, sanitised, with the clause's range in the sanitised text. */
function safeParagraph(release: Release, fact: Fact): { text: string; range: [number, number] } {
  const { text, range } = paragraphOf(release, fact);
  const [before, clause, after] = [text.slice(0, range[0]), text.slice(range[0], range[1]), text.slice(range[1])].map(safe) as [string, string, string];
  return { text: before + clause + after, range: [before.length, before.length + clause.length] };
}

/** The human view: the record's fields, then (unless --fields narrowed it) source, citation and context. */
export function renderDetail(fact: Fact, release: Release | undefined, columns: Column[], full: boolean, ctx: Ctx, style: Style): string {
  const width = Math.max(20, ctx.io.columns);
  const rctx = renderContext(ctx);
  const row = fact as unknown as Record<string, unknown>;
  const clean = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? safe(v) : v]));
  // In the full view the source has a block of its own.
  const shown = full ? columns.filter((c) => c.key !== 'source') : columns;
  const pairs = shown.map((c): Pair => {
    const raw = valueOf(c, row, rctx);
    const value = safeCellText(raw, ', ', true);
    const marks: Span[] = c.highlight ? c.highlight(clean) : c.emphasis ? [[0, value.length]] : [];
    // A list keeps each item whole; a value that is not prose (an id, a unit, a date) stays whole.
    const keep: Span[] = Array.isArray(raw) ? itemSpans(raw.map((x) => safeCellText(x, ', ', true)), ', ') : c.wrap ? [] : [[0, value.length]];
    return [c.header[ctx.lang], value, marks, keep];
  });
  let out = labelled(pairs, width, style);
  if (!full || !release) return out;
  const { t } = ctx;
  out += '\n' + style.header(t('show.source')) + '\n';
  const whole = (v: string): Span[] => [[0, v.length]];
  const speaker = safe(release.speaker);
  out += labelled([
    [t('show.release'), safe(`${release.title} (${release.id})`)],
    [t('show.speaker'), `${speaker}, ${safe(release.speakerTitle)}`, [], whole(speaker + ',')],
    [t('show.conference'), safe(release.conference)],
    [t('show.date'), safe(release.date), [], whole(release.date)],
    [t('show.organiser'), safe(release.organiser), [], whole(safe(release.organiser))],
  ], width, style);
  const cite = citationLines(fact, release, ctx, style);
  if (cite.length) out += '\n' + cite.join('\n') + '\n';
  const para = safeParagraph(release, fact);
  out += '\n' + style.header(t('show.context')) + '\n';
  out += highlightLines(wrapText(para.text, width - 2), [para.range], style.mark).map((l) => '  ' + l).join('\n') + '\n';
  return out;
}

function renderContext(ctx: Ctx): RenderContext {
  return { width: ctx.io.columns, color: ctx.io.color, lang: ctx.lang, corpus: ctx.corpus };
}

export async function runShow(id: string, opts: OutputFlags, ctx: Ctx): Promise<void> {
  const format = resolveFormat(opts, ctx);
  const corpus = ctx.corpus();
  const fact = findFact(corpus, id);
  const release = releaseOf(fact.release, corpus);
  // One record in full: every field, whatever the format, unless --fields narrows it.
  const columns = selectColumns(FACT_COLUMNS, FACT_COLUMNS.map((c) => c.key), opts, 'json', ctx);
  const row = fact as unknown as Record<string, unknown>;
  const { io } = ctx;
  if (format === 'json') {
    const record = project({ columns, rows: [] }, row, renderContext(ctx));
    if (opts.fields === undefined && release) record.citation = citations(fact, release);
    io.stdout.write(JSON.stringify(record, null, 2) + '\n');
  } else if (format === 'table') {
    // chalk is loaded only for the terminal view.
    const { paint } = await import('../render/paint.js');
    await write(ctx, renderDetail(fact, release, columns, opts.fields === undefined, ctx, paint(io)));
  } else if (format === 'tsv') {
    const rctx = renderContext(ctx);
    io.stdout.write(columns.map((c) => `${c.key}\t${escapeTsv(cellText(valueOf(c, row, rctx), ','))}\n`).join(''));
  } else await emit(ctx, format, columns, [row]);
}

export function showCommand(ctx: Ctx): Command {
  const cmd = new Command('show').description(ctx.t('cmd.show')).argument('<id>', ctx.t('arg.id'));
  addOutputOptions(cmd, ctx);
  cmd.addHelpText('before', examples(ctx, ['zibo show uc-002', 'zibo show uc-002 --json', 'zibo show uc-002 --fields text,value,unit'])).addHelpText('after', fieldsHelp(ctx, FACT_COLUMNS.map((c) => c.key)));
  return cmd.action((id: string, opts: OutputFlags) => runShow(id, opts, ctx));
}
