// Every command of zibo, by name, with its one-line summary and the module that builds it. A run builds only the
// command its command line names (commander finds the name; src/cli/program.ts loads that module); the whole
// program is assembled only for `completion`. Adding a command is one line here.

import type { Command } from 'commander';
import type { Ctx } from './context.js';
import type { MessageKey } from './i18n.js';

/** A command module's builder: `xxxCommand(ctx)` (completion also takes the whole program). */
export type CommandBuilder = (ctx: Ctx, program: Command) => Command;

export interface CommandEntry {
  name: string;
  /** Shown in `zibo --help` (the module's own description replaces it once the module is loaded). */
  summary: MessageKey;
  load(): Promise<CommandBuilder>;
  /** The command states its own exit codes in its help (`check`: 1 = a figure disagrees). */
  ownExitCodes?: boolean;
  /** The builder needs the whole program, every command built (completion). */
  wholeProgram?: boolean;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'facts', summary: 'cmd.facts', load: async () => (await import('./facts.js')).factsCommand },
  { name: 'search', summary: 'cmd.search', load: async () => (await import('./search.js')).searchCommand },
  { name: 'show', summary: 'cmd.show', load: async () => (await import('./show.js')).showCommand },
  { name: 'topics', summary: 'cmd.topics', load: async () => (await import('./topics.js')).topicsCommand },
  { name: 'sources', summary: 'cmd.sources', load: async () => (await import('./sources.js')).sourcesCommand },
  { name: 'cite', summary: 'cmd.cite', load: async () => (await import('./cite.js')).citeCommand },
  { name: 'check', summary: 'cmd.check', load: async () => (await import('./check.js')).checkCommand, ownExitCodes: true },
  { name: 'extract', summary: 'cmd.extract', load: async () => (await import('./extract.js')).extractCommand },
  { name: 'add', summary: 'cmd.add', load: async () => (await import('./add.js')).addCommand },
  { name: 'remove', summary: 'cmd.remove', load: async () => (await import('./remove.js')).removeCommand },
  { name: 'find', summary: 'cmd.find', load: async () => (await import('./find.js')).findCommand, ownExitCodes: true },
  { name: 'completion', summary: 'cmd.completion', load: async () => (await import('./completion.js')).completionCommand, wholeProgram: true },
];
