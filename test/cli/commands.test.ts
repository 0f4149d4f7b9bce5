import { describe, expect, it } from 'vitest';
import { ANSI, STACK, cli, plain, widest } from '../helpers/cli.js';
import { loadCorpus } from '../../src/core/corpus.js';

const COMMANDS = [
  ['facts', '--topic', '公交'],
  ['facts'],
  ['facts', '--fields', 'id,text,sentence,en,section'],
  ['search', '公交'],
  ['search', '数据中心', '--explain'],
  ['show', 'uc-002'],
  ['topics'],
  ['sources'],
];

describe('every command on a terminal', () => {
  for (const args of COMMANDS) {
    for (const columns of [80, 60]) {
      it(`${args.join(' ')} fits ${columns} columns, coloured`, async () => {
        const r = await cli(args, { isTTY: true, columns, color: true });
        expect(r.code).toBe(0);
        // Nothing on stderr, or the one note that columns were left out to fit.
        expect(r.stderr.replace(/\n(?!$)/g, ' ')).toMatch(/^(zibo: \d+ columns: [^\n]+ dropped; widen the terminal or use --fields\n)?$/);
        expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
        expect(r.stdout).toMatch(ANSI);
      });
    }
    it(`${args.join(' ')} without colour has no escape codes`, async () => {
      const r = await cli(args, { isTTY: true, columns: 80, color: false });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/\x1b/);
      expect(widest(r.stdout)).toBeLessThanOrEqual(80);
    });
    it(`${args.join(' ')} in a pipe is plain TSV`, async () => {
      const r = await cli(args, { isTTY: false });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/\x1b/);
      expect(r.stdout).not.toMatch(/[┌│└─]/);
      for (const line of r.stdout.trimEnd().split('\n')) expect(line).toContain('\t');
    });
  }

  it('a very narrow terminal still fits', async () => {
    for (const columns of [20, 30, 40]) {
      const r = await cli(['facts', '--fields', 'id,value,unit,text,sentence,topics'], { isTTY: true, columns, color: true });
      expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
    }
  });
});

