// A hostile facts file through --data, through the built bin (`npm test` builds first): nothing the file holds
// reaches the output raw in table, tsv, md, csv, show and cite; only zibo's own SGR colour codes do. JSON stays
// exact JSON.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fact } from '../../src/core/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/zibo.cjs');
const REAL: Fact[] = JSON.parse(readFileSync(join(ROOT, 'data/facts.json'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'zibo-hostile-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Clear screen, OSC 52 (clipboard), right-to-left override, 8-bit CSI, OSC 0 (title), NUL, BEL, DEL, OSC 8.
const H = '\x1b[2J\x1b]52;c;aGk=\x07\u202e\x9b31m\x1b]0;t\x07\x00\x7f\x1b]8;;http://x\x1b\\';
const base = REAL.find((f) => f.figure === '41条')!;
const fact: Fact = {
  ...base, id: 'uc-901', text: `调整${H}公交线路41条`, sentence: `句子${H}。`, en: `bus${H}`, label: `标签${H}`,
  section: `章节${H}`, unit: `条${H}`, figure: `41条${H}`,
};
const file = join(dir, 'hostile.json');
writeFileSync(file, JSON.stringify([fact]));

function zibo(args: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, ZIBO_CACHE_DIR: join(dir, 'cache'), FORCE_COLOR: '1' };
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args, '--data', file], { env });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** Anything a terminal would act on, once zibo's own SGR colour codes are taken out. */
const raw = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').match(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g) ?? [];

describe('a hostile --data file', () => {
  it.each([
    ['facts', '--format', 'table'],
    ['facts', '--format', 'table', '--fields', 'id,figure,unit,section,label,en,sentence,topics'],
    ['facts'],
    ['facts', '--format', 'md'],
    ['facts', '--format', 'csv'],
    ['search', '公交线路', '--format', 'table'],
    ['show', 'uc-901', '--format', 'table'],
    ['show', 'uc-901'],
    ['show', 'uc-901', '--format', 'md'],
    ['cite', 'uc-901'],
    ['cite', 'uc-901', '--format', 'md'],
    ['cite', 'uc-901', '--lang', 'en'],
  ])('%s %s %s: nothing raw, escapes shown', (...args) => {
    const r = zibo(args);
    expect(r.code, r.stderr).toBe(0);
    expect(raw(r.stdout)).toEqual([]);
    expect(raw(r.stderr)).toEqual([]);
    // The controls are shown as escapes.
    expect(r.stdout).toMatch(/\\x1b/);
    expect(r.stdout).toMatch(/\\u202e/);
  });

  it('JSON stays exact', () => {
    const r = zibo(['facts', '--json']);
    expect(JSON.parse(r.stdout)[0].text).toBe(fact.text);
  });
});
