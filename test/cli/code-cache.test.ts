// The V8 code cache (src/cli/code-cache.ts, built to dist/code-cache.cjs) may cost speed, never correctness:
// a run without a cache writes one; a corrupt or foreign cache is ignored and replaced; a changed bundle of the
// same length is never run from the old one's cache (V8 itself compares only the source's length).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LOADER = join(__dirname, '../../dist/code-cache.cjs');

function run(file: string) {
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(LOADER)}).load(${JSON.stringify(file)})`], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const caches = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

describe('the code cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zibo-cc-'));
  const file = join(dir, 'main.cjs');
  // A module that uses require, module, __filename and a function called later: what the bundle does.
  const source = (word: string) =>
    `const { basename } = require('node:path'); module.exports = 1; function say() { return '${word}:' + basename(__filename); } process.stdout.write(say() + '\\n');`;

  it('a first run writes the cache; a second run gives the same output', () => {
    writeFileSync(file, source('alpha'));
    expect(run(file)).toEqual({ code: 0, out: 'alpha:main.cjs\n', err: '' });
    expect(caches(dir)).toHaveLength(1);
    expect(run(file)).toEqual({ code: 0, out: 'alpha:main.cjs\n', err: '' });
  });

  it('a corrupt cache is ignored and replaced', () => {
    const [cache] = caches(dir);
    writeFileSync(join(dir, cache!), 'not a V8 code cache');
    expect(run(file)).toEqual({ code: 0, out: 'alpha:main.cjs\n', err: '' });
    expect(readFileSync(join(dir, cache!)).toString()).not.toBe('not a V8 code cache');
  });

  it('a rebuilt bundle of the same length does not run from the old cache', () => {
    writeFileSync(file, source('omega')); // same length as alpha
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(run(file)).toEqual({ code: 0, out: 'omega:main.cjs\n', err: '' });
  });
});
