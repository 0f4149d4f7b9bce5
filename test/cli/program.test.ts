// The one parse: global options wherever they are written, the context made after them, one command built.

import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.js';
import { createCtx } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';
import { ANSI, cli, fakeIO, fixture, plain, widest } from '../helpers/cli.js';

/** The data file a run reads (through an injected reader), and its exit code. */
async function dataFileOf(args: string[], env: Record<string, string> = {}) {
  const seen: string[] = [];
  const f = fakeIO({ env });
  const code = await run(args, f.io, { loadDataFile: (file) => (seen.push(file), fixture()) });
  return { code, file: seen[0], err: f.err() };
}

describe('--data and ZIBO_DATA come from the parse', () => {
  it('--data wins over ZIBO_DATA; both forms of the flag; either side of the command', async () => {
    expect((await dataFileOf(['facts', '--data', 'a.json'], { ZIBO_DATA: 'b.json' })).file).toBe('a.json');
    expect((await dataFileOf(['--data=a.json', 'facts'])).file).toBe('a.json');
    expect((await dataFileOf(['facts'], { ZIBO_DATA: 'b.json' })).file).toBe('b.json');
    expect((await dataFileOf(['facts'], { ZIBO_DATA: '' })).file).toBeUndefined();
  });
  it('after -- it is a query word, not a flag', async () => {
    const r = await dataFileOf(['search', '--', '--data', 'x']);
    expect(r.file).toBeUndefined();
    expect([0, 1]).toContain(r.code);
  });
  it('--data= (empty) is a usage error, exit 2', async () => {
    for (const args of [['facts', '--data='], ['--data', '', 'facts'], ['facts', '--data', '  ']]) {
      const r = await dataFileOf(args);
      expect(r.code).toBe(2);
      expect(r.file).toBeUndefined();
      expect(r.err).toContain('--data needs a file name');
    }
  });
});

describe('global flags', () => {
  it('--lang in any case, on either side of the command', async () => {
    for (const args of [['--lang', 'ZH', 'facts', '--domain', 'urbn'], ['facts', '--domain', 'urbn', '--lang=zh'], ['facts', '--lang', 'Zh', '--domain', 'urbn']]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('未知的领域');
    }
    expect((await cli(['--lang', 'EN', 'facts', '--domain', 'urbn'], { lang: 'zh' })).stderr).toContain('unknown domain');
  });
  it('--lang fr: commander lists the choices (in Chinese too)', async () => {
    expect((await cli(['--lang', 'fr', 'facts'])).stderr).toContain('Allowed choices are en, zh');
    expect((await cli(['--lang', 'fr', 'facts'], { lang: 'zh' })).stderr).toContain('可选值:en, zh');
  });
  it('--color always|never|auto and --no-color decide colour over the IO', async () => {
    const table = ['facts', '--topic', '公交', '--format', 'table'];
    expect((await cli([...table, '--color', 'always'])).stdout).toMatch(ANSI);
    expect((await cli(['--color=ALWAYS', ...table])).stdout).toMatch(ANSI);
    expect((await cli([...table, '--color', 'never'], { isTTY: true, color: true })).stdout).not.toMatch(ANSI);
    expect((await cli([...table, '--no-color'], { isTTY: true, color: true })).stdout).not.toMatch(ANSI);
    expect((await cli([...table, '--color', 'auto'], { isTTY: true, color: false })).stdout).toMatch(ANSI);
    expect((await cli([...table, '--color', 'auto'], { isTTY: true, color: false, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    const bad = await cli([...table, '--color', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Allowed choices are auto, always, never');
  });
  it('only -h and -V are global short flags (the commands own the rest)', async () => {
    const program = await buildProgram(createCtx(fakeIO().io, { loadCorpus: fixture }));
    expect(program.options.map((o) => o.short).filter(Boolean)).toEqual(['-V']);
    for (const cmd of program.commands) {
      const shorts = cmd.options.map((o) => o.short).filter(Boolean);
      expect(shorts.filter((s) => s === '-h' || s === '-V')).toEqual([]);
      expect(new Set(shorts).size).toBe(shorts.length);
    }
  });
});

describe('zibo alone', () => {
  it('prints a short usage with examples on stderr, exit 2', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: zibo /);
    expect(r.stderr).toContain('$ zibo facts --topic 公交');
    expect(r.stderr).toContain('facts, search, show');
    expect(r.stderr).not.toContain('--data'); // the options are in --help
    expect((await cli([], { lang: 'zh' })).stderr).toMatch(/^用法: zibo /);
  });
});

describe('help wraps to the terminal by display width', () => {
  it.each<[string[], number, 'en' | 'zh']>([
    [['--help'], 60, 'en'],
    [['--help'], 40, 'zh'],
    [['facts', '--help'], 80, 'zh'],
    [['facts', '--help'], 60, 'en'],
    [['search', '--help'], 60, 'zh'],
    [['check', '--help'], 100, 'en'],
  ])('%j at %i columns (%s)', async (args, columns, lang) => {
    const r = await cli(args, { columns, lang });
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
    // words are not cut: every option's long name is whole on its line
    expect(plain(r.stdout)).toMatch(/--help/);
  });
  it('the Fields line of facts --help wraps between fields', async () => {
    const r = await cli(['facts', '--help'], { columns: 60 });
    const fields = r.stdout.slice(r.stdout.indexOf('Fields:')).split('\n\n')[0]!;
    expect(widest(fields)).toBeLessThanOrEqual(60);
    expect(fields.split('\n').filter(Boolean).every((l) => /^(Fields:)?[\w ,]*$/.test(l.trim()) && !/\w\n\w/.test(l))).toBe(true);
    expect(fields.replace(/\s+/g, ' ')).toContain('id, release, domain');
  });
  it('zibo help <command> shows the command help', async () => {
    const r = await cli(['help', 'facts']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: zibo facts');
  });
});
