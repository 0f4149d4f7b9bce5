// The index cache: keyed by content hash, rebuilt when the data changes, never trusted when corrupt, and left
// complete when two processes build it at once.

import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataFile } from '../../../src/core/data-file.js';
import { cacheDir, indexPath, sha256Hex } from '../../../src/core/index/cache.js';
import { IndexCorruptError, openIndex } from '../../../src/core/index/store.js';
import { createIndexedSearch, indexOf } from '../../../src/core/index/indexed-search.js';
import { createSearchEngine } from '../../../src/core/search.js';
import type { Fact } from '../../../src/core/types.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REAL: Fact[] = JSON.parse(readFileSync(join(ROOT, 'data/facts.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'zibo-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** n facts cycling through the real ones, with new ids; `tag` is appended to every text. */
function many(n: number, tag = ''): Fact[] {
  return Array.from({ length: n }, (_, i) => {
    const f = REAL[i % REAL.length]!;
    return { ...f, id: `t-${i + 1}`, text: f.text + tag, offset: [0, f.text.length + tag.length] };
  });
}

let seq = 0;
function setup(facts: Fact[]) {
  const dir = join(tmp, `case-${++seq}`);
  const env = { ZIBO_CACHE_DIR: join(dir, 'cache') };
  const file = join(dir, 'facts.json');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(facts));
  const load = () => loadDataFile(file, { env, indexThreshold: 50 });
  const cached = () => indexPath(cacheDir(env), sha256Hex(readFileSync(file)));
  return { dir, env, file, load, cached };
}


const ids = (facts: readonly Fact[]) => facts.map((f) => f.id);
const search = (c: ReturnType<typeof loadDataFile>, q: string) => ids(createIndexedSearch(c, createSearchEngine).search(q, { limit: 5 }).map((h) => h.fact));

describe('index cache', () => {
  it('small corpora get no index; large ones get one, written once and reused', () => {
    const small = setup(many(40));
    expect(indexOf(small.load())).toBeUndefined();
    const s = setup(many(200));
    const first = s.load();
    expect(indexOf(first)).toBeDefined();
    const path = s.cached();
    const before = statSync(path);
    const second = s.load();
    expect(indexOf(second)!.count).toBe(200);
    const after = statSync(path);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]); // not rebuilt
    expect(search(second, '数据中心')).toEqual(search(first, '数据中心'));
  });

  it('rebuilds when the data changes: a stale index is never used', () => {
    const s = setup(many(200));
    const oldPath = s.cached();
    expect(indexOf(s.load())!.count).toBe(200);
    writeFileSync(s.file, JSON.stringify(many(120, '甲乙丙')));
    const newPath = s.cached();
    expect(newPath).not.toBe(oldPath);
    const c = s.load();
    expect(indexOf(c)!.count).toBe(120);
    expect(existsSync(newPath)).toBe(true);
    expect(c.facts.every((f) => f.text.endsWith('甲乙丙'))).toBe(true);
    expect(search(c, '甲乙丙').length).toBeGreaterThan(0);
  });

  it('an index of other data under the right name is refused (header hash checked)', () => {
    const a = setup(many(200));
    a.load();
    const b = setup(many(150, '丁'));
    b.load();
    // Put a's index where b's should be.
    writeFileSync(b.cached(), readFileSync(a.cached()));
    expect(() => openIndex(b.cached(), sha256Hex(readFileSync(b.file)))).toThrow(IndexCorruptError);
    expect(indexOf(b.load())!.count).toBe(150);
    expect(() => openIndex(b.cached(), sha256Hex(readFileSync(b.file)))).not.toThrow();
  });

  const corruptions: Array<[string, (buf: Buffer) => Buffer]> = [
    ['truncated', (b) => b.subarray(0, b.length - 100)],
    ['garbage', () => Buffer.from('not an index at all')],
    ['a flipped byte in the header', (b) => flip(b, 20)],
    ['a flipped byte in the meta', (b) => flip(b, sections(b).meta + 100)],
    ['a flipped byte in the postings', (b) => flip(b, sections(b).postings + 40)],
    ['a flipped byte in the records', (b) => flip(b, sections(b).records + 300)],
  ];

  for (const [what, corrupt] of corruptions) {
    it(`a corrupt cache file (${what}) is never trusted: the answer stays right`, () => {
      const s = setup(many(200));
      const good = s.load();
      const expected = search(good, '数据中心');
      const want = ids(good.facts);
      const path = s.cached();
      writeFileSync(path, corrupt(readFileSync(path)));
      const hash = sha256Hex(readFileSync(s.file));
      expect(() => openIndex(path, hash).verify()).toThrow(IndexCorruptError);
      const c = s.load();
      expect(ids(c.facts)).toEqual(want);
      expect(search(c, '数据中心')).toEqual(expected);
      expect(search(c, '公交线路').length).toBeGreaterThan(0);
      // Either rebuilt on open, or dropped when the bad part was read: the next load finds a good file.
      const again = s.load();
      expect(indexOf(again)).toBeDefined();
      expect(search(again, '数据中心')).toEqual(expected);
      expect(() => openIndex(s.cached(), sha256Hex(readFileSync(s.file)))).not.toThrow();
    });
  }

  it('two processes building at once both succeed and leave one valid cache file', async () => {
    // Above the CLI's own thresholds (500 facts, 256 KiB), so the real bin builds the index.
    const s = setup(many(2600));
    const bin = join(ROOT, 'bin/zibo.cjs');
    const run = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, [bin, 'search', '数据中心', '--json', '--data', s.file], {
          env: { ...process.env, ...s.env },
        });
        let out = '';
        let err = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (err += d));
        p.on('close', (code) => resolve({ code, out, err }));
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.err).toBe('');
    expect(b.err).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(JSON.parse(a.out)).toEqual(JSON.parse(b.out));
    const files = readdirSync(cacheDir(s.env));
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.zix'))).toHaveLength(1);
    expect(openIndex(s.cached(), sha256Hex(readFileSync(s.file))).count).toBe(2600);
  }, 60_000);
});

/** Byte offsets of the sections of an index file, from its header. */
function sections(b: Buffer) {
  const headLen = b.readUInt32LE(8);
  const h = JSON.parse(b.toString('utf8', 12, 12 + headLen));
  const meta = 12 + headLen;
  return { meta, postings: meta + h.metaLen, records: meta + h.metaLen + h.postingsLen };
}

function flip(b: Buffer, at: number): Buffer {
  const c = Buffer.from(b);
  c[at] = c[at]! ^ 0x5a;
  return c;
}
