// `zibo completion bash|zsh|fish`: completion of commands, options and their values: each command's own --fields
// and --format values, topics, domains (城建, 数字政府 …), release ids, sort keys, and fact ids for `show`/`cite`.
// Everything is read from the program itself and the corpus, so it never drifts from what the commands accept.

import { Command } from 'commander';
import type { Ctx } from './context.js';
import { LookupError, suggest } from '../core/suggest.js';
import { DOMAIN_ALIASES, SORT_KEYS } from '../core/filters.js';
import { FORMATS } from '../render/types.js';
import { checkColumns, extractColumns, FACT_COLUMNS, SEARCH_EXTRA_COLUMNS, sourceColumns, topicColumns } from './columns.js';
import { CITE_FORMATS } from './cite.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

const keys = (cols: ReadonlyArray<{ key: string }>) => cols.map((c) => c.key);

/** The --fields each command accepts (the columns it selects from). A command not listed gets no field values. */
export const COMMAND_FIELDS: Readonly<Record<string, readonly string[]>> = {
  facts: keys(FACT_COLUMNS),
  search: keys([...FACT_COLUMNS, ...SEARCH_EXTRA_COLUMNS]),
  show: keys(FACT_COLUMNS),
  topics: keys(topicColumns()),
  sources: keys(sourceColumns()),
  check: keys(checkColumns()),
  extract: keys(extractColumns()),
  add: keys(FACT_COLUMNS), // the facts `add --dry-run` lists
};

/** The --format values of a command whose formats differ from the general ones. */
export const COMMAND_FORMATS: Readonly<Record<string, readonly string[]>> = { cite: CITE_FORMATS };

/** Commands whose argument is a fact id. */
export const FACT_ID_COMMANDS: ReadonlySet<string> = new Set(['show', 'cite']);

/** An option as completion sees it: its spellings and, when it takes a value, what the value can be. */
export interface OptionSpec {
  /** `--topic`, and `-t` when it has a short form. */
  names: string[];
  /** Values to offer; `file` for a file name; undefined for a flag that takes no value. */
  values?: string[] | 'file';
  /** A comma-separated list (--fields, --topic …): each piece is completed. */
  list?: boolean;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** What its arguments complete to (fact ids for show/cite, shells for completion). */
  args: string[];
}

export interface CompletionSpec {
  commands: CommandSpec[];
  globalOptions: OptionSpec[];
}

/** What the corpus contributes; every list may be empty when the corpus cannot be read. */
export interface CompletionData {
  topics: string[];
  releases: string[];
  factIds: string[];
}

const LIST_OPTIONS = new Set(['--fields', '--topic', '--domain', '--release']);
const FILE_OPTIONS = new Set(['--data', '--file']);

function valuesFor(long: string, command: string | undefined, data: CompletionData): string[] | 'file' | undefined {
  if (FILE_OPTIONS.has(long)) return 'file';
  switch (long) {
    case '--topic': return data.topics;
    case '--domain': return Object.keys(DOMAIN_ALIASES);
    case '--release': return data.releases;
    case '--format': return [...(command && COMMAND_FORMATS[command] ? COMMAND_FORMATS[command] : FORMATS)];
    case '--fields': return [...(command ? COMMAND_FIELDS[command] ?? [] : [])];
    case '--lang': return ['en', 'zh'];
    case '--sort': return SORT_KEYS.flatMap((k) => [k, `-${k}`]);
    case '--color': return ['auto', 'always', 'never'];
    default: return undefined;
  }
}

function optionSpecs(cmd: Command, command: string | undefined, data: CompletionData): OptionSpec[] {
  const out: OptionSpec[] = [];
  for (const o of cmd.options) {
    if (!o.long || o.hidden) continue;
    const takesValue = o.required || o.optional;
    const values = takesValue ? valuesFor(o.long, command, data) ?? [] : undefined;
    out.push({ names: o.short ? [o.long, o.short] : [o.long], values, list: LIST_OPTIONS.has(o.long) || undefined });
  }
  return out;
}

/** What a command's arguments complete to: fact ids (show, cite), release ids (remove), shells (completion). */
function argsOf(command: string, data: CompletionData): string[] {
  if (FACT_ID_COMMANDS.has(command)) return data.factIds;
  if (command === 'remove') return data.releases;
  return command === 'completion' ? [...SHELLS] : [];
}

