// `zibo check <text...> | --file F | -`: every figure of a reporter's draft judged against the corpus.
// Exit 1 when any figure disagrees with its source, else 0; bad input exits 2.

import { Command } from 'commander';
import type { Ctx } from './context.js';
import { checkDraft, summarize, type Claim, type CheckResult, type Status } from '../core/check.js';
import { processInput, readText, say, type InputSource } from './input.js';
import { addOutputOptions, emit, resolveFormat, selectColumns, type OutputFlags } from './output.js';
import { positiveInt } from './parse.js';
import { examples, fieldsHelp } from './help.js';
import type { Column, Format, Row } from '../render/index.js';
import { checkColumns } from './columns.js';
import { sanitize } from '../render/sanitize.js';
import { wrapText } from '../render/width.js';
import { Chalk } from 'chalk';

// The input helpers moved to ./input.ts; re-exported for modules that still import them from here.
export { decodeText, processInput, readText, say, type InputSource } from './input.js';

// ---------------------------------------------------------------------------------------------------------
// Output

/** What JSON, JSONL and CSV carry when no --fields is given. */
const JSON_KEYS = ['text', 'value', 'unit', 'scaled', 'qualifier', 'status', 'fact', 'note', 'source', 'offset', 'sentence', 'why'];
/** One claim per line when piped: status, figure, scaled, fact id, source figure. */
const LINE_VIEW = ['status', 'text', 'scaled', 'fact', 'sourceFigure'];

export interface CheckCmdOptions extends OutputFlags {
  file?: string;
  year?: number;
}

function rows(result: CheckResult): Row[] {
  return result.claims.map((c) => ({
    text: c.text, value: c.value, unit: c.unit, scaled: c.scaled, qualifier: c.qualifier, status: c.status,
    fact: c.fact, note: c.note, source: c.source, offset: c.offset, sentence: result.sentences[c.sentence]!.text,
    sourceFigure: c.source?.figure ?? null, why: c.why,
  }));
}

function columnsFor(format: Format, opts: CheckCmdOptions, ctx: Ctx): Column[] {
  if (opts.fields !== undefined) return selectColumns(checkColumns(), LINE_VIEW, opts, format, ctx);
  const keys = format === 'json' || format === 'jsonl' || format === 'csv' ? JSON_KEYS : LINE_VIEW;
  return keys.map((k) => checkColumns().find((c) => c.key === k)!);
}

const MARK: Record<Status, string> = { match: '✓', mismatch: '✗', unverified: '?' };

/** The terminal view: each sentence with a figure, its figures marked ✓ ✗ ?, the source beside each ✗. Draft text
 * goes through sanitize(); lines are wrapped by src/render's display-width wrapper; chalk colours. */
export function renderAnnotated(result: CheckResult, ctx: Ctx): string {
  const c = new Chalk({ level: ctx.io.color ? 1 : 0 });
  const paint: Record<Status, (s: string) => string> = { match: c.green, mismatch: c.bold.red, unverified: c.yellow };
  const width = Math.max(20, ctx.io.columns) - 2;
  let out = '';
  const bySentence = new Map<number, Claim[]>();
  for (const x of result.claims) (bySentence.get(x.sentence) ?? bySentence.set(x.sentence, []).get(x.sentence)!).push(x);
  result.sentences.forEach((sentence, si) => {
    const claims = bySentence.get(si) ?? [];
    // Rebuild the sentence with marks, remembering where each figure and its mark went.
    let text = '';
    let at = sentence.start;
    const spans: Array<[number, number, (s: string) => string]> = [];
    for (const claim of claims) {
      text += sanitize(sentence.text.slice(at - sentence.start, claim.offset[0] - sentence.start));
      const from = text.length;
      text += sanitize(claim.text, { oneLine: true }) + MARK[claim.status];
      spans.push([from, text.length, paint[claim.status]]);
      if (claim.status === 'mismatch' && claim.source) {
        const aside = sanitize(`[${claim.source.figure ?? claim.source.value} ${claim.fact}]`, { oneLine: true });
        spans.push([text.length, text.length + aside.length, c.dim]);
        text += aside;
      }
      at = claim.offset[1];
    }
    text += sanitize(sentence.text.slice(at - sentence.start));
    for (const line of wrapText(text, width)) out += '  ' + paintLine(line.text, line.start, spans) + '\n';
    for (const claim of claims.filter((x) => x.note)) {
      for (const line of wrapText(sanitize(`${claim.text}: ${claim.note}`), width - 2)) out += '    ' + c.dim(line.text) + '\n';
    }
  });
  const n = summarize(result.claims);
  const total = result.claims.length;
  const summary = say(ctx,
    `${total} figure${total === 1 ? '' : 's'}: ${n.match} ✓ match, ${n.mismatch} ✗ mismatch, ${n.unverified} ? unverified`,
    `共 ${total} 个数字:${n.match} 个 ✓ 一致,${n.mismatch} 个 ✗ 不一致,${n.unverified} 个 ? 无法核实`);
  const lines = wrapText(summary, width + 2).map((l) => (n.mismatch ? paint.mismatch(l.text) : l.text));
  return out + '\n' + lines.join('\n') + '\n';
}

