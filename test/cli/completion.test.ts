// Issue 15 item 7: completion offers each command's own --fields, fact ids and release ids, 城建/数字政府 for
// --domain, and --help/--version once. Bash is run for real on the generated script; zsh and fish are checked on
// the script text (neither shell is needed on the build machine).

import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { createCtx } from '../../src/cli/context.js';
import { COMMAND_FIELDS, completionData, completionSpec } from '../../src/cli/completion.js';
import { cli, fakeIO, fixture } from '../helpers/cli.js';

const script = async (shell: string) => {
  const r = await cli(['completion', shell]);
  expect(r.code).toBe(0);
  return r.stdout;
};
const HAS_BASH = spawnSync('bash', ['-c', 'compgen -W "a b" -- a'], { encoding: 'utf8' }).stdout === 'a\n';
const FIXTURE_IDS = fixture().facts.map((f) => f.id);

describe.skipIf(!HAS_BASH)('bash', () => {
  let text = '';
  /** What bash offers for the command line `words` (the last word is the one being completed). */
  const complete = async (...words: string[]) => {
    text ||= await script('bash');
    const q = (w: string) => `'${w.replace(/'/g, "'\\''")}'`;
    const run = `${text}\nCOMP_WORDS=(zibo ${words.map(q).join(' ')}); COMP_CWORD=${words.length}; _zibo; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', run], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  };

  it('each command offers its own --fields', async () => {
    expect(await complete('topics', '--fields', '')).toEqual(['name', 'en', 'pinyin', 'aliases', 'enAliases', 'count']);
    expect(await complete('sources', '-f', 'fact')).toEqual(['factCount']);
    expect(await complete('facts', '--fields', 'sc')).toEqual(['scaled']);
    expect(await complete('search', 'x', '--fields', 'ex')).toEqual(['explain']);
    expect(await complete('check', '--fields', 'source')).toEqual(['sourceFigure', 'source']);
  });

  it('a comma-separated --fields completes its last piece', async () => {
    expect(await complete('facts', '--fields', 'id,va')).toEqual(['id,value']);
  });

  it('fact ids for show and cite, release ids for --release', async () => {
    expect(await complete('show', '')).toEqual(FIXTURE_IDS);
    expect(await complete('cite', 'dg')).toEqual(['dg-001', 'dg-002', 'dg-003']);
    expect(await complete('facts', '--release', '')).toEqual(['uc-2022-12-08', 'dg-2022-12-08']);
  });

  it('--domain offers the Chinese names too; -t is --topic', async () => {
    expect(await complete('facts', '--domain', '')).toEqual(expect.arrayContaining(['城建', '数字政府', 'uc', 'dg']));
    expect(await complete('facts', '-d', '数')).toEqual(['数字政府']);
    expect(await complete('search', '-t', 'gong')).toEqual(['gongjiao']);
  });

  it('lists --help and --version once, and finds the command after a global option with a value', async () => {
    const opts = await complete('facts', '--');
    expect(opts.filter((o) => o === '--help')).toHaveLength(1);
    expect(opts.filter((o) => o === '--version')).toHaveLength(1);
    expect(opts).toContain('--no-pager');
    expect(opts).not.toContain('--pager');
    const top = await complete('--');
    expect(top.filter((o) => o === '--help')).toHaveLength(1);
    expect(await complete('--lang', 'zh', 'topics', '--fields', 'co')).toEqual(['count']);
    expect(await complete('--lang', '')).toEqual(['en', 'zh']);
  });

  it('offers commands first, and nothing for a value it cannot know', async () => {
    expect(await complete('to')).toEqual(['topics']);
    expect(await complete('facts', '--limit', '')).toEqual([]);
    expect(await complete('cite', '--format', '')).toEqual(['text', 'json', 'md']);
  });
});

describe('zsh', () => {
  it('per-command --fields, fact ids, domains, --help/--version once', async () => {
    const z = await script('zsh');
    expect(z.startsWith('#compdef zibo\n')).toBe(true);
    const topicsBlock = z.slice(z.indexOf('    topics)\n'), z.indexOf('    sources)\n'));
    expect(topicsBlock).toContain("--fields|-f) _values -s , 'value' name en pinyin aliases enAliases count; return ;;");
    expect(z).toContain(`show) compadd -- --json --format --fields --no-pager`);
    expect(z).toContain(`[[ $PREFIX != -* ]] && compadd -- ${FIXTURE_IDS.join(' ')}`);
    expect(z).toContain("--domain|-d) _values -s , 'value' urban-construction urban uc 城建 城市建设 digital-government digital dg 数字政府; return ;;");
    const facts = /^ {4}facts\) compadd -- (.*) ;;$/m.exec(z)![1]!.split(' ');
    expect(facts.filter((o) => o === '--help')).toHaveLength(1);
    expect(facts.filter((o) => o === '--version')).toHaveLength(1);
  });
});

describe('fish', () => {
  it('per-command --fields, fact ids, domains, --help/--version once', async () => {
    const f = await script('fish');
    expect(f).toContain("complete -c zibo -n '__fish_seen_subcommand_from topics' -l fields -s f -x -a 'name en pinyin aliases enAliases count'");
    expect(f).toContain(`complete -c zibo -n '__fish_seen_subcommand_from show' -a '${FIXTURE_IDS.join(' ')}'`);
    expect(f).toContain("-l release -x -a 'uc-2022-12-08 dg-2022-12-08'");
    expect(f).toMatch(/-l domain -s d -x -a '[^']*城建[^']*数字政府'/);
    expect(f.match(/^complete -c zibo.* -l help\b/gm)).toHaveLength(1);
    expect(f.match(/^complete -c zibo.* -l version\b/gm)).toHaveLength(1);
    expect(f).not.toMatch(/-l pager\b/);
  });
});

describe('the completion spec', () => {
  const ctx = createCtx(fakeIO().io, { loadCorpus: fixture });
  const built = buildProgram(ctx);

  it('every command with --fields has its field list, and the command accepts each of them', async () => {
    const program = await built;
    for (const cmd of program.commands) {
      if (!cmd.options.some((o) => o.long === '--fields')) continue;
      const fields = COMMAND_FIELDS[cmd.name()];
      expect(fields, cmd.name()).toBeDefined();
      const args: Record<string, string[]> = { search: ['公交'], show: ['uc-002'], check: ['调整公交线路41条'], extract: ['调整公交线路41条'],
        add: [fileURLToPath(new URL('../core/library/fixtures/environment.md', import.meta.url)), '--dry-run'] };
      const r = await cli([cmd.name(), ...(args[cmd.name()] ?? []), '--json', '--fields', fields!.join(',')]);
      expect(r.stderr, cmd.name()).toBe('');
    }
  });

  it('the options come from the program: a new option is completed without touching completion.ts', async () => {
    const program = await built;
    const spec = completionSpec(program, completionData(ctx));
    const facts = spec.commands.find((c) => c.name === 'facts')!;
    const names = facts.options.flatMap((o) => o.names);
    for (const o of program.commands.find((c) => c.name() === 'facts')!.options) if (!o.hidden) expect(names).toContain(o.long);
  });

  it('an unreadable corpus still gives a script, without the corpus values', async () => {
    const r = await cli(['completion', 'bash'], { corpus: () => { throw new Error('broken'); } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('complete -F _zibo zibo');
    expect(r.stdout).not.toContain('uc-001');
  });
});

describe('commands registered later', () => {
  it('`remove` completes release ids, `find` nothing but options', async () => {
    const ctx = createCtx(fakeIO().io, { loadCorpus: fixture });
    const program = await buildProgram(ctx);
    const spec = completionSpec(program, completionData(ctx));
    expect(spec.commands.find((c) => c.name === 'remove')!.args).toEqual(['uc-2022-12-08', 'dg-2022-12-08']);
    expect(spec.commands.find((c) => c.name === 'find')!.args).toEqual([]);
  });
});
