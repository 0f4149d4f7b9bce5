// The bundle's module loader (src/boot/loader.ts): CommonJS semantics for our own files, and V8 code caches that
// are only ever a speed-up: a missing, stale or corrupt cache is compiled around, never trusted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFile, cacheFor, cacheModeFrom, cachePath, createLoader } from '../../src/boot/loader.js';

const nodeRequire = createRequire(import.meta.url);
const wrap = (code: string) => `(function (exports, require, module, __filename, __dirname) { ${code}\n})`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zibo-loader-'));
  mkdirSync(join(dir, 'chunks'));
  const files: Record<string, string> = {
    'main.js': `const { add } = require('./chunks/math.js'); const path = require('node:path');
      exports.sum = add(2, 3); exports.base = path.basename(__filename); exports.dir = __dirname;
      exports.twice = require('./chunks/math.js') === require('./chunks/math.js');`,
    'chunks/math.js': `exports.add = (a, b) => a + b; exports.fromA = require('./a.js').name;`,
    'chunks/a.js': `exports.name = 'a'; exports.seenB = require('./b.js').seenA;`,
    'chunks/b.js': `exports.seenA = require('./a.js').name ?? 'partial';`,
    'throws.js': `globalThis.__ziboLoaderRuns = (globalThis.__ziboLoaderRuns ?? 0) + 1; throw new Error('boom');`,
  };
  for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), wrap(code));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const main = () => join(dir, 'main.js');

describe('loader', () => {
  it('loads relative files once each, hands other ids to the fallback, and sets __filename/__dirname', () => {
    const asked: string[] = [];
    const loader = createLoader('off', (id) => (asked.push(id), nodeRequire(id)));
    expect(loader.load(main())).toEqual({ sum: 5, base: 'main.js', dir, twice: true });
    expect(asked).toEqual(['node:path']);
    expect(loader.loaded().map((f) => f.file.slice(dir.length + 1))).toEqual(['main.js', 'chunks/math.js', 'chunks/a.js', 'chunks/b.js']);
  });

  it('gives a cycle the exports made so far, as Node does', () => {
    const loader = createLoader('off', nodeRequire);
    expect(loader.load(join(dir, 'chunks/a.js'))).toEqual({ name: 'a', seenB: 'a' });
  });

  it('forgets a file whose top level threw, so a second load runs it again', () => {
    const loader = createLoader('off', nodeRequire);
    const g = globalThis as { __ziboLoaderRuns?: number };
    g.__ziboLoaderRuns = 0;
    expect(() => loader.load(join(dir, 'throws.js'))).toThrow('boom');
    expect(() => loader.load(join(dir, 'throws.js'))).toThrow('boom');
    expect(g.__ziboLoaderRuns).toBe(2);
  });

  // In one process V8 also keeps compiled scripts in memory by source text, and then never reads the cache data
  // given for the same text again; so "accepted" is checked in a fresh process (test/e2e/code-cache.test.ts), and
  // the rejections here use files whose text this process has never compiled.
  it('writes caches after a run, and a loader using them gives the same results', () => {
    const trainer = createLoader('write', nodeRequire);
    const first = trainer.load(main());
    const written = trainer.writeCaches();
    expect(written).toHaveLength(4);
    for (const f of written) expect(readFileSync(cachePath(f)).length).toBeGreaterThan(0);
    expect(createLoader('use', nodeRequire).load(main())).toEqual(first);
  });

  it('compiles around a missing, foreign or corrupt cache, and ignores caches when off', () => {
    const unique = `${process.pid}-${Date.now()}-${Math.random()}`;
    const file = (name: string, code: string) => {
      writeFileSync(join(dir, name), wrap(`/* ${unique} ${name} */ ${code}`));
      return join(dir, name);
    };
    const entry = file('entry.js', `exports.all = [require('./x.js').v, require('./y.js').v, require('./z.js').v];`);
    file('x.js', `exports.v = 'x';`);
    file('y.js', `exports.v = 'y' + 'y';`);
    file('z.js', `exports.v = 'z';`);
    writeFileSync(cachePath(join(dir, 'x.js')), Buffer.from('not a V8 code cache at all'));
    const trainer = createLoader('write', nodeRequire);
    trainer.load(main());
    trainer.writeCaches();
    writeFileSync(cachePath(join(dir, 'y.js')), readFileSync(cachePath(join(dir, 'chunks/math.js')))); // another file's
    // The right source bytes with a damaged V8 part: V8 itself rejects it.
    const zCache = cacheFile(Buffer.from(readFileSync(join(dir, 'z.js'))), Buffer.from('garbage, not V8 data'));
    writeFileSync(cachePath(join(dir, 'z.js')), zCache);
    const loader = createLoader('use', nodeRequire);
    expect(loader.load(entry)).toEqual({ all: ['x', 'yy', 'z'] });
    const status = Object.fromEntries(loader.loaded().map((f) => [f.file.slice(dir.length + 1), f.cache]));
    expect(status).toEqual({ 'entry.js': 'missing', 'x.js': 'stale', 'y.js': 'stale', 'z.js': 'rejected' });
    const off = createLoader('off', nodeRequire);
    off.load(main());
    expect(off.loaded().every((f) => f.cache === 'off')).toBe(true);
  });

  it('never runs the cached code of an edited file, even one of the same length (V8 alone would)', () => {
    const trainer = createLoader('write', nodeRequire);
    trainer.load(main());
    trainer.writeCaches();
    const before = readFileSync(join(dir, 'chunks/math.js'), 'utf8');
    const after = before.replace('a + b', 'a - b');
    expect(after.length).toBe(before.length);
    writeFileSync(join(dir, 'chunks/math.js'), after);
    const loader = createLoader('use', nodeRequire);
    expect(loader.load(main())).toMatchObject({ sum: -1 });
    expect(loader.loaded().find((f) => f.file.endsWith('math.js'))?.cache).toBe('stale');
  });

  it('a cache file is the source bytes followed by V8 data; anything else is not taken', () => {
    const src = Buffer.from('source text');
    const file = cacheFile(src, Buffer.from([1, 2, 3]));
    expect(cacheFor(file, src)).toEqual(Buffer.from([1, 2, 3]));
    expect(cacheFor(file, Buffer.from('source texT'))).toBeUndefined();
    expect(cacheFor(file, Buffer.from('source'))).toBeUndefined();
    expect(cacheFor(file.subarray(0, file.length - 3), src)).toBeUndefined(); // no V8 data left
    expect(cacheFor(Buffer.from('short'), src)).toBeUndefined();
  });

  it.each([
    [undefined, 'use'],
    ['', 'use'],
    ['report', 'use'],
    ['0', 'off'],
    ['write', 'write'],
  ])('ZIBO_CODE_CACHE=%s means %s', (value, mode) => {
    expect(cacheModeFrom(value)).toBe(mode);
  });
});
