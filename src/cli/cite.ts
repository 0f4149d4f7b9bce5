// `zibo cite <id>`: a ready-to-paste attribution line for one fact, in Chinese (default) or English.

import { Command, Option } from 'commander';
import type { Ctx } from './context.js';
import type { Lang } from '../io.js';
import { citations } from '../core/cite.js';
import { findFact } from './show.js';
import { UsageError } from './errors.js';
import { say } from './check.js';
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
  if (!release) throw new UsageError(say(ctx, `fact ${fact.id} names an unknown release ${fact.release}`, `事实 ${fact.id} 的新闻稿 ${fact.release} 不存在`));
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
    throw new UsageError(say(ctx, `unknown format "${opts.format}"`, `未知的格式“${opts.format}”`), [say(ctx, `valid values: ${CITE_FORMATS.join(', ')}`, `可用的值:${CITE_FORMATS.join(', ')}`)]);
  }
  if (opts.json && f !== 'json') throw new UsageError(say(ctx, `--json and --format ${f} disagree: use one of them`, `--json 与 --format ${f} 冲突:请只用其一`));
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
    .description(say(ctx, 'a ready-to-paste attribution line for a fact: who said it, where, when', '一条事实的引用说明:谁、在哪场发布会、何时发布'))
    .argument('<id>', ctx.t('arg.id'))
    .option('--json', say(ctx, 'same as --format json', '等同于 --format json'))
    .addOption(new Option('--format <format>', say(ctx, 'text (default), json or md', 'text(默认)、json 或 md')));
  cmd.addHelpText('before', examples(ctx, ['zibo cite uc-017', 'zibo cite uc-017 --lang en', 'zibo cite uc-017 --format md'])).addHelpText('after', say(ctx, '\nThe citation is in Chinese unless --lang en is given.\n', '\n默认输出中文引用;加 --lang en 输出英文。\n'));
  return cmd.action((id: string, opts: CiteOptions, command: Command) => {
    // --lang is a program option: commander hands it to the program, whichever side of `cite` it is written on.
    const lang = command.optsWithGlobals().lang as Lang | undefined;
    return runCite(id, { ...opts, lang }, ctx);
  });
}
