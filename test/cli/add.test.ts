import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STACK, fakeIO } from '../helpers/cli.js';
import { createCtx } from '../../src/cli/context.js';
import { handleError } from '../../src/cli/program.js';
import { runAdd, type AddOptions } from '../../src/cli/add.js';
import { loadCorpus } from '../../src/core/corpus.js';

const FX = (name: string) => fileURLToPath(new URL(`../core/library/fixtures/${name}`, import.meta.url));
let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'zibo-add-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function add(file: string, opts: AddOptions = {}, o: { stdin?: Buffer; env?: Record<string, string>; lang?: 'en' | 'zh' } = {}) {
  const f = fakeIO({ env: { ZIBO_HOME: home, ...o.env }, lang: o.lang });
  const ctx = createCtx(f.io);
  let code: number;
  try {
    await runAdd(file, opts, ctx, { readStdin: async () => o.stdin ?? Buffer.alloc(0) });
    code = ctx.exitCode;
  } catch (e) {
    code = handleError(e, ctx);
  }
  return { code, stdout: f.out(), stderr: f.err() };
}
const records = () => {
  try {
    return readdirSync(join(home, 'releases')).sort();
  } catch {
    return [];
  }
};

describe('zibo add', () => {
  it('says what it added: id, facts by kind, fact ids', async () => {
    const r = await add(FX('environment.md'));
    expect(r).toEqual({
      code: 0,
      stdout: 'added environment-2023-03-15: 19 facts (16 quantities, 1 date, 1 milestone, 1 honour), ids env-001…env-019\n',
      stderr: '',
    });
    expect(records()).toEqual(['environment-2023-03-15.json']);
  });

  it('in Chinese', async () => {
    const r = await add(FX('environment.md'), {}, { lang: 'zh' });
    expect(r.stdout).toBe('已加入 environment-2023-03-15: 19 条事实(数量 16,日期 1,里程碑 1,荣誉 1),编号 env-001…env-019\n');
  });

  it('--json: the summary as an object', async () => {
    const r = await add(FX('transport-tw.txt'), { json: true, domain: 'transport', speaker: '王強', conference: '新聞發布會' });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      status: 'added', id: 'transport-2023-05-09', prefix: 'tra', date: '2023-05-09', domain: 'transport', speaker: '王強',
      conference: '新聞發布會', origin: FX('transport-tw.txt'), facts: 11, kinds: { quantity: 9, date: 2, milestone: 0, honour: 0 },
    });
    expect(j.records).toBeUndefined();
  });

  it('the same text again: unchanged, exit 0, nothing written', async () => {
    await add(FX('environment.md'));
    const r = await add(FX('environment.md'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('unchanged: the same text is already in the library as environment-2023-03-15, 19 facts (16 quantities, 1 date, 1 milestone, 1 honour); nothing changed\n');
  });

  it('--dry-run lists the facts and keeps nothing', async () => {
    const r = await add(FX('environment.md'), { dryRun: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('dry run: environment-2023-03-15 would be added with 19 facts (16 quantities, 1 date, 1 milestone, 1 honour); nothing kept\n');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('env-001\t265天\t淄博市生态环境质量持续改善 空气优良天数达到265天\t');
    expect(lines[1]).toBe('env-002\t265天\t2022年全市空气质量优良天数达到265天\t');
    expect(lines[11]).toBe('env-012\t超1.2万亩\t全市新增造林面积超1.2万亩\t');
    expect(lines).toHaveLength(19);
    expect(records()).toEqual([]);
    const j = JSON.parse((await add(FX('environment.md'), { dryRun: true, json: true })).stdout);
    expect(j.status).toBe('dry-run');
    expect(j.records[11]).toMatchObject({ id: 'env-012', figure: '超1.2万亩', scaled: 12000 });
  });

  it('reads stdin', async () => {
    const r = await add('-', { date: '2023-06-01', domain: 'housing' }, { stdin: Buffer.from('棚改\n\n全市完成棚户区改造3200套,惠及群众近万人。') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^added housing-2023-06-01: 2 facts/);
    const rel = loadCorpus({ library: home }).releases.at(-1) as unknown as { origin: string };
    expect(rel.origin).toBe('-');
  });

  describe('bad input: exit 2, a clear message, library unchanged', () => {
    const cases: Array<[string, () => Promise<{ code: number; stdout: string; stderr: string }>, string | (() => string)]> = [
      ['missing file', () => add(join(home, 'nope.txt')), () => `zibo: cannot read ${join(home, 'nope.txt')}: no such file\n`],
      ['directory', () => add(home), () => `zibo: cannot read ${home}: it is a directory\n`],
      ['empty stdin', () => add('-'), 'zibo: stdin is empty\n'],
      ['binary', () => add('-', {}, { stdin: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]) }), 'zibo: stdin looks binary (a NUL byte at byte offset 4), not a text release\n'],
      ['GBK', () => add('-', {}, { stdin: Buffer.from([0x32, 0x30, 0xc4, 0xea]) }), 'zibo: stdin is not UTF-8: invalid byte 0xc4 at byte offset 2 (convert it first, e.g. iconv -f GB18030 -t UTF-8)\n'],
      ['too big', () => add('-', {}, { stdin: Buffer.from('x'.repeat(50)), env: { ZIBO_MAX_RELEASE_BYTES: '20' } }),
        'zibo: stdin is too large (over the limit of 20 bytes; set ZIBO_MAX_RELEASE_BYTES to raise it)\n'],
      ['no date', () => add('-', {}, { stdin: Buffer.from('新增线路4条。') }),
        'zibo: stdin: no date given and none with a year found in the text; pass --date YYYY-MM-DD (or date: in the front matter)\n'],
      ['bad front matter', () => add('-', {}, { stdin: Buffer.from('---\ntitle: a\ndate 2023-01-01\n---\n新增4条。') }),
        'zibo: stdin: line 3: expected "key: value" in the front matter\n'],
      ['no figures', () => add(FX('no-figures.txt'), { date: '2023-01-01' }),
        'zibo: no figures found in "淄博市召开工作会议"; nothing added (pass --force to keep it anyway)\n'],
    ];
    for (const [name, run, message] of cases) {
      it(name, async () => {
        const r = await run();
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(typeof message === 'function' ? message() : message);
        expect(r.stderr).not.toMatch(STACK);
        expect(records()).toEqual([]);
      });
    }
  });

  it('input quoted in a message is shown escaped', async () => {
    const r = await add('-', { date: '2023-01-01', domain: 'bad\x1b[31m' }, { stdin: Buffer.from('新增4条。') });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('zibo: stdin: domain "bad\\x1b[31m" is not a lower-case slug such as environment or urban-construction\n');
  });

  it('a file too big is refused before it is read', async () => {
    const big = join(home, 'big.txt');
    writeFileSync(big, '2023年1月1日新增4条。'.repeat(10));
    const r = await add(big, {}, { env: { ZIBO_MAX_RELEASE_BYTES: '100' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^zibo: .*big\.txt is too large \(\d+ bytes, over the limit of 100 bytes; set ZIBO_MAX_RELEASE_BYTES to raise it\)\n$/);
  });

  it('--force keeps a release without figures, with a warning', async () => {
    const r = await add(FX('no-figures.txt'), { date: '2023-01-01', force: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('added general-2023-01-01: 1 fact (0 quantities, 0 dates, 1 milestone, 0 honours), ids gen-001\n');
  });

  it('a different text under a taken id: exit 2 unless --replace', async () => {
    await add(FX('environment.md'));
    const other = join(home, 'other.md');
    mkdirSync(join(home, 'in'));
    writeFileSync(other, '---\ndate: 2023-03-15\ndomain: environment\n---\n# 另一篇\n\n全市新增绿地120公顷。');
    const r = await add(other);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('zibo: a different release with id "environment-2023-03-15" is already in the library; pass --replace to replace it, or give it its own id with --id (or id: in the front matter)\n');
    const ok = await add(other, { replace: true });
    expect(ok.stdout).toBe('replaced environment-2023-03-15: 1 fact (1 quantity, 0 dates, 0 milestones, 0 honours), ids env-001\n');
    const other2 = await add(other, { id: 'env-green' });
    expect(other2.stdout).toBe('unchanged: the same text is already in the library as environment-2023-03-15, 1 fact (1 quantity, 0 dates, 0 milestones, 0 honours); nothing changed\n');
  });
});
