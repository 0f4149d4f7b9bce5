// `zibo completion bash|zsh|fish`: completion of commands, options, topics, domains, formats and fields.

import { Command } from 'commander';
import type { Ctx } from './context.js';
import { LookupError, suggest } from '../core/suggest.js';
import { DOMAIN_ALIASES } from '../core/filters.js';
import { FORMATS } from '../render/types.js';
import { FACT_COLUMNS } from './columns.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

export interface CompletionSpec {
  commands: Array<{ name: string; description: string; options: string[] }>;
  globalOptions: string[];
  topics: string[];
  domains: string[];
  formats: string[];
  fields: string[];
  langs: string[];
}

/** What to complete, read from the program itself so it never drifts from the real options. */
export function completionSpec(program: Command, topics: string[]): CompletionSpec {
  const longs = (c: Command) => c.options.map((o) => o.long).filter((x): x is string => !!x);
  return {
    commands: program.commands.map((c) => ({ name: c.name(), description: c.description(), options: [...longs(c), '--help'] })),
    globalOptions: [...longs(program), '--help', '--version'],
    topics,
    domains: Object.keys(DOMAIN_ALIASES).filter((d) => /^[a-z-]+$/.test(d)),
    formats: [...FORMATS],
    fields: FACT_COLUMNS.map((c) => c.key),
    langs: ['en', 'zh'],
  };
}

const words = (xs: string[]) => xs.map((x) => x.replace(/[^\p{L}\p{N}_.,-]/gu, '')).filter(Boolean).join(' ');
const valueOptions = (s: CompletionSpec): Array<[string, string[]]> => [
  ['--topic', s.topics], ['--domain', s.domains], ['--format', s.formats], ['--lang', s.langs], ['--fields', s.fields],
];

export function bashScript(s: CompletionSpec): string {
  const cases = s.commands.map((c) => `    ${c.name}) opts="${words([...c.options, ...s.globalOptions])}" ;;`).join('\n');
  const values = valueOptions(s).map(([o, v]) => `    ${o}) COMPREPLY=( $(compgen -W "${words(v)}" -- "$cur") ); return ;;`).join('\n');
  return `# zibo bash completion: eval "$(zibo completion bash)"
_zibo() {
  local cur prev cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
${values}
    completion) COMPREPLY=( $(compgen -W "bash zsh fish" -- "$cur") ); return ;;
  esac
  cmd=""
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$w" in -*) ;; *) cmd="$w"; break ;; esac
  done
  case "$cmd" in
${cases}
    *) opts="${words(s.commands.map((c) => c.name))} ${words(s.globalOptions)}" ;;
  esac
  COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
}
complete -F _zibo zibo
`;
}

export function zshScript(s: CompletionSpec): string {
  const cmds = s.commands.map((c) => `    '${c.name}:${c.description.replace(/'/g, '')}'`).join('\n');
  const values = valueOptions(s).map(([o, v]) => `    ${o}) compadd -- ${words(v)}; return ;;`).join('\n');
  const cases = s.commands.map((c) => `    ${c.name}) compadd -- ${words([...c.options, ...s.globalOptions])} ;;`).join('\n');
  return `#compdef zibo
# zibo zsh completion: eval "$(zibo completion zsh)"  (or save as _zibo in your $fpath)
_zibo() {
  local -a cmds
  cmds=(
${cmds}
  )
  case "\${words[CURRENT-1]}" in
${values}
    completion) compadd -- bash zsh fish; return ;;
  esac
  if (( CURRENT == 2 )); then
    _describe 'command' cmds
    compadd -- ${words(s.globalOptions)}
    return
  fi
  case "\${words[2]}" in
${cases}
  esac
}
compdef _zibo zibo
`;
}

export function fishScript(s: CompletionSpec): string {
  const lines = ['# zibo fish completion: zibo completion fish | source', 'complete -c zibo -f'];
  for (const c of s.commands) {
    lines.push(`complete -c zibo -n '__fish_use_subcommand' -a ${c.name} -d '${c.description.replace(/'/g, '')}'`);
    for (const o of c.options) {
      const values = valueOptions(s).find(([name]) => name === o)?.[1];
      const arg = values ? ` -r -a '${words(values)}'` : '';
      lines.push(`complete -c zibo -n '__fish_seen_subcommand_from ${c.name}' -l ${o.slice(2)}${arg}`);
    }
  }
  for (const o of s.globalOptions) {
    const values = valueOptions(s).find(([name]) => name === o)?.[1];
    lines.push(`complete -c zibo -l ${o.slice(2)}${values ? ` -r -a '${words(values)}'` : ''}`);
  }
  lines.push("complete -c zibo -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'");
  return lines.join('\n') + '\n';
}

export function runCompletion(shell: string, program: Command, ctx: Ctx): void {
  const name = shell.trim().toLowerCase();
  if (!(SHELLS as readonly string[]).includes(name)) {
    throw new LookupError('shell', shell, SHELLS, suggest(name, SHELLS.map((x) => [x, x])));
  }
  let topics: string[] = [];
  try {
    topics = ctx.corpus().topics.flatMap((t) => [t.name, t.pinyin, t.en.replace(/\s+/g, '-')]);
  } catch {
    // Completion still works for commands and options when the corpus cannot be read.
  }
  const spec = completionSpec(program, topics);
  const script = name === 'bash' ? bashScript(spec) : name === 'zsh' ? zshScript(spec) : fishScript(spec);
  ctx.io.stdout.write(script);
}

export function completionCommand(ctx: Ctx, program: Command): Command {
  return new Command('completion')
    .description(ctx.t('cmd.completion'))
    .argument('<shell>', ctx.t('arg.shell'))
    .action((shell: string) => runCompletion(shell, program, ctx));
}