/** Paints the parts of one wrapped line that fall inside the spans (offsets into the unwrapped text). Spaces dropped
 * at a break are not in the line, so a span is mapped through the line's own start. */
function paintLine(text: string, start: number, spans: ReadonlyArray<[number, number, (s: string) => string]>): string {
  let out = '';
  let at = 0;
  for (const [a, b, fn] of spans) {
    const from = Math.max(a - start, at);
    const to = Math.min(b - start, text.length);
    if (from >= to) continue;
    out += text.slice(at, from) + fn(text.slice(from, to));
    at = to;
  }
  return out + text.slice(at);
}

/** `-` or `--file -`: the draft comes from stdin. */
const fromStdin = (words: string[], file: string | undefined) => file === '-' || (file === undefined && words.length === 1 && words[0] === '-');

/** `stdinIsTTY`: stdin is a terminal, so a person types (or pastes) the draft: say how to end it. */
export async function runCheck(words: string[], opts: CheckCmdOptions, ctx: Ctx, input: InputSource = processInput, stdinIsTTY = false): Promise<void> {
  const format = resolveFormat(opts, ctx);
  const columns = columnsFor(format, opts, ctx);
  if (stdinIsTTY && fromStdin(words, opts.file)) {
    ctx.io.stderr.write(say(ctx, 'zibo: reading the draft from stdin (Ctrl-D to end)', 'zibo:正在从标准输入读取稿件(按 Ctrl-D 结束)') + '\n');
  }
  const draft = await readText(words, opts.file, input, ctx);
  const result = checkDraft(draft, ctx.corpus(), { year: opts.year });
  if (result.claims.length === 0) {
    ctx.io.stderr.write(say(ctx, 'note: no figures found in the text', '提示:文本中没有找到数字') + '\n');
  }
  if (format === 'table') {
    if (result.claims.length) ctx.io.stdout.write(renderAnnotated(result, ctx));
  } else await emit(ctx, format, columns, rows(result));
  ctx.exitCode = result.claims.some((c: Claim) => c.status === 'mismatch') ? 1 : 0;
}

export function checkCommand(ctx: Ctx): Command {
  const cmd = new Command('check')
    .description(say(ctx, "check every figure of a draft against the releases (exit 1 if any disagrees)", '逐一核对稿件中的数字(有不一致时退出码为 1)'))
    .argument('[text...]', say(ctx, 'the draft text; - reads stdin', '稿件文本;- 表示读取标准输入'))
    .option('--file <file>', say(ctx, 'read the draft from this file (- for stdin)', '从文件读取稿件(- 为标准输入)'))
    .option('--year <year>', say(ctx, 'year of dates written without one (default: the releases’ year)', '未写年份的日期所属年份(默认:发布会年份)'), positiveInt(ctx.t, '--year'));
  addOutputOptions(cmd, ctx);
  cmd.addHelpText('before', examples(ctx, [
    'zibo check 淄博调整公交线路45条,新增公交线路4条',
    'zibo check --file draft.txt',
    'pbpaste | zibo check - --json | jq \'.[] | select(.status=="mismatch")\'',
  ])).addHelpText('after', fieldsHelp(ctx, checkColumns().map((c) => c.key))
    + say(ctx, '\nExit codes: 0 no figure disagrees, 1 a figure disagrees with its source, 2 usage or input error.\n',
      '\n退出码:0 没有不一致的数字,1 有数字与出处不一致,2 用法或输入错误。\n'));
  return cmd.action((words: string[], opts: CheckCmdOptions) => runCheck(words, opts, ctx, processInput, process.stdin.isTTY === true));
}
