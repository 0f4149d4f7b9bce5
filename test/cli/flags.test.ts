// Issue 15 item 6: short flags, comma lists, date and release filters, extract taking text; item 2: the count line.

import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { createCtx } from '../../src/cli/context.js';
import { cli, fakeIO, fixture, plain } from '../helpers/cli.js';
import { extractSource, looksLikePath } from '../../src/cli/extract.js';

const ids = (tsv: string) => tsv.trim().split('\n').filter(Boolean).map((l) => l.split('\t')[0]);

describe('short flags', () => {
  it('-t -d -n -j -f mean --topic --domain --limit --json --fields on facts', async () => {
    const long = await cli(['facts', '--topic', '公交', '--domain', 'uc', '--limit', '2', '--json', '--fields', 'id,text']);
    const short = await cli(['facts', '-t', '公交', '-d', 'uc', '-n', '2', '-j', '-f', 'id,text']);
    expect(short).toEqual(long);
    expect(JSON.parse(short.stdout)).toEqual([{ id: 'uc-002', text: '调整公交线路41条' }, { id: 'uc-003', text: '开通助学、助医定制公交线路55条' }]);
  });

  it('and on search', async () => {
    const long = await cli(['search', '公交线路', '--limit', '1', '--fields', 'id', '--domain', 'uc']);
    const short = await cli(['search', '公交线路', '-n1', '-fid', '-d', 'uc']);
    expect(short).toEqual(long);
    // 调整公交线路41条 and 新增公交线路4条 state 公交线路 alike: either may come first.
    expect(['uc-002\n', 'uc-004\n']).toContain(short.stdout);
  });

  it('-j and -f on every command with --json/--fields', async () => {
    expect(JSON.parse((await cli(['topics', '-j', '-f', 'name'])).stdout)[0]).toEqual({ name: '公交' });
    expect(JSON.parse((await cli(['sources', '-jf', 'id'])).stdout)).toEqual([{ id: 'uc-2022-12-08' }, { id: 'dg-2022-12-08' }]);
    expect(JSON.parse((await cli(['show', 'uc-2', '-j', '-f', 'id'])).stdout)).toEqual({ id: 'uc-002' });
  });

  it('no short flag is used twice in a command, and none shadows -h or -V', async () => {
    const program = await buildProgram(createCtx(fakeIO().io, { loadCorpus: fixture }));
    for (const cmd of [program, ...program.commands]) {
      const shorts = cmd.options.map((o) => o.short).filter(Boolean);
      expect(new Set(shorts).size, cmd.name()).toBe(shorts.length);
      if (cmd !== program) expect(shorts, cmd.name()).not.toContain('-h');
      if (cmd !== program) expect(shorts, cmd.name()).not.toContain('-V');
    }
    const facts = program.commands.find((c) => c.name() === 'facts')!;
    expect(Object.fromEntries(facts.options.filter((o) => o.short).map((o) => [o.short, o.long]))).toEqual({
      '-t': '--topic', '-d': '--domain', '-n': '--limit', '-j': '--json', '-f': '--fields',
    });
  });
});

