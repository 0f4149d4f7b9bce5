// `zibo add <file | ->`: keeps a release in the user's library ($ZIBO_HOME, else $XDG_DATA_HOME/zibo, else
// ~/.local/share/zibo) with the facts the project's own extractor finds in it; every command then sees it.
// The release file format (front matter keys and defaults) is documented in src/extract/release-file.ts and the
// README; flags override the front matter.

import { statSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { Ctx } from './context.js';
import { say } from './input.js';
import { UsageError } from './errors.js';
import { addOutputOptions, emit, resolveFormat, selectColumns, type OutputFlags } from './output.js';
import { FACT_COLUMNS, factView } from './columns.js';
import { examples } from './help.js';
import { loadCorpus } from '../core/corpus.js';
import { libraryDir } from '../core/library/paths.js';
import { decodeRelease, maxReleaseBytes, ReleaseInputError, tooBigMessage } from '../core/library/input.js';
import { kindCounts } from '../core/library/record.js';
import type { MetaKey } from '../extract/release-file.js';
import type { AddOutcome } from '../core/library/ops.js';
import { sanitize } from '../render/sanitize.js';
import type { Corpus } from '../core/types.js';

export interface AddOptions extends OutputFlags {
  title?: string;
  date?: string;
  speaker?: string;
  speakerTitle?: string;
  conference?: string;
  organiser?: string;
  domain?: string;
  id?: string;
  prefix?: string;
  replace?: boolean;
  force?: boolean;
  dryRun?: boolean;
}

/** Where the bytes of a release come from; injected by tests. */
export interface ReleaseSource {
  /** stdin, read up to `max` + 1 bytes (more means too big). */
  readStdin(max: number): Promise<Buffer>;
}

export const processSource: ReleaseSource = {
  async readStdin(max) {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const chunk of process.stdin) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      chunks.push(b);
      n += b.length;
      if (n > max) break;
    }
    return Buffer.concat(chunks);
  },
};

/** The release's bytes, bounded, as text; every failure is a message naming the input. */
async function readRelease(file: string, ctx: Ctx, src: ReleaseSource): Promise<{ text: string; name: string; origin: string }> {
  const max = maxReleaseBytes(ctx.io.env);
  if (file === '-') {
    const bytes = await src.readStdin(max);
    if (bytes.length > max) throw new ReleaseInputError(tooBigMessage('stdin', undefined, max));
    return { text: decodeRelease(bytes, 'stdin', max), name: 'stdin', origin: '-' };
  }
  const name = sanitize(file, { oneLine: true });
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new ReleaseInputError(`cannot read ${name}: it is a directory`);
    if (st.size > max) throw new ReleaseInputError(tooBigMessage(name, st.size, max));
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof ReleaseInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
    throw new ReleaseInputError(`cannot read ${name}: ${why}`);
  }
  return { text: decodeRelease(bytes, name, max), name, origin: resolve(file) };
}

