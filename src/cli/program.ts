// The commander program and the one place where errors become messages and exit codes.

import { Command, CommanderError, Help, Option } from 'commander';
import { version } from '../../package.json';
import type { IO } from '../io.js';
import { CorpusError } from '../core/schema.js';
import { LookupError } from '../core/suggest.js';
import { createCtx, type Ctx, type Deps } from './context.js';
import { dataFileFrom, loadDataFile } from '../core/data-file.js';
import { UsageError, lookupMessage } from './errors.js';
import { factsCommand } from './facts.js';
import { searchCommand } from './search.js';
import { showCommand } from './show.js';
import { topicsCommand } from './topics.js';
import { sourcesCommand } from './sources.js';
import { completionCommand } from './completion.js';
import { checkCommand } from './check.js';
import { citeCommand } from './cite.js';
import { extractCommand } from './extract.js';
import { addCommand } from './add.js';
import { removeCommand } from './remove.js';
import { findCommand } from './find.js';

export const EXIT = { found: 0, nothing: 1, usage: 2 } as const;

function mainHelp(ctx: Ctx): string {
  return [
    `zibo ${version}: ${ctx.t('prog.description')}`,
    '',
    `${ctx.t('help.examples')}:`,
    '  $ zibo facts --topic 公交',
    "  $ zibo search 数据中心 --json | jq '.[0].text'",
    '  $ zibo show uc-002',
    '  $ zibo facts --domain dg --sort -scaled --limit 5',
    '  $ zibo topics',
    '',
  ].join('\n');
}

export function buildProgram(ctx: Ctx): Command {
  const { io, t } = ctx;
  const program = new Command('zibo');
  // Settings first: subcommands copy them when created.
  program
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => write(`zibo: ${localiseCommander(s.replace(/^error: /, ''), ctx.lang)}`),
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
    })
    .showSuggestionAfterError(true)
    .description(t('prog.description'))
    .version(version, '-V, --version')
    .helpOption('-h, --help')
    .addOption(new Option('--lang <lang>', t('opt.lang')).choices(['en', 'zh']))
    .option('--no-color', t('opt.noColor'))
    .option('--data <file>', t('opt.data'))
    .configureHelp({ formatHelp: (cmd, helper) => localiseCommander(Help.prototype.formatHelp.call(helper, cmd, helper), ctx.lang) })
    .addHelpText('before', mainHelp(ctx))
    .addHelpText('after', `\n${t('help.exit')}\n`);
  const commands = [factsCommand(ctx), searchCommand(ctx), showCommand(ctx), topicsCommand(ctx), sourcesCommand(ctx),
    citeCommand(ctx), checkCommand(ctx), extractCommand(ctx), addCommand(ctx), removeCommand(ctx), findCommand(ctx), completionCommand(ctx, program)];
  // addCommand does not pass on exitOverride/configureOutput: copy them, or subcommand errors would exit 1 by themselves.
  for (const cmd of commands) program.addCommand(cmd.copyInheritedSettings(program));
  // `check` states its own exit codes (1 = a figure disagrees), `find` its own (0 Esc, 130 Ctrl-C); the others follow grep.
  for (const cmd of commands) if (cmd.name() !== 'check' && cmd.name() !== 'find') cmd.addHelpText('after', `\n${t('help.exit')}\n`);
  return program;
}

/** commander's own words (its errors and help headings) in Chinese when zibo speaks Chinese. */
const COMMANDER_ZH: Array<[RegExp, string]> = [
  [/^Usage:/gm, '用法:'],
  [/^Options:/gm, '选项:'],
  [/^Commands:/gm, '命令:'],
  [/^Arguments:/gm, '参数:'],
  [/\(choices: /g, '(可选值: '],
  [/\(default: /g, '(默认: '],
  [/display help for command/g, '显示命令帮助'],
  [/output the version number/g, '显示版本号'],
  [/unknown option '([^']*)'/g, "未知选项 '$1'"],
  [/unknown command '([^']*)'/g, "未知命令 '$1'"],
  [/too many arguments(?: for '([^']*)')?/g, '参数过多'],
  [/missing required argument '([^']*)'/g, "缺少必需参数 '$1'"],
  [/option '([^']*)' argument missing/g, "选项 '$1' 缺少值"],
  [/option '([^']*)' argument '([^']*)' is invalid\./g, "选项 '$1' 的值 '$2' 无效。"],
  [/Allowed choices are /g, '可选值:'],
  [/\(Did you mean ([^?]*)\?\)/g, '(是否想用 $1?)'],
];

export function localiseCommander(text: string, lang: Ctx['lang']): string {
  return lang === 'zh' ? COMMANDER_ZH.reduce((s, [re, zh]) => s.replace(re, zh), text) : text;
}

function fail(ctx: Ctx, lines: string[]): number {
  ctx.io.stderr.write(lines.map((l, i) => (i === 0 ? ctx.t('err.prefix') + l : '  ' + l)).join('\n') + '\n');
  return EXIT.usage;
}

/** Runs zibo with `argv` (without node and script) and returns the exit code. Nothing here calls process.exit. */
export async function run(argv: string[], io: IO, deps: Deps = {}): Promise<number> {
  const ctx = createCtx(io, { dataFile: dataFileFrom(argv, io.env), loadDataFile, ...deps });
  try {
    const program = buildProgram(ctx);
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    return handleError(e, ctx);
  }
}

export function handleError(e: unknown, ctx: Ctx): number {
  const { t } = ctx;
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.found;
    if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT.found : EXIT.usage; // `zibo` alone: help on stderr
    // commander has already printed its message through outputError.
    ctx.io.stderr.write(`  ${t('err.usageHint')}\n`);
    return EXIT.usage;
  }
  if (e instanceof LookupError) return fail(ctx, lookupMessage(e, t));
  if (e instanceof UsageError) return fail(ctx, [e.message, ...e.hints]);
  if (e instanceof CorpusError) return fail(ctx, [t('err.corpus', { msg: e.message })]);
  const err = e instanceof Error ? e : new Error(String(e));
  const lines = [t('err.internal', { msg: err.message })];
  if (ctx.io.env.ZIBO_DEBUG) lines.push(...(err.stack ?? '').split('\n').slice(1));
  return fail(ctx, lines);
}
