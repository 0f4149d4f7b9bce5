// The one place where the command line is parsed (by commander) and where errors become messages and exit codes.
//
// The root program holds the global options and, for each command of the manifest (manifest.ts), a stub: its name
// and summary, enough for commander to find the command argv names, list commands in `zibo --help` and suggest a
// near name for a typo. When commander dispatches to a stub, its preSubcommand hook loads that command's module,
// builds the real command (`xxxCommand(ctx)`) and hands it the rest of the parse. So a run builds one command, and
// every token of argv is read once, by commander. The context (language, colour, data file) is made after the
// global options are parsed, wherever on the line they were written.

import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { version } from '../../package.json';
import { COLOR_WHEN, LANGS, withFlags, type GlobalFlags, type IO } from '../io.js';
import { CorpusError } from '../core/schema.js';
import { LookupError } from '../core/suggest.js';
import { createCtx, type Ctx, type Deps } from './context.js';
import { UsageError, lookupMessage } from './errors.js';
import { translator, type Translate } from './i18n.js';
import { COMMANDS, type CommandEntry } from './manifest.js';
import { exampleLines, helpWidth, wrapHelp } from './help.js';
import { sanitize } from '../render/sanitize.js';

export const EXIT = { found: 0, nothing: 1, usage: 2 } as const;

const EXAMPLES = [
  'zibo facts --topic 公交',
  "zibo search 数据中心 --json | jq '.[0].text'",
  'zibo show uc-002',
  'zibo facts --domain dg --sort -scaled --limit 5',
  'zibo topics',
];

/** `zibo` alone: a short usage with examples (on stderr, exit 2). */
function shortUsage(t: Translate, width: number): string {
  const more = wrapHelp(t('help.more', { list: COMMANDS.map((c) => c.name).join(', ') }), width);
  return `${wrapHelp(t('help.usage'), width)}\n\n${exampleLines(t('help.examples'), EXAMPLES, width)}\n${more}\n`;
}

/** The global options as commander parsed them. */
interface Globals extends GlobalFlags {
  data?: string;
}

/** A value of a fixed list, in any case (`--lang EN`, `--color Always`), with commander's own message otherwise. */
function choice<T extends string>(values: readonly T[]) {
  return (input: string): T => {
    const v = input.trim().toLowerCase() as T;
    if (!values.includes(v)) throw new InvalidArgumentError(`Allowed choices are ${values.join(', ')}.`);
    return v;
  };
}

/** The texts of the root program, in the language of `t` (set again once --lang is known, before root help). */
function localiseRoot(root: Command, t: Translate): void {
  root.description(t('prog.description'));
  const describe = (long: string, text: string) => {
    const o = root.options.find((x) => x.long === long);
    if (o) o.description = text;
  };
  describe('--lang', t('opt.lang'));
  describe('--color', t('opt.color'));
  describe('--no-color', t('opt.noColor'));
  describe('--data', t('opt.data'));
  for (const entry of COMMANDS) root.commands.find((c) => c.name() === entry.name && isStub(c))?.description(t(entry.summary));
}

const stubs = new WeakSet<Command>();
const isStub = (c: Command) => stubs.has(c);

/**
 * The root program: settings (subcommands copy them), global options, and a stub per command. `ctx` gives the
 * context of the run, made on first need after the global options are parsed.
 */
function createRoot(io: IO, ctx: () => Ctx, withStubs: boolean): Command {
  const t0 = translator(io.lang);
  const root = new Command('zibo');
  let errorContext = false;
  root
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // commander echoes what was typed (an unknown option or command): shown through the sanitiser, as all input is.
      outputError: (s, write) => write(`zibo: ${sanitize(localiseCommander(s.replace(/^error: /, ''), ctx().lang))}`),
      getOutHelpWidth: () => io.columns,
      getErrHelpWidth: () => io.columns,
    })
    .configureHelp({
      prepareContext(this: Help, options) {
        Help.prototype.prepareContext.call(this, options);
        errorContext = options.error === true;
      },
      formatHelp: (cmd, helper) => {
        const c = ctx();
        if (cmd === root && errorContext) return shortUsage(c.t, io.columns); // `zibo` alone
        if (cmd === root) localiseRoot(root, c.t);
        return localiseCommander(Help.prototype.formatHelp.call(helper, cmd, helper), c.lang);
      },
      displayWidth: helpWidth,
      boxWrap: wrapHelp,
      // Commands are listed by name: their arguments and options are in their own help.
      subcommandTerm: (cmd) => cmd.name(),
      minWidthToWrap: 12,
    })
    .showSuggestionAfterError(true)
    .description(t0('prog.description'))
    .version(version, '-V, --version')
    .helpOption('-h, --help')
    .addOption(new Option('--lang <lang>', t0('opt.lang')).choices(LANGS).argParser(choice(LANGS)))
    .addOption(new Option('--color <when>', t0('opt.color')).choices(COLOR_WHEN).argParser(choice(COLOR_WHEN)))
    .option('--no-color', t0('opt.noColor'))
    .addOption(new Option('--data <file>', t0('opt.data')).argParser((file: string) => {
      if (file.trim() === '') throw new InvalidArgumentError(ctx().t('err.dataEmpty'));
      return file;
    }))
    .helpCommand(false) // `help` is a command of its own below, so that it can load the command it explains
    .addHelpText('before', ({ error }) => {
      if (error) return '';
      const { t } = ctx();
      return `${wrapHelp(`zibo ${version}: ${t('prog.description')}`, io.columns)}\n\n${exampleLines(t('help.examples'), EXAMPLES, io.columns)}`;
    })
    .addHelpText('after', ({ error }) => (error ? '' : `\n${wrapHelp(ctx().t('help.exit'), io.columns)}\n`));
  if (withStubs) {
    for (const entry of COMMANDS) {
      const stub = new Command(entry.name).description(t0(entry.summary));
      stubs.add(stub);
      root.addCommand(stub);
    }
    root.addCommand(new Command('help').description('display help for command').argument('[command]').action(async (name?: string) => {
      const entry = COMMANDS.find((c) => c.name === name);
      if (name !== undefined && !entry) root.help({ error: true });
      if (!entry) return root.outputHelp();
      const stub = root.commands.find((c) => c.name() === entry.name)!;
      const cmd = await buildCommand(entry, ctx(), root, entry.wholeProgram ? await buildProgram(ctx()) : root);
      adopt(root, stub, cmd);
      cmd.outputHelp();
    }).copyInheritedSettings(root));
  }
  return root;
}

