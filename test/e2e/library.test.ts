// End-to-end: the user's library through the built bin (`npm run build` first), ZIBO_HOME in a temp folder.
// Releases in the seed's styles (Simplified with front matter, Traditional plain text), every command over them,
// four concurrent adds, and `zibo add` killed (SIGKILL) at random points.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLibrary } from '../../src/core/library/read.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/zibo.cjs');
const FX = (name: string) => fileURLToPath(new URL(`../core/library/fixtures/${name}`, import.meta.url));
const STACK = /^\s+at .+:\d+:\d+\)?$|node:internal/m;

function env(home: string): Record<string, string | undefined> {
  const e: Record<string, string | undefined> = { ...process.env, ZIBO_HOME: home };
  delete e.FORCE_COLOR;
  delete e.NO_COLOR;
  return e;
}

function zibo(home: string, args: string[], input?: string) {
  const r = spawnSync('node', [BIN, ...args], { encoding: 'utf8', env: env(home), input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function start(home: string, args: string[]) {
  const child = spawn('node', [BIN, ...args], { env: env(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((ok) =>
    child.on('close', (code, signal) => ok({ code, signal, stdout, stderr })));
  return { child, done };
}

const homes: string[] = [];
const newHome = () => {
  const h = mkdtempSync(join(tmpdir(), 'zibo-e2e-lib-'));
  homes.push(h);
  return h;
};
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

describe('every command sees bundled and added releases', () => {
  let home: string;
  beforeAll(() => {
    home = newHome();
    expect(zibo(home, ['add', FX('environment.md')]).code).toBe(0);
    const tw = zibo(home, ['add', FX('transport-tw.txt'), '--domain', 'transport', '--speaker', '王強', '--speaker-title', '淄博市交通運輸局副局長', '--conference', '交通建設新聞發布會']);
    expect(tw.stdout).toBe('added transport-2023-05-09: 11 facts (9 quantities, 2 dates, 0 milestones, 0 honours), ids tra-001…tra-011\n');
  });

  it('is built', () => expect(existsSync(BIN)).toBe(true));

  it('facts: --domain takes an added domain', () => {
    const r = zibo(home, ['facts', '--domain', 'environment', '--json']);
    expect(r.code).toBe(0);
    const facts = JSON.parse(r.stdout);
    expect(facts).toHaveLength(19);
    expect(facts[11]).toMatchObject({ id: 'env-012', value: 1.2, unit: '万亩', scaled: 12000, qualifier: 'more-than', release: 'environment-2023-03-15' });
    const both = zibo(home, ['facts', '--unit', '公里', '--json']);
    const ids = JSON.parse(both.stdout).map((f: { id: string }) => f.id);
    expect(ids).toContain('env-009');
    expect(ids).toContain('tra-006');
    expect(ids.some((id: string) => id.startsWith('uc-'))).toBe(true);
  });

  it('search finds added facts', () => {
    const r = zibo(home, ['search', '空气优良天数', '--json']);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout);
    expect(hits[0]).toMatchObject({ id: 'env-001', release: 'environment-2023-03-15', domain: 'environment' });
    const tw = JSON.parse(zibo(home, ['search', '农村公路', '--json']).stdout);
    expect(tw.slice(0, 5).map((h: { id: string }) => h.id)).toContain('tra-006');
  });

  it('show and cite name the added release’s speaker and conference', () => {
    const s = zibo(home, ['show', 'tra-007', '--json']);
    expect(JSON.parse(s.stdout)).toMatchObject({ id: 'tra-007', figure: '約18.6億元', scaled: 1860000000, qualifier: 'about' });
    const c = zibo(home, ['cite', 'env-019']);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('淄博市生态环境局党组书记、局长李明');
    expect(c.stdout).toContain('“生态优先 绿色发展”主题系列新闻发布会');
    expect(c.stdout).toContain('4860万元');
  });

  it('check compares a draft against all releases', () => {
    const r = zibo(home, ['check', '罚款金额4860万元,新建污水管网165公里', '--json']);
    expect(r.code).toBe(1);
    const claims = JSON.parse(r.stdout);
    expect(claims.map((c: { status: string; fact: string }) => [c.status, c.fact])).toEqual([['match', 'env-019'], ['mismatch', 'env-009']]);
  });

  it('topics count added facts; sources list the added releases with their origin', () => {
    const topics = JSON.parse(zibo(home, ['topics', '--json']).stdout);
    const bundled = JSON.parse(zibo(newHome(), ['topics', '--json']).stdout);
    const park = (ts: Array<{ name: string; count: number }>) => ts.find((t) => t.name === '公园')!.count;
    expect(park(topics)).toBe(park(bundled) + 4); // 口袋公园 46处, its date, milestone and honour
    const src = JSON.parse(zibo(home, ['sources', '--json']).stdout);
    expect(src.map((s: { id: string; origin: string; factCount: number }) => [s.id, s.origin, s.factCount])).toEqual([
      ['uc-2022-12-08', 'bundled', 54], ['dg-2022-12-08', 'bundled', 38],
      ['environment-2023-03-15', FX('environment.md'), 19], ['transport-2023-05-09', FX('transport-tw.txt'), 11],
    ]);
  });

  it('--data still replaces the whole corpus', () => {
    const fixture = join(ROOT, 'test/fixtures/corpus/facts.json');
    const r = zibo(home, ['--data', fixture, 'sources', '--json']);
    expect(JSON.parse(r.stdout).map((s: { id: string }) => s.id)).not.toContain('environment-2023-03-15');
  });

  it('a broken file in the library is named on stderr and skipped', () => {
    const h = newHome();
    expect(zibo(h, ['add', FX('environment.md')]).code).toBe(0);
    writeFileSync(join(h, 'releases', 'bad-1.json'), '{"format":');
    const r = zibo(h, ['facts', '--domain', 'environment']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(19);
    expect(r.stderr).toMatch(/^zibo: warning: library file .*bad-1\.json: not valid JSON \(.*\); skipped\n$/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('remove takes an added release out of every command; bundled ones stay', () => {
    const h = newHome();
    zibo(h, ['add', FX('environment.md')]);
    expect(zibo(h, ['remove', 'environment-2023-03-15']).stdout).toBe('removed environment-2023-03-15 (19 facts)\n');
    expect(zibo(h, ['show', 'env-001']).code).toBe(2);
    expect(zibo(h, ['remove', 'dg-2022-12-08']).code).toBe(2);
  });
});

describe('bad input through the bin: exit 2, one clear line, library unchanged', () => {
  it('missing, directory, empty, binary, not UTF-8, no figures, bad front matter', () => {
    const home = newHome();
    const gbk = join(home, 'gbk.txt');
    writeFileSync(gbk, Buffer.from([0x32, 0x30, 0x32, 0x33, 0xc4, 0xea]));
    const cases: Array<[string[], string | undefined, string]> = [
      [['add', join(home, 'nope.txt')], undefined, `zibo: cannot read ${join(home, 'nope.txt')}: no such file\n`],
      [['add', home], undefined, `zibo: cannot read ${home}: it is a directory\n`],
      [['add', '-'], '', 'zibo: stdin is empty\n'],
      [['add', '-'], 'ab\u0000cd', 'zibo: stdin looks binary (a NUL byte at byte offset 2), not a text release\n'],
      [['add', gbk], undefined, `zibo: ${gbk} is not UTF-8: invalid byte 0xc4 at byte offset 4 (convert it first, e.g. iconv -f GB18030 -t UTF-8)\n`],
      [['add', FX('no-figures.txt'), '--date', '2023-01-01'], undefined, 'zibo: no figures found in "淄博市召开工作会议"; nothing added (pass --force to keep it anyway)\n'],
      [['add', '-'], '---\ntitle: x\nwhen: 2023\n---\n新增4条。', 'zibo: stdin: line 3: unknown front-matter key "when" (known: id, prefix, domain, date, title, titleEn, conference, series, session, speaker, speakerTitle, organiser, source)\n'],
    ];
    for (const [args, input, message] of cases) {
      const r = zibo(home, args, input);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(message);
    }
    expect(existsSync(join(home, 'releases'))).toBe(false);
  });

  it('stdin with front matter is added; help leads with examples', () => {
    const home = newHome();
    const r = zibo(home, ['add', '-', '--json'], '---\ndate: 2023-06-01\ndomain: housing\nspeaker: 赵六\n---\n棚改\n\n全市完成棚户区改造3200套,惠及群众近万人。');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'added', id: 'housing-2023-06-01', origin: '-', facts: 2 });
    const h = zibo(home, ['add', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('zibo add release.md');
  });
});

describe('durability', () => {
  const text = (n: number) => `# 第${n}篇新闻稿\n\n2023年4月${n}日,全市新增公交线路${n + 2}条,改造管网${n * 10}公里。`;

  it('four processes adding at once lose nothing', async () => {
    const home = newHome();
    const files = [1, 2, 3, 4].map((n) => {
      const f = join(home, `r${n}.txt`);
      writeFileSync(f, text(n));
      return f;
    });
    const runs = await Promise.all(files.map((f) => start(home, ['add', f, '--domain', 'transport', '--json']).done));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const lib = readLibrary(home);
    expect(lib.problems).toEqual([]);
    expect(lib.records.map((r) => r.release.id).sort()).toEqual(['transport-2023-04-01', 'transport-2023-04-02', 'transport-2023-04-03', 'transport-2023-04-04']);
    expect(new Set(lib.records.map((r) => r.release.prefix))).toEqual(new Set(['tra', 'tra2', 'tra3', 'tra4']));
    const facts = JSON.parse(zibo(home, ['facts', '--domain', 'transport', '--json']).stdout);
    expect(facts).toHaveLength(12);
  });

  it('four processes adding the same text store it once', async () => {
    const home = newHome();
    const f = join(home, 'same.txt');
    writeFileSync(f, text(5));
    const runs = await Promise.all([1, 2, 3, 4].map(() => start(home, ['add', f, '--json']).done));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(runs.map((r) => JSON.parse(r.stdout).status).sort()).toEqual(['added', 'unchanged', 'unchanged', 'unchanged']);
    expect(readdirSync(join(home, 'releases'))).toEqual(['general-2023-04-05.json']);
  });

  it('zibo add killed at random points leaves each release whole or absent, and the library loadable', async () => {
    const home = newHome();
    const a = join(home, 'a.txt');
    const b = join(home, 'b.txt');
    writeFileSync(a, text(7));
    writeFileSync(b, text(7).replace('改造管网', '新建管网'));
    const record = join(home, 'releases', 'general-2023-04-07.json');
    const sha = () => (existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')) as { sha256: string }).sha256 : undefined);
    const shaOf = (f: string) => createHash('sha256').update(readFileSync(f, 'utf8')).digest('hex');
    let state: string | undefined;
    let killed = 0;
    for (let i = 0; i < 16; i++) {
      const file = i % 2 ? b : a;
      const run = start(home, ['add', file, '--replace']);
      const delay = Math.floor(Math.random() * 700);
      const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
      const r = await run.done;
      clearTimeout(timer);
      if (r.signal === 'SIGKILL') killed++;
      else expect(r.code).toBe(0);
      const now = sha();
      const lib = readLibrary(home);
      expect(lib.problems).toEqual([]); // loadable: no half-written record
      // Old or new state: unchanged, or the text this run was adding.
      if (now !== state) {
        expect(now).toBe(shaOf(file));
      }
      state = now;
      const src = zibo(home, ['sources', '--json']);
      expect(src.code).toBe(0);
      expect(src.stderr).toBe('');
    }
    expect(killed).toBeGreaterThan(0);
    // A lock left by a killed writer is taken over; its temp files are cleaned up.
    const last = zibo(home, ['add', a, '--replace', '--json']);
    expect(last.code).toBe(0);
    expect(readdirSync(join(home, 'releases'))).toEqual(['general-2023-04-07.json']);
    expect(readLibrary(home).records).toHaveLength(1);
  }, 120_000);
});
