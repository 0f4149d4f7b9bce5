// The V8 code cache (src/cli/code-cache.ts, built to dist/code-cache.cjs) may cost speed, never correctness:
// a run without a cache writes one; a corrupt or foreign cache is ignored and replaced; a changed bundle of the
// same length is never run from the old one's cache (V8 itself compares only the source's length).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
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
  // A module that uses require, module, __filename and a function called later, written as the build writes a
  // bundle: the CommonJS wrapper function itself.
  const source = (word: string) =>
    `(function (exports, require, module, __filename, __dirname) { const { basename } = require('node:path'); module.exports = 1; function say() { return '${word}:' + basename(__filename); } process.stdout.write(say() + '\\n');\n})`;

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

  it('returns the exports of the file it runs (a chunk gives main.cjs its module this way)', () => {
    const chunk = join(dir, 'chunk.cjs');
    writeFileSync(chunk, `(function (exports, require, module) { module.exports = { answer: 6 * 7 };\n})`);
    const r = spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(LOADER)}).load(${JSON.stringify(chunk)}).answer))`], { encoding: 'utf8' });
    expect(r.stdout).toBe('42');
  });

  it('with refresh, rewrites the cache a run used, so that it holds what that run compiled as well', () => {
    const file2 = join(dir, 'refresh.cjs');
    writeFileSync(file2, `(function (exports, require, module) { module.exports = process.argv[1] === 'b' ? (() => 'b'.repeat(3))() : 'a';\n})`);
    const go = (arg: string, refresh: boolean) => spawnSync(process.execPath, ['-e', `require(${JSON.stringify(LOADER)}).load(${JSON.stringify(file2)}, { refresh: ${refresh} })`, arg]);
    go('a', false);
    const [cache] = readdirSync(dir).filter((f) => f.startsWith('refresh.cjs.') && f.endsWith('.v8cache'));
    // The cache is written to a temporary file renamed into place: a rewritten cache is a new file.
    const inode = () => statSync(join(dir, cache!)).ino;
    const before = inode();
    go('b', false);
    expect(inode()).toBe(before); // a cache that was used stays as it was
    go('b', true);
    expect(inode()).not.toBe(before);
  });
});