/** The command of `entry`, built from its module, with the root's settings. */
async function buildCommand(entry: CommandEntry, ctx: Ctx, root: Command, program: Command): Promise<Command> {
  const make = await entry.load();
  const cmd = make(ctx, program).copyInheritedSettings(root);
  // A function, so that the text is wrapped only when help is shown.
  if (!entry.ownExitCodes) cmd.addHelpText('after', () => `\n${wrapHelp(ctx.t('help.exit'), ctx.io.columns)}\n`);
  return cmd;
}

/** What commander calls on a subcommand to parse the rest of the line once it has been dispatched to. */
interface Parsing {
  _parseCommand(operands: string[], unknown: string[]): unknown;
}

/** Puts `real` in the place of `stub`: listed, parented and parsing for it (commander has already chosen the stub). */
function adopt(root: Command, stub: Command, real: Command): void {
  const commands = root.commands as Command[];
  commands[commands.indexOf(stub)] = real;
  (real as { parent: Command | null }).parent = root;
  (stub as unknown as Parsing)._parseCommand = (operands, unknown) => (real as unknown as Parsing)._parseCommand(operands, unknown);
}

/** The whole program, every command built: what completion describes. */
export async function buildProgram(ctx: Ctx): Promise<Command> {
  const program = createRoot(ctx.io, () => ctx, false);
  for (const entry of COMMANDS) program.addCommand(await buildCommand(entry, ctx, program, program));
  return program;
}

/** Runs zibo with `argv` (without node and script) and returns the exit code. Nothing here calls process.exit. */
export async function run(argv: string[], io: IO, deps: Deps = {}): Promise<number> {
  let ctx: Ctx | undefined;
  let readDataFile = deps.loadDataFile;
  const root = createRoot(io, () => (ctx ??= makeCtx()), true);
  const globals = () => root.opts<Globals>();
  const dataFile = () => globals().data ?? (io.env.ZIBO_DATA || undefined);
  function makeCtx(): Ctx {
    const needsReader = dataFile() !== undefined && !deps.loadCorpus && !readDataFile;
    return createCtx(withFlags(io, globals()), {
      ...deps,
      dataFile: dataFile(),
      loadDataFile: needsReader ? () => { throw new Error('the data-file reader was not loaded'); } : readDataFile,
    });
  }
  root.hook('preSubcommand', async (_root, stub) => {
    const entry = COMMANDS.find((c) => c.name === stub.name());
    if (!entry) return; // `help`: built already
    // The data-file reader (and the index code behind it) is loaded only when there is a data file to read.
    if (dataFile() !== undefined && !deps.loadCorpus && !readDataFile) readDataFile = (await import('../core/data-file.js')).loadDataFile;
    ctx = makeCtx();
    const program = entry.wholeProgram ? await buildProgram(ctx) : root;
    adopt(root, stub, await buildCommand(entry, ctx, root, program));
  });
  try {
    await root.parseAsync(argv, { from: 'user' });
    return (ctx ??= makeCtx()).exitCode;
  } catch (e) {
    return handleError(e, (ctx ??= makeCtx()));
  }
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
  // A message may quote input (a file name, a value): every line goes through the sanitiser, as all input does.
  ctx.io.stderr.write(lines.map((l, i) => (i === 0 ? ctx.t('err.prefix') : '  ') + sanitize(l, { oneLine: true })).join('\n') + '\n');
  return EXIT.usage;
}

export function handleError(e: unknown, ctx: Ctx): number {
  const { t } = ctx;
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.found;
    if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT.found : EXIT.usage; // `zibo` alone: usage on stderr
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
