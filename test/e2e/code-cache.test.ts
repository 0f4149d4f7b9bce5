// The code caches of the build (src/boot/loader.ts), in fresh processes as a user runs them: the caches fit the
// build, and a damaged or edited dist/ still gives the right answers.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(root: string, args: string[], cache?: string) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.ZIBO_CODE_CACHE;
  if (cache !== undefined) env.ZIBO_CODE_CACHE = cache;
  const r = spawnSync('node', [join(root, 'bin/zibo.cjs'), ...args], { encoding: 'utf8', env });
  const report = [...r.stderr.matchAll(/^code cache: (\w+) (.+)$/gm)].map((m) => ({ status: m[1]!, file: m[2]! }));
  return { code: r.status, stdout: r.stdout, report };
}

const COMMANDS = [
  ['facts', '--topic', '公交'],
  ['search', '数据中心', '--json'],
  ['show', 'uc-001'],
  ['search', 'gongjiao', '--explain'],
  ['topics'],
];

describe('code caches of the build', () => {
  it.each(COMMANDS)('every file a run loads has a cache V8 accepts: %s', (...args) => {
    const r = run(ROOT, args, 'report');
    expect(r.code).toBe(0);
    expect(r.report.length).toBeGreaterThan(0);
    expect(r.report.filter((f) => f.status !== 'accepted')).toEqual([]);
  });

  it.each(COMMANDS)('output is the same without the caches: %s', (...args) => {
    expect(run(ROOT, args, '0').stdout).toBe(run(ROOT, args).stdout);
  });

  describe('in a copy of the package with damaged caches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zibo-cache-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(ROOT, 'data'), join(dir, 'data'));
    const caches = (readdirSync(join(dir, 'dist'), { recursive: true }) as string[]).filter((f) => f.endsWith('.v8')).sort();
    // Every other cache is cut short; in every file of the rest, one character is changed, keeping the length.
    caches.forEach((f, i) => {
      const path = join(dir, 'dist', f);
      if (i % 2 === 0) writeFileSync(path, readFileSync(path).subarray(0, 100));
      else {
        const js = path.slice(0, -3);
        const text = readFileSync(js, 'utf8');
        const edited = text.replace('__dirname) { ', '__dirname) {\t'); // same length, same meaning
        expect(edited.length === text.length && edited !== text).toBe(true);
        writeFileSync(js, edited);
      }
    });

    it.each(COMMANDS)('answers as the intact build does: %s', (...args) => {
      const damaged = run(dir, args, 'report');
      expect(damaged.code).toBe(0);
      expect(damaged.stdout).toBe(run(ROOT, args).stdout);
      const statuses = new Set(damaged.report.map((f) => f.status));
      expect([...statuses].every((s) => s === 'stale' || s === 'accepted')).toBe(true);
      expect(statuses.has('stale')).toBe(true);
    });
  });
});