describe('lists, dates and releases', () => {
  it('--topic 公交,青年 (and ，) is --topic 公交 --topic 青年', async () => {
    const repeated = await cli(['facts', '--topic', '公交', '--topic', '青年']);
    expect(ids(repeated.stdout)).toEqual(['uc-002', 'uc-003', 'uc-004', 'uc-007']);
    expect(await cli(['facts', '--topic', '公交,青年'])).toEqual(repeated);
    expect(await cli(['facts', '-t', '公交，青年'])).toEqual(repeated);
    expect(ids((await cli(['facts', '--domain', 'dg,城建'])).stdout)).toHaveLength(10);
  });

  it('a wrong piece of a list names that piece, not the whole list', async () => {
    const r = await cli(['facts', '--topic', '公交,qingnain']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"qingnain"');
    expect(r.stderr).toContain('青年');
    expect(r.stderr).not.toContain('公交,qingnain');
  });

  it('--date, --since, --until filter on the fact date', async () => {
    expect(ids((await cli(['facts', '--date', '2022-09-30'])).stdout)).toEqual(['uc-001']);
    expect(ids((await cli(['facts', '--date', '9月30日'])).stdout)).toEqual(['uc-001']);
    expect(ids((await cli(['facts', '--since', '2022-09', '--until', '2022'])).stdout)).toEqual(['uc-001']);
    const none = await cli(['facts', '--since', '2022-10', '--json']);
    expect([none.code, none.stdout.trim()]).toEqual([1, '[]']);
    expect(ids((await cli(['search', '通车', '--date', '2022年9月'])).stdout)).toEqual(['uc-001']);
  });

  it('a date it cannot read is exit 2 listing the forms it takes', async () => {
    const r = await cli(['facts', '--since', '9月30日']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown date "9月30日"/);
    expect(r.stderr).toContain('2022-09-30, 2022-09, 2022');
  });

  it('--release by id or prefix; an unknown one suggests the nearest (exit 2)', async () => {
    expect(ids((await cli(['facts', '--release', 'dg-2022-12-08'])).stdout)).toEqual(['dg-001', 'dg-002', 'dg-003']);
    expect(ids((await cli(['facts', '--release', 'dg'])).stdout)).toEqual(['dg-001', 'dg-002', 'dg-003']);
    const r = await cli(['facts', '--release', 'dg-2022-12-8']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown release "dg-2022-12-8"');
    expect(r.stderr).toMatch(/did you mean dg-2022-12-08\b/);
  });

  it('help says which date forms are read', async () => {
    const r = await cli(['facts', '--help'], { columns: 200 });
    expect(r.stdout).toContain('--date <date>');
    expect(r.stdout).toContain('9月30日');
    expect(r.stdout).toContain('--release <id>');
    expect(r.stdout).toContain('--no-pager');
    expect(r.stdout).not.toMatch(/^\s+--pager\b/m);
  });
});

describe('count line', () => {
  it('a terminal table ends with the count; --limit says how many of how many', async () => {
    const all = await cli(['facts'], { isTTY: true, columns: 100 });
    expect(plain(all.stdout).trimEnd().split('\n').pop()).toBe('10 facts');
    const cut = await cli(['facts', '-n', '3'], { isTTY: true, columns: 100 });
    expect(plain(cut.stdout).trimEnd().split('\n').pop()).toBe('3 of 10 facts');
    const one = await cli(['facts', '-t', '青年'], { isTTY: true, columns: 100 });
    expect(plain(one.stdout).trimEnd().split('\n').pop()).toBe('1 fact');
    const zh = await cli(['--lang', 'zh', 'facts', '-n', '3'], { isTTY: true, columns: 100, lang: 'zh' });
    expect(plain(zh.stdout).trimEnd().split('\n').pop()).toBe('共 10 条,显示 3 条');
  });

  it('search counts every hit, not only those shown', async () => {
    const r = await cli(['search', '公交线路', '-n', '1'], { isTTY: true, columns: 100 });
    expect(plain(r.stdout).trimEnd().split('\n').pop()).toMatch(/^1 of [2-9]\d* results$/);
    const all = await cli(['search', '公交线路', '--limit', '50'], { isTTY: true, columns: 100 });
    const n = Number(/^(\d+) results$/.exec(plain(all.stdout).trimEnd().split('\n').pop()!)![1]);
    expect(plain(r.stdout)).toContain(`1 of ${n} results`);
  });

  it('never in a pipe, with --json, or in another format on a terminal', async () => {
    for (const [args, o] of [
      [['facts'], {}],
      [['facts', '--json'], { isTTY: true }],
      [['facts', '--format', 'tsv'], { isTTY: true }],
      [['search', '公交', '-j'], { isTTY: true }],
      [['search', '公交'], {}],
    ] as const) {
      const r = await cli([...args], o);
      expect(r.stdout, args.join(' ')).not.toMatch(/\d+ (facts?|results?)\n$/);
    }
  });
});

describe('extract takes text like check', () => {
  it('words are the text', async () => {
    const r = await cli(['extract', '全市新建绿道107公里', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((q: { text: string; scaled: number }) => [q.text, q.scaled])).toEqual([['107公里', 107]]);
    const words = await cli(['extract', '新建绿道', '107公里', '-j', '-f', 'text,sentence']);
    expect(JSON.parse(words.stdout)).toEqual([{ text: '107公里', sentence: '新建绿道 107公里' }]);
  });

  it('--file and a single path-like argument read a file; text and --file together is an error', async () => {
    const missing = await cli(['extract', '--file', 'nope/none.txt']);
    expect([missing.code, missing.stderr.includes('cannot read nope/none.txt')]).toEqual([2, true]);
    const both = await cli(['extract', '107公里', '--file', 'x.txt']);
    expect(both.code).toBe(2);
  });

  it.each<[string[], { file?: string }, { words: string[]; file?: string }]>([
    [['全市新建绿道107公里'], {}, { words: ['全市新建绿道107公里'], file: undefined }],
    [['2.8亿元'], {}, { words: ['2.8亿元'], file: undefined }],
    [['release.txt'], {}, { words: [], file: 'release.txt' }],
    [['./draft'], {}, { words: [], file: './draft' }],
    [['-'], {}, { words: ['-'], file: undefined }],
    [['a', 'b.txt'], {}, { words: ['a', 'b.txt'], file: undefined }],
    [[], { file: 'x' }, { words: [], file: 'x' }],
  ])('%j %j', (words, opts, want) => expect(extractSource(words, opts, () => false)).toEqual(want));

  it('an existing file without an extension is still a file', () => {
    expect(extractSource(['README'], {}, (p) => p === 'README')).toEqual({ words: [], file: 'README' });
    expect(looksLikePath('新建绿道 107.5公里')).toBe(false);
  });
});

describe('count line in Chinese', () => {
  it('search: 共 N 条结果, and how many are shown', async () => {
    const r = await cli(['--lang', 'zh', 'search', '公交线路', '-n', '1'], { isTTY: true, columns: 100, lang: 'zh' });
    expect(plain(r.stdout).trimEnd().split('\n').pop()).toMatch(/^共 [2-9]\d* 条结果,显示 1 条$/);
  });
});
