// End-to-end: spawns the built bundle (`npm test` builds first) as a user's shell would.

import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/zibo.cjs');
const STACK = /^\s+at .+:\d+:\d+\)?$|node:internal/m;
const { version } = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: ROOT, encoding: 'utf8' }));

function zibo(args: string[], env: Record<string, string> = {}) {
  const e: Record<string, string | undefined> = { ...process.env };
  delete e.FORCE_COLOR;
  delete e.NO_COLOR;
  Object.assign(e, env);
  const r = spawnSync('node', [BIN, ...args], { encoding: 'utf8', env: e });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built bin', () => {
  it('is built', () => expect(existsSync(join(ROOT, 'dist/main.cjs'))).toBe(true));

  it('--help: exit 0, examples on stdout', () => {
    const r = zibo(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('zibo facts --topic 公交');
    expect(r.stderr).toBe('');
  });

  it('--version: the package version', () => {
    const r = zibo(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('exit 0: the bus facts, TSV and no colour in a pipe even with TERM=xterm', () => {
    const r = zibo(['facts', '--topic', '公交'], { TERM: 'xterm-256color' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^uc-\d+\t41条\t调整公交线路41条\t公交$/m);
    expect(r.stdout).toMatch(/\t55条\t/);
    expect(r.stdout).not.toMatch(/\x1b/);
    expect(r.stderr).toBe('');
  });

  it('a table forced in a pipe has no colour either', () => {
    const r = zibo(['facts', '--topic', '公交', '--format', 'table'], { TERM: 'xterm-256color' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('┌');
    expect(r.stdout).not.toMatch(/\x1b/);
  });

  it('FORCE_COLOR colours a table in a pipe; NO_COLOR wins over it', () => {
    expect(zibo(['facts', '--topic', '公交', '--format', 'table'], { FORCE_COLOR: '1' }).stdout).toMatch(/\x1b\[/);
    expect(zibo(['facts', '--topic', '公交', '--format', 'table'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toMatch(/\x1b/);
  });

  it('exit 1: nothing found, --json prints []', () => {
    const r = zibo(['search', 'qqqqzzzzxxxx', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('[]\n');
  });

  it.each([
    [['facts', '--domain', 'urbn'], 'did you mean urban-construction?'],
    [['facts', '--limit', 'abc'], 'positive integer'],
    [['nosuchcommand'], 'unknown command'],
    [['facts', '--fields', 'nosuchfield', '--json'], 'valid values: id,'],
    [['show', 'no-such-fact-id'], 'unknown fact id'],
  ])('exit 2: %j', (args, msg) => {
    const r = zibo(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(msg);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('invalid UTF-8, zero-width characters and a 120 kB query do not crash', () => {
    const bad = spawnSync('node', [BIN, 'search', Buffer.from([0xff, 0xfe, 0xe5, 0x85, 0x20, 0xe2, 0x80, 0x8b, 0xef, 0xbb, 0xbf]).toString('latin1')], { encoding: 'utf8' });
    expect([0, 1, 2]).toContain(bad.status);
    expect(bad.stderr).not.toMatch(STACK);
    const long = zibo(['search', '公交'.repeat(20000)]);
    expect([0, 1]).toContain(long.code);
    expect(long.stderr).not.toMatch(STACK);
  });

  it('a closed pipe ends quietly with exit 0', async () => {
    // Enough output to overflow the pipe buffer, so the write really meets a closed pipe.
    const child = spawn('node', [BIN, 'facts', '--format', 'jsonl', '--fields', 'id,sentence,text,en,section,label,release,topics'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(err).not.toContain('EPIPE');
    expect(err).not.toMatch(STACK);
  });

  it('a pipe closed before the first write (a real EPIPE) ends quietly with exit 0', async () => {
    const child = spawn('node', [BIN, 'facts', '--format', 'csv'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before zibo has started
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(err).toBe('');
  });

  it('a write error other than a closed pipe: one line on stderr, exit 2, no stack (/dev/full)', () => {
    const r = spawnSync('sh', ['-c', `node "${BIN}" facts > /dev/full`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('zibo: cannot write output: ENOSPC: no space left on device\n');
  });

  it('a closed pipe in a shell pipeline (`zibo facts | head -1`): exit 0, nothing on stderr', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; node "${BIN}" facts --format jsonl | head -1 >/dev/null`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('COLUMNS is honoured in a pipe', () => {
    const r = zibo(['facts', '--topic', '公交', '--format', 'table'], { COLUMNS: '50' });
    expect(r.code).toBe(0);
    const width = (l: string) => [...l].reduce((n, c) => n + (/[\u2E80-\u9FFF\uFF00-\uFF60]/.test(c) ? 2 : 1), 0);
    expect(Math.max(...r.stdout.split('\n').map(width))).toBeLessThanOrEqual(50);
    expect(Math.max(...zibo(['facts', '--topic', '公交', '--format', 'table'], { COLUMNS: '120' }).stdout.split('\n').map(width))).toBeGreaterThan(50);
  });

  it('stdout carries data only: --json output parses, messages go to stderr', () => {
    const r = zibo(['facts', '--json', '--limit', '100000']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(50);
  });
});

describe('npm pack', () => {
  it('installs from the tarball and runs from there', { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'zibo-pack-'));
    try {
      execFileSync('npm', ['pack', '--pack-destination', dir, '--ignore-scripts'], { cwd: ROOT, stdio: 'pipe' });
      const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
      const app = join(dir, 'app');
      execFileSync('mkdir', ['-p', app]);
      writeFileSync(join(app, 'package.json'), '{"name":"zibo-pack-test","version":"1.0.0","private":true}');
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tgz)], { cwd: app, stdio: 'pipe' });
      const bin = join(app, 'node_modules/.bin/zibo');
      expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(version);
      const facts = JSON.parse(execFileSync(bin, ['facts', '--topic', '公交', '--json'], { encoding: 'utf8' }));
      expect(facts.map((f: { value: number }) => f.value)).toEqual(expect.arrayContaining([41, 55]));
      // The build-time search files and the lazily loaded chunks ship too, and work from the installed location.
      const r = spawnSync(bin, ['search', '数据中心', '--json'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)[0].text).toContain('数据中心');
      const table = spawnSync(bin, ['facts', '--topic', '公交', '--format', 'table'], { encoding: 'utf8' });
      expect(table.status).toBe(0);
      expect(table.stdout).toContain('调整公交线路41条');
      // No code cache ships (V8 keeps the path a cache was made under): the installed copy made its own, here.
      const dist = join(app, 'node_modules/zibo/dist');
      const caches = readdirSync(dist).filter((f) => f.endsWith('.v8cache'));
      expect(caches).toEqual([expect.stringMatching(/^main\.cjs\..+\.v8cache$/)]);
      expect(readFileSync(join(dist, caches[0]!), 'latin1')).toContain(join(dist, 'main.cjs'));
      expect(readFileSync(join(dist, caches[0]!), 'latin1')).not.toContain(join(ROOT, 'dist'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