/** What to complete, read from the program itself so it never drifts from the real options. */
export function completionSpec(program: Command, data: CompletionData): CompletionSpec {
  const globalOptions: OptionSpec[] = [
    ...optionSpecs(program, undefined, data),
    { names: ['--help', '-h'] },
  ];
  // commander keeps --version among the options when .version() was called; make sure it is listed exactly once.
  if (!globalOptions.some((o) => o.names.includes('--version'))) globalOptions.push({ names: ['--version', '-V'] });
  const commands = program.commands.map((c) => ({
    name: c.name(),
    description: c.description(),
    options: optionSpecs(c, c.name(), data),
    args: argsOf(c.name(), data),
  }));
  return { commands, globalOptions };
}

/** Words safe to put unquoted in a shell script: letters (Chinese included), digits and `_ . , -`. */
const safe = (x: string) => x.replace(/[^\p{L}\p{N}_.,-]/gu, '');
const words = (xs: readonly string[]) => [...new Set(xs.map(safe).filter(Boolean))].join(' ');
const longs = (os: OptionSpec[]) => os.map((o) => o.names[0]!);
const allNames = (os: OptionSpec[]) => os.flatMap((o) => o.names);
const valued = (os: OptionSpec[]) => os.filter((o) => o.values !== undefined);
const quoteSq = (s: string) => s.replace(/'/g, '');

/** Every option of a command, its own first, then the global ones (each spelling once). */
function optionsOf(c: CommandSpec, s: CompletionSpec): OptionSpec[] {
  const seen = new Set<string>();
  return [...c.options, ...s.globalOptions].filter((o) => !seen.has(o.names[0]!) && seen.add(o.names[0]!));
}

/**
 * The part of the bash and zsh scripts (same syntax) that finds the command, skipping the values of options, and
 * completes an option's value by the option before the cursor: the command's own options first, then the global ones.
 */
function valueCases(s: CompletionSpec, value: (o: OptionSpec) => string, at: { words: string; first: number; current: string }): string {
  const valueNames = [...new Set([...allNames(valued(s.globalOptions)), ...s.commands.flatMap((c) => allNames(valued(c.options)))])].join('|');
  const prevCases = (os: OptionSpec[], indent: string) => valued(os).map((o) => `${indent}${o.names.join('|')}) ${value(o)}; return ;;`).join('\n');
  const perCommand = s.commands
    .map((c) => {
      const inner = prevCases(c.options, '        ');
      return inner ? `    ${c.name})\n      case "$prev" in\n${inner}\n      esac ;;` : '';
    })
    .filter(Boolean)
    .join('\n');
  return `  for ((i = ${at.first}; i < ${at.current}; i++)); do
    w="\${${at.words}[i]}"
    case "$w" in
      ${valueNames}) ((i++)) ;;
      -*) ;;
      *) cmd="$w"; break ;;
    esac
  done
  case "$cmd" in
${perCommand}
  esac
  case "$prev" in
${prevCases(s.globalOptions, '    ')}
  esac`;
}

function bashValues(o: OptionSpec): string {
  if (o.values === 'file') return 'COMPREPLY=( $(compgen -f -- "$cur") )';
  if (o.values!.length === 0) return 'COMPREPLY=()';
  return o.list ? `_zibo_list "$cur" "${words(o.values as string[])}"` : `COMPREPLY=( $(compgen -W "${words(o.values as string[])}" -- "$cur") )`;
}

export function bashScript(s: CompletionSpec): string {
  const words_ = s.commands.map((c) => `    ${c.name}) opts="${words(longs(optionsOf(c, s)))}"${c.args.length ? `; args="${words(c.args)}"` : ''} ;;`).join('\n');
  return `# zibo bash completion: eval "$(zibo completion bash)"
_zibo_list() {
  # A comma-separated value: complete the piece after the last comma.
  local cur="$1" pre=""
  case "$cur" in *,*) pre="\${cur%,*},"; cur="\${cur##*,}" ;; esac
  COMPREPLY=( $(compgen -P "$pre" -W "$2" -- "$cur") )
}
_zibo() {
  local cur prev cmd="" opts args="" i w
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
${valueCases(s, bashValues, { words: 'COMP_WORDS', first: 1, current: 'COMP_CWORD' })}
  case "$cmd" in
${words_}
    *) opts="${words(s.commands.map((c) => c.name))} ${words(longs(s.globalOptions))}" ;;
  esac
  # Before the command: commands and global options; after it: its options for "-…", else its arguments (fact ids
  # for show and cite), or its options when it takes none.
  case "$cur" in
    -*) COMPREPLY=( $(compgen -W "$opts" -- "$cur") ) ;;
    *) if [ -z "$cmd" ]; then COMPREPLY=( $(compgen -W "$opts" -- "$cur") ); else COMPREPLY=( $(compgen -W "\${args:-$opts}" -- "$cur") ); fi ;;
  esac
}
complete -F _zibo zibo
`;
}

function zshValues(o: OptionSpec): string {
  if (o.values === 'file') return '_files';
  if (o.values!.length === 0) return ':';
  const vs = words(o.values as string[]);
  return o.list ? `_values -s , 'value' ${vs}` : `compadd -- ${vs}`;
}

export function zshScript(s: CompletionSpec): string {
  const cmds = s.commands.map((c) => `    '${c.name}:${quoteSq(c.description).replace(/:/g, ' ')}'`).join('\n');
  const cases = s.commands
    .map((c) => `    ${c.name}) compadd -- ${words(longs(optionsOf(c, s)))}${c.args.length ? `; [[ $PREFIX != -* ]] && compadd -- ${words(c.args)}` : ''} ;;`)
    .join('\n');
  return `#compdef zibo
# zibo zsh completion: eval "$(zibo completion zsh)"  (or save as _zibo in your $fpath)
_zibo() {
  local -a cmds
  local cmd="" prev="\${words[CURRENT-1]}" i w
  cmds=(
${cmds}
  )
${valueCases(s, zshValues, { words: 'words', first: 2, current: 'CURRENT' })}
  if [[ -z $cmd ]]; then
    _describe 'command' cmds
    compadd -- ${words(longs(s.globalOptions))}
    return
  fi
  case "$cmd" in
${cases}
  esac
}
compdef _zibo zibo
`;
}

function fishOption(o: OptionSpec, condition: string): string {
  const [long, short] = o.names;
  let line = `complete -c zibo${condition} -l ${long!.slice(2)}`;
  if (short) line += ` -s ${short.slice(1)}`;
  if (o.values === 'file') line += ' -r -F';
  else if (o.values) line += ` -x -a '${words(o.values)}'`;
  return line;
}

export function fishScript(s: CompletionSpec): string {
  const lines = ['# zibo fish completion: zibo completion fish | source', 'complete -c zibo -f'];
  for (const c of s.commands) {
    lines.push(`complete -c zibo -n '__fish_use_subcommand' -a ${c.name} -d '${quoteSq(c.description)}'`);
    const when = ` -n '__fish_seen_subcommand_from ${c.name}'`;
    for (const o of c.options) lines.push(fishOption(o, when));
    if (c.args.length) lines.push(`complete -c zibo${when} -a '${words(c.args)}'`);
  }
  // Global options are valid before and after the command: listed once, without a condition.
  for (const o of s.globalOptions) lines.push(fishOption(o, ''));
  return lines.join('\n') + '\n';
}

/** The corpus's part of completion: topics (Chinese, pinyin, English), release ids, fact ids. */
export function completionData(ctx: Ctx): CompletionData {
  try {
    const { topics, releases, facts } = ctx.corpus();
    return {
      topics: topics.flatMap((t) => [t.name, t.pinyin, t.en.replace(/\s+/g, '-')]),
      releases: releases.map((r) => r.id),
      factIds: facts.map((f) => f.id),
    };
  } catch {
    // Completion still works for commands and options when the corpus cannot be read.
    return { topics: [], releases: [], factIds: [] };
  }
}

export function runCompletion(shell: string, program: Command, ctx: Ctx): void {
  const name = shell.trim().toLowerCase();
  if (!(SHELLS as readonly string[]).includes(name)) {
    throw new LookupError('shell', shell, SHELLS, suggest(name, SHELLS.map((x) => [x, x])));
  }
  const spec = completionSpec(program, completionData(ctx));
  const script = name === 'bash' ? bashScript(spec) : name === 'zsh' ? zshScript(spec) : fishScript(spec);
  ctx.io.stdout.write(script);
}

export function completionCommand(ctx: Ctx, program: Command): Command {
  return new Command('completion')
    .description(ctx.t('cmd.completion'))
    .argument('<shell>', ctx.t('arg.shell'))
    .action((shell: string) => runCompletion(shell, program, ctx));
}
