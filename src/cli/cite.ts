// `zibo cite <id>`: a ready-to-paste attribution line for one fact, in Chinese (default) or English.

import { Command, Option } from 'commander';
import type { Ctx } from './context.js';
import type { Lang } from '../io.js';
import { citations } from '../core/cite.js';
import { findFact } from './show.js';
import { UsageError } from './errors.js';
import { whatName } from './i18n.js';
import { examples } from './help.js';
import { escapeMd } from '../render/md.js';
import { sanitize } from '../render/sanitize.js';
import { releaseOf, sourceOf, type Source } from '../core/source.js';

export const CITE_FORMATS = ['text', 'json', 'md'] as const;
export type CiteFormat = (typeof CITE_FORMATS)[number];

export interface CiteOptions {
  format?: string;
  json?: boolean;
  /** Language of the citation: the global --lang when given, else Chinese (the releases' language). */
  lang?: Lang;
}

export interface CiteRecord {
  id: string;
  lang: Lang;
  citation: string;
  /** As in `facts`, `search` and `show` JSON: {release, title, date, conference, speaker, speakerTitle, organiser}. */
  source: Source;
}

export function citeRecord(id: string, lang: Lang, ctx: Ctx): CiteRecord {
  const corpus = ctx.corpus();
  const fact = findFact(corpus, id);
  const release = releaseOf(fact.release, corpus);
  if (!release) throw new UsageError(ctx.t('err.unknownRelease', { id: fact.id, release: sanitize(fact.release, { oneLine: true }) }));
  return {
    id: fact.id,
    lang,
    citation: citations(fact, release)[lang],
    source: sourceOf(fact, corpus)!,
  };
}

function resolveCiteFormat(opts: CiteOptions, ctx: Ctx): CiteFormat {
  const f = (opts.format ?? (opts.json ? 'json' : 'text')).trim().toLowerCase();
  if (!(CITE_FORMATS as readonly string[]).includes(f)) {
    throw new UsageError(ctx.t('err.unknown', { what: whatName(ctx.t, 'format'), input: sanitize(String(opts.format), { oneLine: true }) }), [ctx.t('err.valid', { list: CITE_FORMATS.join(', ') })]);
  }
  if (opts.json && f !== 'json') throw new UsageError(ctx.t('err.jsonFormat', { format: sanitize(f, { oneLine: true }) }));
  return f as CiteFormat;
}

/** The citation in the format; text from the data is sanitised except in JSON (exact, escaped by JSON.stringify). */
export function renderCite(rec: CiteRecord, format: CiteFormat): string {
  if (format === 'json') return JSON.stringify(rec, null, 2) + '\n';
  if (format === 'md') {
    const via = rec.lang === 'zh' ? `${rec.source.title}（${rec.source.conference}，${rec.source.date}）` : `${rec.source.title} (${rec.source.conference}, ${rec.source.date})`;
    return `> ${escapeMd(sanitize(rec.citation, { oneLine: true }))}\n>\n> — ${escapeMd(sanitize(via, { oneLine: true }))}\n`;
  }
  return sanitize(rec.citation, { oneLine: true }) + '\n';
}

export async function runCite(id: string, opts: CiteOptions, ctx: Ctx): Promise<void> {
  const format = resolveCiteFormat(opts, ctx);
  ctx.io.stdout.write(renderCite(citeRecord(id, opts.lang ?? 'zh', ctx), format));
}

export function citeCommand(ctx: Ctx): Command {
  const cmd = new Command('cite')
    .description(ctx.t('cmd.cite'))
    .argument('<id>', ctx.t('arg.id'))
    .option('--json', ctx.t('opt.json'))
    .addOption(new Option('--format <format>', ctx.t('opt.citeFormat')));
  cmd.addHelpText('before', examples(ctx, ['zibo cite uc-017', 'zibo cite uc-017 --lang en', 'zibo cite uc-017 --format md'])).addHelpText('after', ctx.t('help.cite'));
  return cmd.action((id: string, opts: CiteOptions, command: Command) => {
    // --lang is a program option: commander hands it to the program, whichever side of `cite` it is written on.
    const lang = command.optsWithGlobals().lang as Lang | undefined;
    return runCite(id, { ...opts, lang }, ctx);
  });
}