describe('facts', () => {
  it('prints the bus facts as TSV when piped: id, figure as written, text, topics', async () => {
    const r = await cli(['facts', '--topic', '公交']);
    expect(r.stdout).toBe(
      'uc-002\t41条\t调整公交线路41条\t公交\n' +
        'uc-003\t55条\t开通助学、助医定制公交线路55条\t公交\n' +
        'uc-004\t4条\t新增公交线路4条\t公交\n',
    );
  });

  it('draws a table with headers and the figure highlighted on a terminal', async () => {
    const r = await cli(['facts', '--topic', '公交'], { isTTY: true, columns: 80, color: true });
    const text = plain(r.stdout);
    expect(text).toMatch(/│ ID\s+│ Figure │ Text\s+│ Topics │/);
    expect(r.stdout).toContain('\x1b[1m\x1b[33m41条');
    // CJK columns aligned: every table line has the same display width; the count line follows the table
    const lines = text.trimEnd().split('\n');
    expect(lines.pop()).toBe('3 facts');
    const widths = new Set(lines.map((l) => widest(l)));
    expect(widths.size).toBe(1);
  });

  it('Chinese headers with --lang zh', async () => {
    const r = await cli(['facts', '--topic', '公交'], { isTTY: true, columns: 80, lang: 'zh' });
    expect(r.stdout).toContain('编号');
    expect(r.stdout).toContain('原文');
  });

  it('--json prints full records, --fields exactly the chosen keys', async () => {
    const all = JSON.parse((await cli(['facts', '--topic', 'bus', '--json'])).stdout);
    expect(all.map((f: { id: string }) => f.id)).toEqual(['uc-002', 'uc-003', 'uc-004']);
    expect(Object.keys(all[0])).toContain('sentence');
    const sel = JSON.parse((await cli(['facts', '--topic', 'bus', '--json', '--fields', 'id,value,unit'])).stdout);
    expect(sel).toEqual([{ id: 'uc-002', value: 41, unit: '条' }, { id: 'uc-003', value: 55, unit: '条' }, { id: 'uc-004', value: 4, unit: '条' }]);
  });

  it('no match: exit 1, --json prints []', async () => {
    const r = await cli(['facts', '--topic', '公交', '--min', '1000', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('[]\n');
    const t = await cli(['facts', '--topic', '公交', '--min', '1000'], { isTTY: true });
    expect(t.code).toBe(1);
    expect(t.stdout).toBe('');
    expect(t.stderr).toContain('no facts match');
  });

  it.each([
    ['--sort', 'scaled', ['uc-004', 'uc-007', 'dg-001']],
    ['--sort', '-scaled', ['uc-006', 'dg-002', 'uc-005']],
    ['--sort', 'id', ['dg-001', 'dg-002', 'dg-003']],
  ])('%s %s', async (flag, key, first) => {
    const r = await cli(['facts', flag, key, '--limit', '3', '--fields', 'id']);
    expect(r.stdout.trim().split('\n')).toEqual(first);
  });

  it('--desc flips the order, nulls stay last', async () => {
    const r = await cli(['facts', '--sort', 'value', '--desc', '--fields', 'id,value']);
    const lines = r.stdout.replace(/\n$/, '').split('\n');
    expect(lines[0]).toBe('uc-005\t273');
    expect(lines[lines.length - 1]).toBe('uc-001\t');
  });

  it('--min and --max compare the scaled value, with 万 and 亿', async () => {
    const r = await cli(['facts', '--min', '1万', '--max', '1e5', '--fields', 'id']);
    expect(r.stdout).toBe('dg-002\n');
  });
});

describe('domain and topic values', () => {
  it.each(['urban-construction', 'urban', 'uc', '城建', '城市建设', 'URBAN', 'Urban Construction'])('--domain %s', async (d) => {
    const r = await cli(['facts', '--domain', d, '--fields', 'domain']);
    expect(r.code).toBe(0);
    expect(new Set(r.stdout.trim().split('\n'))).toEqual(new Set(['urban-construction']));
  });

  it.each(['digital-government', 'digital', 'dg', '数字政府'])('--domain %s', async (d) => {
    const r = await cli(['facts', '--domain', d, '--fields', 'id']);
    expect(r.stdout.trim().split('\n')).toEqual(['dg-001', 'dg-002', 'dg-003']);
  });

  it.each([
    ['urbn', 'did you mean urban-construction?'],
    ['urb', 'did you mean urban-construction?'],
    ['digtal', 'did you mean digital-government?'],
    ['nosuchdomain', 'valid values: urban-construction'],
  ])('--domain %s is exit 2: %s', async (d, msg) => {
    const r = await cli(['facts', '--domain', d]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(msg);
  });

  it.each(['公交', '公交线路', '公共交通', 'bus', 'Bus Routes', 'gongjiao', 'gong jiao', 'GONGJIAO', '公交 '])('--topic %s', async (t) => {
    const r = await cli(['facts', '--topic', t, '--fields', 'id']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('uc-002\nuc-003\nuc-004\n');
  });

  it.each([
    ['gongjao', '公交'],
    ['公交车', '公交'],
    ['datacentre', '数据中心'],
  ])('--topic %s suggests %s', async (t, want) => {
    const r = await cli(['facts', '--topic', t]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`did you mean ${want}`);
    expect(r.stderr).toContain('zibo topics');
  });
});

describe('usage errors: exit 2, message on stderr, nothing on stdout, no stack', () => {
  it.each([
    [['facts', '--limit', 'abc'], 'positive integer'],
    [['facts', '--limit', '-1'], 'positive integer'],
    [['facts', '--limit', '0'], 'positive integer'],
    [['facts', '--limit', '1.5'], 'positive integer'],
    [['facts', '--min', 'lots'], 'must be a number'],
    [['facts', '--format', 'xml'], 'valid values: table, tsv, json, jsonl, csv, md'],
    [['facts', '--format', 'jsn'], 'did you mean json?'],
    [['facts', '--json', '--format', 'csv'], 'disagree'],
    [['facts', '--fields', 'nosuchfield', '--json'], 'valid values: id, release, domain'],
    [['facts', '--fields', 'vaule'], 'did you mean value?'],
    [['facts', '--fields', ','], 'needs one or more'],
    [['facts', '--sort', 'size'], 'valid values: id, value, scaled'],
    [['facts', '--section', '没有这个章节'], 'unknown section'],
    [['facts', '--unit', '吨'], 'unknown unit'],
    [['facts', '--nope'], "unknown option '--nope'"],
    [['fact'], 'Did you mean facts?'],
    [['nosuchcommand'], "unknown command 'nosuchcommand'"],
    [['search'], "missing required argument 'query'"],
    [['search', ''], 'query is empty'],
    [['search', '   '], 'query is empty'],
    [['search', '\u200b\ufeff\ufffd'], 'query is empty'],
    [['show'], "missing required argument 'id'"],
    [['show', 'uc-017'], 'did you mean uc-007?'],
    [['completion', 'tcsh'], 'valid values: bash, zsh, fish'],
    [['--lang', 'fr', 'facts'], 'Allowed choices are en, zh'],
    [[], 'Usage: zibo'],
  ])('%j', async (args, msg) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(msg);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('messages in Chinese with --lang zh', async () => {
    const r = await cli(['facts', '--domain', 'urbn'], { lang: 'zh' });
    expect(r.stderr).toContain('未知的领域');
    expect(r.stderr).toContain('您是不是要找 urban-construction');
  });

  it('a corrupt corpus is exit 2 naming the file, record and field', async () => {
    const { CorpusError } = await import('../../src/core/schema.js');
    const r = await cli(['facts'], {
      corpus: () => {
        throw new CorpusError('data/facts.json: record 12 (uc-013): field "scaled" must be a number or null, got "abc"');
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('record 12 (uc-013): field "scaled"');
  });

  it('an unexpected error is one line, no stack', async () => {
    const r = await cli(['facts'], { corpus: () => { throw new TypeError('boom'); } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('internal error: boom');
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe('help and version', () => {
  it('--help leads with examples, exit 0, on stdout', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.indexOf('zibo facts --topic 公交')).toBeLessThan(r.stdout.indexOf('Usage:'));
    expect(r.stdout).toContain("zibo search 数据中心 --json | jq '.[0].text'");
    expect(r.stderr).toBe('');
  });

  it.each(['facts', 'search', 'show', 'topics', 'sources', 'cite', 'check', 'extract'])('%s --help leads with examples and states exit codes once', async (name) => {
    const r = await cli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Examples:\n  $ zibo ' + name)).toBe(true);
    expect(r.stdout.match(/Exit codes:/g)).toHaveLength(1);
  });

  it('facts --help lists the fields', async () => {
    const r = await cli(['facts', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Fields: id, release, domain');
  });

  it('--version prints the package version', async () => {
    const { version } = await import('../../package.json');
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('help in Chinese', async () => {
    const r = await cli(['--help'], { lang: 'zh' });
    expect(r.stdout).toContain('列出事实');
  });
});

describe('suggestions on the real corpus', () => {
  const real = () => loadCorpus();
  it.each<[string[], RegExp]>([
    [['show', 'uc-999'], /did you mean uc-054\?\n\s+valid values: dg-001…dg-038, uc-001…uc-054/],
    [['show', 'dg-0388'], /did you mean dg-038, /],
    [['cite', 'uc-100'], /did you mean uc-010\?/],
    [['facts', '--unit', '公'], /did you mean 公里, 公顷\?/],
    [['facts', '--topic', '公'], /did you mean 公交, 公园\?/],
  ])('%j', async (args, message) => {
    const r = await cli(args, { corpus: real });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('commander speaks Chinese too', () => {
  it.each<[string[], RegExp]>([
    [['facts', '--topc', 'x'], /^zibo: 未知选项 '--topc'\n\(是否想用 --topic\?\)/],
    [['nosuch'], /^zibo: 未知命令 'nosuch'/],
    [['facts', '--format'], /^zibo: 选项 '--format <format>' 缺少值/],
  ])('%j', async (args, message) => {
    const r = await cli(args, { lang: 'zh' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/unknown|missing|Did you mean/);
  });

  it('help headings', async () => {
    const r = await cli(['facts', '--help'], { lang: 'zh' });
    expect(r.stdout).toMatch(/^用法: zibo facts/m);
    expect(r.stdout).toMatch(/^选项:/m);
    expect(r.stdout).not.toMatch(/^(Usage|Options):/m);
  });
});

describe('repeated filters', () => {
  const real = () => loadCorpus();
  it('--topic twice: facts of either topic', async () => {
    const r = await cli(['facts', '--topic', '公交', '--topic', 'gas', '--fields', 'id', '--format', 'tsv'], { corpus: real });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['uc-017', 'uc-018', 'uc-019', 'uc-029', 'uc-030']);
  });
  it('--domain twice: both domains', async () => {
    const r = await cli(['facts', '--domain', 'uc', '--domain', 'dg', '--json'], { corpus: real });
    expect(JSON.parse(r.stdout)).toHaveLength(real().facts.length);
  });
  it('a bad value among repeated ones is still exit 2', async () => {
    const r = await cli(['facts', '--topic', '公交', '--topic', 'qqq'], { corpus: real });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown topic "qqq"');
  });
});
