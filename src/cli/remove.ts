// `zibo remove <release-id>`: takes a release the user added out of the library, after saying what it removes.
// On a terminal it asks first (--yes skips the question); in a pipe or script it does not ask.

import { createInterface } from 'node:readline';
import { Command } from 'commander';
import type { Ctx } from './context.js';
import { say } from './input.js';
import { UsageError } from './errors.js';
import { examples } from './help.js';
import { loadCorpus } from '../core/corpus.js';
import { suggest } from '../core/suggest.js';
import { libraryDir } from '../core/library/paths.js';
import { findAdded, readLibrary } from '../core/library/read.js';
import { sanitize } from '../render/sanitize.js';
import type { Corpus } from '../core/types.js';

export interface RemoveOptions {
  yes?: boolean;
  json?: boolean;
}

/** Asks a yes/no question; undefined when there is no terminal to ask on (then nobody is asked). */
export type Confirm = ((question: string) => Promise<boolean>) | undefined;

function terminalConfirm(ctx: Ctx): Confirm {
  if (!process.stdin.isTTY || !ctx.io.isTTY) return undefined;
  return (question) =>
    new Promise((done) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      rl.question(question, (answer) => {
        rl.close();
        done(/^(y|yes|是)$/i.test(answer.trim()));
      });
    });
}

const line = (s: string) => sanitize(s, { oneLine: true });

export async function runRemove(id: string, opts: RemoveOptions, ctx: Ctx, confirm: Confirm = terminalConfirm(ctx), bundled: () => Corpus = () => loadCorpus({ library: false })): Promise<void> {
  const s = (en: string, zh: string) => say(ctx, en, zh);
  const lib = libraryDir(ctx.io.env);
  const want = id.trim();
  if (bundled().releases.some((r) => r.id === want)) {
    throw new UsageError(s(`${line(want)} is a bundled release and cannot be removed; only releases added with zibo add can`,
      `${line(want)} 是内置新闻稿,不能删除;只能删除用 zibo add 加入的新闻稿`));
  }
  const found = findAdded(lib, want);
  if (!found) {
    const ids = readLibrary(lib).records.map((r) => r.release.id);
    const byPrefix = readLibrary(lib).records.filter((r) => r.release.prefix === want || want.startsWith(r.release.prefix + '-')).map((r) => r.release.id);
    const near = [...new Set([...byPrefix, ...suggest(want, ids.map((x) => [x, x]))])];
    const hints: string[] = [];
    if (near.length) hints.push(s(`did you mean ${near.join(', ')}?`, `是否想删除 ${near.join(', ')}?`));
    hints.push(ids.length ? s(`added releases: ${ids.join(', ')}`, `已加入的新闻稿:${ids.join(', ')}`) : s('the library is empty', '资料库是空的'));
    throw new UsageError(s(`no added release "${line(want)}" in the library ${line(lib)}`, `资料库 ${line(lib)} 中没有新闻稿“${line(want)}”`), hints);
  }
  const what = 'record' in found
    ? s(`${found.record.release.id}: ${line(found.record.release.title)} (${found.record.facts.length} facts, added ${found.record.addedAt.slice(0, 10)} from ${line(found.record.origin)})`,
      `${found.record.release.id}:${line(found.record.release.title)}(${found.record.facts.length} 条事实,${found.record.addedAt.slice(0, 10)} 加入,来自 ${line(found.record.origin)})`)
    : s(`${want}: a broken record file ${line(found.broken)}`, `${want}:损坏的记录文件 ${line(found.broken)}`);
  ctx.io.stderr.write(s(`removing ${what}\n`, `将删除 ${what}\n`));
  if (confirm && !opts.yes && !(await confirm(s('remove it? [y/N] ', '确定删除?[y/N] ')))) {
    ctx.io.stderr.write(s('nothing removed\n', '未删除\n'));
    ctx.exitCode = 1;
    return;
  }
  const { removeRelease } = await import('../core/library/ops.js');
  let file: string | undefined;
  try {
    file = await removeRelease(lib, want);
  } catch (e) {
    if ((e as Error)?.name === 'LibraryBusyError') throw new UsageError((e as Error).message);
    throw e;
  }
  const facts = 'record' in found ? found.record.facts.length : 0;
  if (opts.json) {
    ctx.io.stdout.write(JSON.stringify({ status: file ? 'removed' : 'absent', id: want, facts, file: file ?? null }, null, 2) + '\n');
  } else if (file) {
    ctx.io.stdout.write(s(`removed ${want} (${facts} facts)\n`, `已删除 ${want}(${facts} 条事实)\n`));
  } else {
    ctx.io.stderr.write(s(`${want} was removed meanwhile by another process\n`, `${want} 已被另一进程删除\n`));
  }
}

export function removeCommand(ctx: Ctx): Command {
  const s = (en: string, zh: string) => say(ctx, en, zh);
  const cmd = new Command('remove')
    .description(s('take a release you added out of your library', '从资料库删除自己加入的新闻稿'))
    .argument('<release-id>', s('id of an added release (see zibo sources)', '已加入新闻稿的编号(见 zibo sources)'))
    .option('-y, --yes', s('do not ask on a terminal', '在终端上也不询问'))
    .option('--json', ctx.t('opt.json'));
  cmd.addHelpText('before', examples(ctx, ['zibo remove environment-2023-03-15', 'zibo remove environment-2023-03-15 --yes --json']));
  return cmd.action((id: string, opts: RemoveOptions) => runRemove(id, opts, ctx));
}