function flagMeta(o: AddOptions): Partial<Record<MetaKey, string>> {
  return {
    title: o.title, date: o.date, speaker: o.speaker, speakerTitle: o.speakerTitle, conference: o.conference,
    organiser: o.organiser, domain: o.domain, id: o.id, prefix: o.prefix,
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `23 facts (19 quantities, 3 dates, 1 milestone, 0 honours)` */
export function factSummary(outcome: AddOutcome, ctx: Ctx): string {
  const c = kindCounts(outcome.record);
  const n = outcome.record.facts.length;
  if (ctx.lang === 'zh') return `${n} 条事实(数量 ${c.quantity},日期 ${c.date},里程碑 ${c.milestone},荣誉 ${c.honour})`;
  return `${plural(n, 'fact', 'facts')} (${plural(c.quantity, 'quantity', 'quantities')}, ${plural(c.date, 'date', 'dates')}, `
    + `${plural(c.milestone, 'milestone', 'milestones')}, ${plural(c.honour, 'honour', 'honours')})`;
}

function idRange(outcome: AddOutcome): string {
  const f = outcome.record.facts;
  return f.length === 0 ? '' : f.length === 1 ? f[0]!.id : `${f[0]!.id}…${f.at(-1)!.id}`;
}

export function outcomeJson(outcome: AddOutcome, withFacts: boolean): Record<string, unknown> {
  const r = outcome.record.release;
  return {
    status: outcome.status, id: r.id, prefix: r.prefix, title: r.title, date: r.date, domain: r.domain,
    conference: r.conference, speaker: r.speaker, speakerTitle: r.speakerTitle, organiser: r.organiser,
    origin: outcome.record.origin, file: outcome.file, facts: outcome.record.facts.length, kinds: kindCounts(outcome.record),
    ...(withFacts ? { records: outcome.record.facts } : {}),
  };
}

function humanLine(outcome: AddOutcome, ctx: Ctx): string {
  const id = sanitize(outcome.record.release.id, { oneLine: true });
  const sum = factSummary(outcome, ctx);
  const ids = idRange(outcome);
  switch (outcome.status) {
    case 'unchanged':
      return say(ctx, `unchanged: the same text is already in the library as ${id}, ${sum}; nothing changed`,
        `未改变:同样的文本已作为 ${id} 在资料库中,${sum};没有改动`);
    case 'dry-run':
      return say(ctx, `dry run: ${id} would be added with ${sum}; nothing kept`, `试运行:${id} 将加入 ${sum};未保存`);
    default: {
      const verb = outcome.status === 'replaced' ? say(ctx, 'replaced', '已替换') : say(ctx, 'added', '已加入');
      return `${verb} ${id}: ${sum}${ids ? say(ctx, `, ids ${ids}`, `,编号 ${ids}`) : ''}`;
    }
  }
}

export async function runAdd(file: string, opts: AddOptions, ctx: Ctx, src: ReleaseSource = processSource, bundled: () => Corpus = () => loadCorpus({ library: false })): Promise<void> {
  const format = resolveFormat(opts, ctx);
  const columns = opts.dryRun ? selectColumns(FACT_COLUMNS, factView(format), opts, format, ctx) : [];
  const lib = libraryDir(ctx.io.env);
  let outcome: AddOutcome;
  try {
    const input = await readRelease(file, ctx, src);
    // The extractor and the writer are loaded only by `zibo add` itself, not by every start-up.
    const [{ pendingRelease }, { addRelease }] = await Promise.all([import('../core/library/make.js'), import('../core/library/ops.js')]);
    const pending = pendingRelease(input.text, input.name, flagMeta(opts));
    outcome = await addRelease(lib, pending, bundled(), { replace: opts.replace, force: opts.force, dryRun: opts.dryRun, origin: input.origin });
  } catch (e) {
    // Messages may quote the input (a title, a domain): shown escaped, never raw.
    if (e instanceof ReleaseInputError || (e as Error)?.name === 'LibraryBusyError') throw new UsageError(sanitize((e as Error).message, { oneLine: true }));
    throw e;
  }
  if (outcome.record.facts.length === 0) {
    ctx.io.stderr.write(say(ctx, 'warning: no figures found in the release\n', '警告:新闻稿中没有找到数字\n'));
  }
  if (format === 'json') {
    ctx.io.stdout.write(JSON.stringify(outcomeJson(outcome, !!opts.dryRun), null, 2) + '\n');
    return;
  }
  if (opts.dryRun && outcome.status === 'dry-run') {
    ctx.io.stderr.write(humanLine(outcome, ctx) + '\n');
    await emit(ctx, format, columns, outcome.record.facts as never);
    return;
  }
  ctx.io.stdout.write(humanLine(outcome, ctx) + '\n');
}

/** The options of `zibo add`: flags, English and Chinese help. */
const ADD_OPTIONS: ReadonlyArray<readonly [string, string, string]> = [
  ['--title <title>', 'title (default: the first heading or line)', '标题(默认:第一个标题或第一行)'],
  ['--date <YYYY-MM-DD>', 'date of the press conference (default: the first full date in the text)', '发布会日期(默认:正文中第一个完整日期)'],
  ['--speaker <name>', 'who spoke', '发布人'],
  ['--speaker-title <title>', "the speaker's title", '发布人职务'],
  ['--conference <name>', 'the press conference', '新闻发布会'],
  ['--organiser <name>', 'who organised it', '主办单位'],
  ['--domain <slug>', 'domain: a lower-case slug or a built-in domain (default: general)', '领域:小写 slug 或内置领域(默认:general)'],
  ['--id <id>', 'release id (default: <domain>-<date>)', '新闻稿编号(默认:<领域>-<日期>)'],
  ['--prefix <prefix>', 'prefix of its fact ids (default: from the domain)', '事实编号前缀(默认:取自领域)'],
  ['--replace', 'replace a different release stored under the same id', '替换同一编号下的另一篇新闻稿'],
  ['--force', 'keep a release in which no figure is found', '没有找到数字时仍然保存'],
  ['--dry-run', 'show the facts without keeping them', '只显示事实,不保存'],
];

export function addCommand(ctx: Ctx): Command {
  const cmd = new Command('add')
    .description(say(ctx, 'keep a release in your library: its facts join every command', '把新闻稿加入资料库:其中的事实可用于所有命令'))
    .argument('<file>', say(ctx, 'a UTF-8 release (plain text or Markdown, optional --- front matter); - reads stdin', 'UTF-8 新闻稿(纯文本或 Markdown,可带 --- 元数据);- 表示读取标准输入'));
  for (const [flags, en, zh] of ADD_OPTIONS) cmd.option(flags, say(ctx, en, zh));
  addOutputOptions(cmd, ctx);
  cmd.addHelpText('before', examples(ctx, [
    'zibo add release.md',
    'zibo add release.txt --date 2023-03-15 --domain environment --speaker 张三',
    'pbpaste | zibo add - --dry-run',
  ]));
  return cmd.action((file: string, opts: AddOptions) => runAdd(file, opts, ctx));
}
