// The build (scripts/build.mjs): dist/main.cjs holds what facts, show, topics, sources and cite run; search,
// check, extract, add, remove, find, completion and the --data reader are chunks loaded on first use, which take
// every module main.cjs holds from main.cjs (one copy of each module per run: its classes, caches and notes).

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const BIN = join(ROOT, 'bin/zibo.cjs');
const STACK = /^\s+at .+:\d+:\d+\)?$|node:internal/m;

const CHUNKS = ['add', 'check', 'completion', 'data-file', 'extract', 'find', 'remove', 'search'];

/** The modules a bundle initialises on first use (esbuild names each by its path). */
const lazyModules = (file: string) => new Set([...readFileSync(file, 'latin1').matchAll(/"((?:src|node_modules)\/[^"]+)"\(\)\{/g)].map((m) => m[1]!));

function zibo(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dist/: main.cjs and its chunks', () => {
  it('has one chunk per command or part that only some runs need', () => {
    expect(readdirSync(join(DIST, 'chunks')).filter((f) => f.endsWith('.cjs')).sort()).toEqual(CHUNKS.map((c) => `${c}.cjs`));
  });

  it("main.cjs does not hold a chunk's own code, and the chunk does", () => {
    const main = readFileSync(join(DIST, 'main.cjs'), 'latin1');
    const check = readFileSync(join(DIST, 'chunks/check.cjs'), 'latin1');
    expect(main).not.toMatch(/function checkDraft\(/);
    expect(check).toMatch(/function checkDraft\(/);
    expect(main).not.toMatch(/function extractQuantities\(/);
    expect(main).not.toMatch(/function createSearchEngine\(/);
    expect(readFileSync(join(DIST, 'chunks/search.cjs'), 'latin1')).toMatch(/function createSearchEngine\(/);
  });

  it('no module is both in main.cjs and in a chunk', () => {
    const inMain = lazyModules(join(DIST, 'main.cjs'));
    expect(inMain.has('src/cli/facts.ts')).toBe(true);
    for (const chunk of CHUNKS) {
      const both = [...lazyModules(join(DIST, 'chunks', `${chunk}.cjs`))].filter((m) => inMain.has(m));
      expect(both, chunk).toEqual([]);
    }
  });

  it('a chunk takes the modules main.cjs holds from main.cjs: the --data reader attaches its index where search looks', () => {
    const taken = (chunk: string) =>
      new Set([...readFileSync(join(DIST, 'chunks', `${chunk}.cjs`), 'latin1').matchAll(/Symbol\.for\("zibo\.shared"\)\]\("([^"]+)"\)/g)].map((m) => m[1]!));
    expect([...taken('data-file')]).toEqual(expect.arrayContaining(['src/core/index/indexed-search.ts', 'src/core/schema.ts', 'src/core/corpus.ts']));
    expect([...taken('check')]).toEqual(expect.arrayContaining(['src/cli/errors.ts', 'src/core/corpus.ts', 'node_modules/commander/esm.mjs']));
    expect([...taken('search')]).toEqual(expect.arrayContaining(['src/core/index/indexed-search.ts', 'src/cli/facts.ts']));
    const main = readFileSync(join(DIST, 'main.cjs'), 'latin1');
    for (const chunk of CHUNKS) for (const m of taken(chunk)) expect(main, `${chunk} takes ${m}`).toContain(`${JSON.stringify(m)}:()=>`);
  });

  it('every bundle is the CommonJS wrapper function, pure ASCII', () => {
    for (const file of ['main.cjs', ...CHUNKS.map((c) => `chunks/${c}.cjs`)]) {
      const text = readFileSync(join(DIST, file), 'latin1');
      expect(text.startsWith('(function (exports, require, module, __filename, __dirname) {'), file).toBe(true);
      expect(text.endsWith('\n})'), file).toBe(true);
      expect(/[^\x00-\x7f]/.test(text), file).toBe(false);
    }
  });
});

describe('a chunk at work', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zibo-chunks-'));

  it('check (a chunk) judges a figure with the corpus main.cjs loaded: exit 1 on a wrong figure', () => {
    const r = zibo(['check', '数据中心15个']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^mismatch\t15个\t15\tdg-032\t14个$/m);
  });

  it('an error thrown in a chunk is the class main.cjs knows: a broken --data file is exit 2 with its message', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{"id": 1}]');
    const r = zibo(['facts', '--data', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^zibo: corpus error: .*bad\.json: record 0/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('completion loads every command, chunks included, and describes their flags', () => {
    const r = zibo(['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--dry-run'); // zibo add, a chunk
    expect(r.stdout).toContain('--year'); // zibo check and extract, chunks
  });
});
