// The index cache: keyed by content hash, rebuilt when the data changes, never trusted when corrupt, and left
// complete when two processes build it at once.

import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataFile } from '../../../src/core/data-file.js';
import { cacheDir, ensureDir, evict, indexPath, sha256Hex, tryLock, waitForBuild } from '../../../src/core/index/cache.js';
import { IndexCorruptError, openIndex as openIndexFile } from '../../../src/core/index/store.js';
import { recordTokenizer } from '../../../src/core/index/postings.js';
import { factTokens } from '../../../src/core/index/tokens.js';
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

/** Opens an index file over the data file it was built from (records read back as they are). */
const openIndex = (path: string, hash: string, dataFile = path.replace(/cache\/[^/]+$/, 'facts.json')) =>
  openIndexFile(path, hash, { dataFile, check: (raw) => raw as Fact });

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
    ['a flipped byte in the header padding', (b) => flip(b, sections(b).postings - 2)],
    ['a flipped byte in the meta', (b) => flip(b, sections(b).meta + 100)],
    ['a flipped byte in the postings', (b) => flip(b, sections(b).postings + 40)],
    ['a flipped byte in the corpus section', (b) => flip(b, sections(b).corpus + 20)],
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

  it('an index whose checksums hold but whose tables are not an index (written by hand) is refused, never a crash', () => {
    const s = setup(many(200));
    s.load();
    const path = s.cached();
    const good = readFileSync(path);
    const { meta, corpus } = sections(good);
    const header = JSON.parse(good.toString('utf8', 12, sections(good).postings).trim());
    const rewrite = (change: (m: Record<string, unknown>) => void) => {
      const m = JSON.parse(good.toString('utf8', meta, corpus));
      change(m);
      const metaBuf = Buffer.from(JSON.stringify(m));
      const h = { ...header, metaLen: metaBuf.length, metaSha256: sha256Hex(metaBuf) };
      const head = Buffer.alloc(sections(good).postings, 0x20);
      good.copy(head, 0, 0, 12);
      head.write(JSON.stringify(h), 12);
      writeFileSync(path, Buffer.concat([head, good.subarray(sections(good).postings, meta), metaBuf, good.subarray(corpus)]));
    };
    const hash = sha256Hex(readFileSync(s.file));
    const cases: Array<(m: Record<string, unknown>) => void> = [
      (m) => (m.pinyin = 5),
      (m) => (m.tokens = (m.tokens as unknown[]).map((t, i) => (i === 3 ? 7 : t))),
      (m) => (m.post = (m.post as number[]).map((x, i) => (i === 1 ? -9 : x))),
      (m) => (m.at = (m.at as number[]).map(() => 1e15)),
      (m) => {
        const py = m.pinyin as Record<string, unknown>;
        for (const k of Object.keys(py)) py[k] = 'x';
      },
    ];
    for (const change of cases) {
      rewrite(change);
      let index;
      try {
        index = openIndex(path, hash, s.file);
      } catch (e) {
        expect(e).toBeInstanceOf(IndexCorruptError);
        continue;
      }
      expect(() => index.verify()).toThrow(IndexCorruptError);
      // A search through it is answered from the data file instead.
      const c = s.load();
      expect(search(c, 'gongjiao').length).toBeGreaterThan(0);
      expect(search(c, '数据中心')).toEqual(search(setup(many(200)).load(), '数据中心'));
    }
  });

  it('records are read from the data file and checked: a data file changed under its index is never trusted', () => {
    const s = setup(many(200));
    s.load();
    const hash = sha256Hex(readFileSync(s.file));
    const path = s.cached();
    const index = openIndex(path, hash, s.file);
    const docs = index.candidateDocs('数据中心');
    expect(index.records(docs).map((f) => f.id)).toEqual(docs.map((d) => `t-${d + 1}`));
    // The same size, one byte of a record changed (as an edit that keeps the stat memo would): caught by the CRC.
    const bytes = readFileSync(s.file);
    const at = bytes.indexOf('"t-1"') + 2;
    bytes[at] = 'u'.charCodeAt(0);
    writeFileSync(s.file, bytes);
    expect(() => index.records([0])).toThrow(IndexCorruptError);
    index.close();
    // Another size: refused before any record is read.
    writeFileSync(s.file, Buffer.concat([readFileSync(s.file), Buffer.from(' ')]));
    expect(() => openIndex(path, hash, s.file).records([1])).toThrow('the data file changed since the index was built');
  });

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
  const postings = 12 + headLen;
  return { postings, meta: postings + h.postingsLen, corpus: postings + h.postingsLen + h.metaLen };
}

function flip(b: Buffer, at: number): Buffer {
  const c = Buffer.from(b);
  c[at] = c[at]! ^ 0x5a;
  return c;
}

