// `zibo extract <text... | file | -> [--file F]`: the project's own extractor on any Chinese release text, its
// quantities as records.

import { Command } from 'commander';
import { statSync } from 'node:fs';
import type { Ctx } from './context.js';
import { extractQuantities } from '../extract/quantities.js';
import { processInput, readText, say, type InputSource } from './input.js';
import { addOutputOptions, emitList, resolveFormat, selectColumns, type OutputFlags } from './output.js';
import { positiveInt } from './parse.js';
import { examples, fieldsHelp } from './help.js';
import type { Column, Row } from '../render/index.js';
import { extractColumns } from './columns.js';

export const EXTRACT_VIEW = ['text', 'value', 'unit', 'scaled', 'qualifier', 'sentence'];

export interface ExtractOptions extends OutputFlags {
  year?: number;
  file?: string;
}

/** An existing regular file (not a directory, FIFO or device). */
const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** A word that reads as a file name rather than text: a path separator, or an extension and no Chinese. */
export const looksLikePath = (word: string) =>
  /[/\\]/.test(word) || (/\.[a-z0-9]{1,5}$/i.test(word) && !/[\p{Script=Han}\s]/u.test(word));

/**
 * The input, as `check` takes it: the words are the text (`zibo extract 全市新建绿道107公里`), `-` or `--file -` is
 * stdin, `--file F` a file. For `zibo extract release.txt` as before, one argument that is an existing file, or
 * looks like a path (has a `/`, or an extension and no Chinese), is read as a file.
 */
export function extractSource(words: string[], opts: ExtractOptions, exists: (path: string) => boolean = isFile): { words: string[]; file?: string } {
  if (opts.file === undefined && words.length === 1 && words[0] !== '-' && (exists(words[0]!) || looksLikePath(words[0]!))) {
    return { words: [], file: words[0] };
  }
  return { words, file: opts.file };
}

export async function runExtract(args: string[] | string, opts: ExtractOptions, ctx: Ctx, input: InputSource = processInput): Promise<void> {
  const format = resolveFormat(opts, ctx);
  const columns = selectColumns(extractColumns(), EXTRACT_VIEW, opts, format, ctx);
  const src = extractSource(typeof args === 'string' ? [args] : args, opts);
  const text = await readText(src.words, src.file, input, ctx);
  const rows = extractQuantities(text, { year: opts.year }).map((q) => ({ high: null, highScaled: null, ...q }) as Row);
  await emitList(ctx, format, columns, rows, say(ctx, 'no quantities found', '没有找到数量'));
}

export function extractCommand(ctx: Ctx): Command {
  const cmd = new Command('extract')
    .description(say(ctx, 'the extractor on any Chinese release text: each quantity as a record', '对任意中文新闻稿运行提取器:每个数量一条记录'))
    .argument('[text...]', say(ctx, 'the text itself; - reads stdin; one argument that is an existing file (or looks like a path: a/b, name.txt) is read as that file',
      '文本本身;- 表示读取标准输入;若只有一个参数且是已存在的文件(或形如路径:a/b、name.txt),则读取该文件'))
    .option('--file <file>', say(ctx, 'read the text from this UTF-8 file (- for stdin)', '从该 UTF-8 文件读取文本(- 为标准输入)'))
    .option('--year <year>', say(ctx, 'year of dates written without one', '未写年份的日期所属年份'), positiveInt(ctx.t, '--year'));
  addOutputOptions(cmd, ctx);
  cmd.addHelpText('before', examples(ctx, ['zibo extract 全市新建绿道107公里', 'zibo extract --file release.txt', 'cat release.txt | zibo extract - --json', 'zibo extract release.txt --year 2023 --format csv'])).addHelpText('after', fieldsHelp(ctx, extractColumns().map((c) => c.key)));
  return cmd.action((words: string[], opts: ExtractOptions) => runExtract(words, opts, ctx));
}
