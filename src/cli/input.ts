// Input shared by `check` and `extract` (and `add`): text arguments, a file, or stdin, as UTF-8 text.
// Hostile input is bounded and strict (src/core/limits.ts): only regular files, pipes and stdin are read, at
// most ZIBO_MAX_INPUT_BYTES (64 MiB by default), and the bytes must be UTF-8; every failure is a UsageError
// (exit 2) naming the file, or stdin, and what was wrong.

import type { Ctx } from './context.js';
import { UsageError } from './errors.js';
import { INPUT_LIMIT, ReadError, decodeUtf8, limitFrom, readBounded, readStreamBounded, showBytes, tooBig, type Limit } from '../core/limits.js';

/** Where input bytes come from; tests inject their own. Real sources stop reading one byte past `limit`. */
export interface InputSource {
  readStdin(limit: Limit): Promise<Buffer>;
  readFile(path: string, limit: Limit): Buffer;
}

export const processInput: InputSource = {
  readStdin: (limit) => readStreamBounded(process.stdin, limit),
  readFile: (path, limit) => readBounded(path, limit),
};

/** Messages of the input errors in both languages (the shared message table belongs to the CLI module). */
export function say(ctx: Ctx, en: string, zh: string): string {
  return ctx.lang === 'zh' ? zh : en;
}

/** The input limit of this run (ZIBO_MAX_INPUT_BYTES, else 64 MiB). */
export const inputLimit = (ctx: Ctx): Limit => limitFrom(ctx.io.env, INPUT_LIMIT);

/** A ReadError as a UsageError naming `name` (a path, or "stdin"), in the user's language. */
function inputError(e: unknown, name: string, ctx: Ctx): UsageError {
  if (!(e instanceof ReadError)) return new UsageError(say(ctx, `cannot read ${name}: ${String((e as Error)?.message ?? e)}`, `无法读取 ${name}:${String((e as Error)?.message ?? e)}`));
  switch (e.kind) {
    case 'missing':
      return new UsageError(say(ctx, `cannot read ${name}: no such file`, `无法读取 ${name}:文件不存在`));
    case 'directory':
      return new UsageError(say(ctx, `cannot read ${name}: it is a directory`, `无法读取 ${name}:这是一个目录`));
    case 'not-regular':
      return new UsageError(say(ctx, `cannot read ${name}: ${e.message}`, `无法读取 ${name}:不是普通文件(只读取普通文件、管道和标准输入)`));
    case 'too-big': {
      const l = e.limit!;
      return new UsageError(say(ctx, `${name}: input is ${e.message}`, `${name}:输入超过 ${showBytes(l.bytes)}(可用 ${l.env}=<字节数> 调高上限)`));
    }
    case 'not-utf8':
    case 'nul':
      return new UsageError(say(ctx, `${name}: input is not UTF-8 text (${e.kind === 'nul' ? 'NUL byte' : 'invalid byte'} at byte offset ${e.at})`, `${name}:输入不是 UTF-8 文本(第 ${e.at} 字节${e.kind === 'nul' ? '是 NUL' : '无效'})`));
    case 'denied':
      return new UsageError(say(ctx, `cannot read ${name}: permission denied`, `无法读取 ${name}:没有权限`));
    default:
      return new UsageError(say(ctx, `cannot read ${name}: ${e.message}`, `无法读取 ${name}:${e.message}`));
  }
}

/** Bytes as text: UTF-8 only. NUL bytes or invalid sequences mean binary or another encoding: exit 2. */
export function decodeText(bytes: Uint8Array, ctx: Ctx, name = 'input'): string {
  try {
    return decodeUtf8(bytes, { nul: false });
  } catch (e) {
    throw inputError(e, name, ctx);
  }
}

/** Bytes of `path`, or of stdin for `-`, bounded; a source that hands back more than the limit is refused too. */
export async function readInput(path: string, input: InputSource, ctx: Ctx): Promise<Buffer> {
  const limit = inputLimit(ctx);
  const name = path === '-' ? 'stdin' : path;
  try {
    const bytes = path === '-' ? await input.readStdin(limit) : input.readFile(path, limit);
    if (bytes.length > limit.bytes) throw tooBig(limit);
    return bytes;
  } catch (e) {
    throw inputError(e, name, ctx);
  }
}

/**
 * The text to work on: `-` (alone) or `--file -` is stdin, `--file F` a file, else the words joined by spaces.
 * Empty (or blank) text is a usage error.
 */
export async function readText(words: string[], file: string | undefined, input: InputSource, ctx: Ctx): Promise<string> {
  if (file !== undefined && words.length > 0) {
    throw new UsageError(say(ctx, 'give the text either as arguments or with --file, not both', '文本请用参数或 --file 之一给出,不要同时使用'));
  }
  let text: string;
  const path = file ?? (words.length === 1 && words[0] === '-' ? '-' : undefined);
  if (path !== undefined) text = decodeText(await readInput(path, input, ctx), ctx, path === '-' ? 'stdin' : path);
  else if (words.length === 0) {
    throw new UsageError(say(ctx, 'nothing to check: give the text, --file F, or - to read stdin', '没有要检查的文本:请给出文本、--file 文件,或用 - 读取标准输入'));
  } else text = words.join(' ');
  if (text.trim() === '') throw new UsageError(say(ctx, 'the text is empty', '文本为空'));
  return text;
}