describe('index tokens', () => {
  it('the builder tokenises every record exactly as factTokens does (real facts, Traditional, English, numbers)', () => {
    const tk = recordTokenizer();
    const extra: Fact[] = [
      { ...REAL[0]!, text: '夜間經濟證照辦理 5G 455.92億元', label: 'ＡＢＣ１２条', topics: ['數據中心', 'x'], en: 'Buses and greenways, 43,000 vouchers' },
      { ...REAL[1]!, text: '㐀𠀀淄博', label: '', topics: ['公交'], en: '' },
    ];
    for (const f of [...REAL, ...extra, ...many(300, '甲')]) expect([...tk(f)].sort(), f.id).toEqual([...factTokens(f)].sort());
  });
});

/** A pid that is not running (for stale locks and temporary files of killed builds). */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid++) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

describe('cache hygiene', () => {
  it('temporary files of a killed build are removed by the next build; a stale lock is broken', () => {
    const s = setup(many(200));
    const dir = cacheDir(s.env);
    mkdirSync(dir, { recursive: true });
    const dead = deadPid();
    const orphan = join(dir, `index-v1-${'0'.repeat(64)}.zix.tmp-${dead}-abcd`);
    const old = join(dir, `index-v1-${'1'.repeat(64)}.zix.tmp-${process.pid}-ef01`);
    writeFileSync(orphan, 'partial');
    writeFileSync(old, 'partial');
    utimesSync(old, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const path = s.cached();
    writeFileSync(`${path}.lock`, `${dead} ${Date.now()}\n`);
    expect(indexOf(s.load())!.count).toBe(200);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-') || f.endsWith('.lock'))).toEqual([]);
    // A warm run (the index is there) cleans up too.
    writeFileSync(orphan, 'partial');
    expect(indexOf(s.load())!.count).toBe(200);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('a live lock makes a cold run wait; the holder is not disturbed', () => {
    const s = setup(many(200));
    mkdirSync(cacheDir(s.env), { recursive: true });
    const lock = tryLock(s.cached())!;
    expect(lock).toBeDefined();
    expect(tryLock(s.cached())).toBeUndefined();
    expect(waitForBuild(s.cached(), 50)).toBe(false);
    lock.release();
    expect(waitForBuild(s.cached(), 50)).toBe(true);
    expect(tryLock(s.cached())).toBeDefined();
  });

  it('eviction keeps the newest indexes within the count and the byte bound; memos and other files stay', () => {
    const dir = join(tmp, 'evict');
    mkdirSync(dir);
    const names = Array.from({ length: 12 }, (_, i) => `index-v1-${i.toString(16).padStart(64, '0')}.zix`);
    names.forEach((n, i) => {
      writeFileSync(join(dir, n), Buffer.alloc(1000));
      utimesSync(join(dir, n), new Date(1e12 + i * 1000), new Date(1e12 + i * 1000)); // later index = newer
    });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    evict(dir, { keep: 8, spare: join(dir, names[0]!) });
    const left = readdirSync(dir).sort();
    expect(left).toEqual([names[0]!, ...names.slice(5), 'notes.txt'].sort()); // the spared one + the 7 newest
    evict(dir, { maxBytes: 3000 });
    expect(readdirSync(dir).filter((n) => n.endsWith('.zix')).sort()).toEqual(names.slice(9));
  });

  it('a new index evicts the oldest beyond eight', () => {
    const dir = join(tmp, 'evict-run', 'cache');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 9; i++) {
      const p = join(dir, `index-v1-${i.toString(16).padStart(64, 'a')}.zix`);
      writeFileSync(p, 'old');
      utimesSync(p, new Date(1e12 + i), new Date(1e12 + i));
    }
    const file = join(tmp, 'evict-run', 'facts.json');
    writeFileSync(file, JSON.stringify(many(200)));
    loadDataFile(file, { env: { ZIBO_CACHE_DIR: dir }, indexThreshold: 50 });
    const zix = readdirSync(dir).filter((n) => n.endsWith('.zix'));
    expect(zix).toHaveLength(8);
    expect(zix).toContain(indexPath(dir, sha256Hex(readFileSync(file))).slice(dir.length + 1));
  });

  it('a cache folder that cannot be made: one note naming ZIBO_CACHE_DIR, the index kept in memory, search right', () => {
    const s = setup(many(200));
    const blocker = join(s.dir, 'plain-file');
    writeFileSync(blocker, '');
    const notes: string[] = [];
    const env = { ZIBO_CACHE_DIR: join(blocker, 'cache') };
    const load = () => loadDataFile(s.file, { env, indexThreshold: 50, warn: (m) => notes.push(m) });
    const c = load();
    load();
    expect(notes).toEqual([`note: cannot use the cache folder ${join(blocker, 'cache')} (ENOTDIR); the index is built in memory for this run only. Set ZIBO_CACHE_DIR to a writable folder.`]);
    expect(indexOf(c)!.count).toBe(200);
    expect(search(c, '数据中心')).toEqual(search(s.load(), '数据中心'));
    expect(ensureDir('/proc/zibo-cache-test/a/b')).toBe('ENOENT'); // mkdir -p loops here; one step fails at once
  });

  it('a FIFO or a folder at the index path is not opened; the index is rebuilt', () => {
    const s = setup(many(200));
    mkdirSync(cacheDir(s.env), { recursive: true });
    execFileSync('mkfifo', [s.cached()]);
    expect(() => openIndex(s.cached(), sha256Hex(readFileSync(s.file)))).toThrow('index path is not a regular file');
    const c = s.load();
    expect(indexOf(c)!.count).toBe(200);
    expect(statSync(s.cached()).isFile()).toBe(true);
  });

  it('four cold runs at once all succeed, agree, and leave one valid index and no lock or temporary file', async () => {
    const s = setup(many(2600));
    const bin = join(ROOT, 'bin/zibo.cjs');
    const run = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, [bin, 'search', '公交线路', '--json', '--data', s.file], { env: { ...process.env, ...s.env } });
        let out = '';
        let err = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (err += d));
        p.on('close', (code) => resolve({ code, out, err }));
      });
    const rs = await Promise.all([run(), run(), run(), run()]);
    expect(rs.map((r) => [r.code, r.err])).toEqual(rs.map(() => [0, '']));
    for (const r of rs) expect(JSON.parse(r.out)).toEqual(JSON.parse(rs[0]!.out));
    const files = readdirSync(cacheDir(s.env));
    expect(files.filter((f) => f.includes('.tmp-') || f.endsWith('.lock'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.zix'))).toHaveLength(1);
    expect(openIndex(s.cached(), sha256Hex(readFileSync(s.file))).count).toBe(2600);
  }, 120_000);
});

describe('a big file indexed as it is read, in pieces', () => {
  /** The message of the CorpusError a load throws. */
  const failure = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected the load to fail');
  };
  /** The same file loaded with no index at all (threshold above its size): the reference for facts and messages. */
  const plain = (file: string) => loadDataFile(file, { env: { ZIBO_CACHE_DIR: join(tmp, 'never') }, indexThreshold: 1e9 });

  it('records that straddle the 4 MiB pieces: the index answers as a search over every fact does', () => {
    const s = setup(many(9000)); // ~5 MB: records cross the first piece's end
    expect(statSync(s.file).size).toBeGreaterThan(4 << 20);
    const cold = s.load();
    expect(indexOf(cold)!.count).toBe(9000);
    const all = plain(s.file);
    expect(indexOf(all)).toBeUndefined();
    for (const q of ['数据中心', '公交线路', 'gongjiao', '中']) expect(search(cold, q)).toEqual(search(all, q));
    expect(cold.releases).toEqual(all.releases);
    expect(cold.topics).toEqual(all.topics);
    expect(ids(cold.facts)).toEqual(ids(all.facts)); // parsed from the file on demand
  });

  it('a record bigger than a piece is read whole', () => {
    const facts = many(120);
    (facts[60] as unknown as Record<string, unknown>).note = 'x'.repeat(5 << 20); // an unknown field: dropped, but read
    const s = setup(facts);
    const c = s.load();
    expect(indexOf(c)!.count).toBe(120);
    expect(c.facts[60]).not.toHaveProperty('note');
    expect(indexOf(c)!.records([60])[0]).toEqual(c.facts[60]);
  });

  const bad: Array<[string, (facts: Fact[]) => void]> = [
    ['a record with a wrong field', (fs) => ((fs[150] as unknown as Record<string, unknown>).value = 'many')],
    ['an id used twice', (fs) => (fs[170]!.id = fs[20]!.id)],
    ['an unknown release before a wrong field', (fs) => {
      fs[30]!.release = 'other-2024-01-01';
      (fs[180] as unknown as Record<string, unknown>).topics = 'x';
    }],
  ];
  for (const [what, spoil] of bad) {
    it(`${what}: the same message as a load of the whole file, and no index is written`, () => {
      const facts = many(200);
      spoil(facts);
      const s = setup(facts);
      const got = failure(s.load);
      expect(got).toBe(failure(() => plain(s.file)));
      expect(got).toMatch(/record \d+/);
      expect(readdirSync(cacheDir(s.env)).filter((f) => f.endsWith('.zix'))).toEqual([]);
    });
  }

  it('the object form is parsed whole and still gets a cached index', () => {
    const s = setup(many(200));
    writeFileSync(s.file, JSON.stringify({ releases: [], facts: many(200) }));
    const first = s.load();
    expect(indexOf(first)!.count).toBe(200);
    const path = s.cached();
    const before = statSync(path);
    const second = s.load();
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs); // reused, not rebuilt
    expect(search(second, '数据中心')).toEqual(search(first, '数据中心'));
    expect(indexOf(second)!.records([199])[0]!.id).toBe('t-200');
  });
});

