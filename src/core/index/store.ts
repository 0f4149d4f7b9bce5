// The candidate index of a large corpus, as one cache file that a query reads only in part:
//
//   "ZIBOIDX1" | u32 header length | header JSON | meta JSON | postings (u32 LE doc numbers) | records (JSONL)
//
// header: format version, the content hash of the data file it was built from, section lengths, SHA-256 of meta.
// meta:   sorted token list with postings offsets and an FNV-1a checksum per postings list, byte offsets and an
//         FNV-1a checksum per record, and the corpus' releases and topics.
// A query reads header and meta (verified), the postings of its tokens (each verified), and the records of its
// candidates (each verified). Any mismatch is an IndexCorruptError: the caller rebuilds, never trusts it.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Fact, Release, Topic } from '../types.js';
import { factTokens, queryTokens } from './tokens.js';
import { normalize, pieces } from '../search/normalize.js';
import { foldTraditional } from '../search/fold.js';
import { IndexCorruptError } from './errors.js';

export const INDEX_MAGIC = 'ZIBOIDX1';
/** Bump when tokens or layout change: an old cache file is then simply not found. */
export const INDEX_VERSION = 1;

export { IndexCorruptError };

interface Header {
  v: number;
  dataHash: string;
  count: number;
  metaLen: number;
  metaSha256: string;
  postingsLen: number;
  recordsLen: number;
}

interface Meta {
  tokens: string[];
  /** postings start of token i, in u32 units; length tokens + 1. */
  post: number[];
  postFnv: number[];
  /** byte offset of record i in the records section; length count + 1. */
  rec: number[];
  recFnv: number[];
  releases: Release[];
  topics: Topic[];
}

export function fnv1a(buf: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < buf.length; i++) {
    h ^= buf[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const sha256 = (b: Uint8Array) =>
  (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(b).digest('hex');

const bare = (text: string) => ({ text, label: '', topics: [], en: '' }) as unknown as Fact;

/**
 * The tokens of records, the same sets as factTokens, faster on a big corpus. factTokens folds Traditional
 * characters one by one and reads the pinyin of every pair; here each distinct character is folded once, and
 * each distinct bigram, word and number goes through factTokens once: the tokens of a Han run are the union of
 * those of its bigrams (unigrams, the bigram, the pinyin of the pair), and a word or a number gives the same
 * tokens wherever it stands. `visit` gets the key of each piece; `tokens(key)` its tokens (memoised).
 * Checked against factTokens by the tests.
 */
function pieceWalker() {
  const memo = new Map<string, readonly string[]>();
  const folded = new Map<string, string>();
  const tokens = (key: string): readonly string[] => {
    let t = memo.get(key);
    if (!t) memo.set(key, (t = [...factTokens(bare(key))]));
    return t;
  };
  const walk = (f: Fact, visit: (key: string) => void): void => {
    for (const p of pieces(normalize(`${f.text} ${f.label} ${f.topics.join(' ')}`))) {
      if (p.kind !== 'han') {
        visit(p.text);
        continue;
      }
      let prev: string | undefined;
      let n = 0;
      for (const c of p.text) {
        let x = folded.get(c);
        if (x === undefined) folded.set(c, (x = foldTraditional(c)));
        if (prev !== undefined) visit(prev + x);
        prev = x;
        n++;
      }
      if (n === 1) visit(prev!);
    }
    for (const p of pieces(normalize(f.en))) if (p.kind !== 'han') visit(p.text);
  };
  return { tokens, walk };
}

/** The token set of each record, as the index builds it (for tests: it must equal factTokens). */
export function recordTokenizer(): (f: Fact) => Set<string> {
  const { tokens, walk } = pieceWalker();
  return (f) => {
    const out = new Set<string>();
    walk(f, (key) => tokens(key).forEach((t) => out.add(t)));
    return out;
  };
}

/** Records are written into chunks of this size (one allocation per chunk, not per record). */
const CHUNK = 4 << 20;

/**
 * Serialises the index of `facts` (already validated) into the bytes of one cache file, as a list of parts to
 * write in order (no copy of the whole file is made).
 */
export function buildIndexParts(facts: readonly Fact[], dataHash: string, releases: Release[], topics: Topic[]): Buffer[] {
  // Postings: each piece key holds references to the lists of its tokens; docs arrive in order, so a doc is
  // added to a list unless it is already its last entry (no per-record set).
  const lists = new Map<string, number[]>();
  const byKey = new Map<string, number[][]>();
  const { tokens: tokensOf, walk } = pieceWalker();
  let doc = 0;
  const visit = (key: string) => {
    let ls = byKey.get(key);
    if (!ls) {
      ls = tokensOf(key).map((t) => {
        let l = lists.get(t);
        if (!l) lists.set(t, (l = []));
        return l;
      });
      byKey.set(key, ls);
    }
    for (const l of ls) if (l[l.length - 1] !== doc) l.push(doc);
  };
  for (; doc < facts.length; doc++) walk(facts[doc]!, visit);
  byKey.clear();
  const tokens = [...lists.keys()].sort();
  let total = 0;
  for (const t of tokens) total += lists.get(t)!.length;
  const post = new Uint32Array(total);
  const starts: number[] = [0];
  const postFnv: number[] = [];
  let at = 0;
  for (const t of tokens) {
    const list = lists.get(t)!;
    post.set(list, at);
    postFnv.push(fnv1a(new Uint8Array(post.buffer, at * 4, list.length * 4)));
    at += list.length;
    starts.push(at);
  }
  lists.clear();
  const chunks: Buffer[] = [];
  let chunk = Buffer.allocUnsafe(0);
  let used = 0;
  const rec: number[] = [0];
  const recFnv: number[] = [];
  for (const f of facts) {
    const line = JSON.stringify(f) + '\n';
    const n = Buffer.byteLength(line);
    if (used + n > chunk.length) {
      if (used) chunks.push(chunk.subarray(0, used));
      chunk = Buffer.allocUnsafe(Math.max(CHUNK, n));
      used = 0;
    }
    chunk.write(line, used);
    recFnv.push(fnv1a(chunk.subarray(used, used + n)));
    used += n;
    rec.push(rec[rec.length - 1]! + n);
  }
  if (used) chunks.push(chunk.subarray(0, used));
  const meta: Meta = { tokens, post: starts, postFnv, rec, recFnv, releases, topics };
  const metaBuf = Buffer.from(JSON.stringify(meta));
  const postBuf = Buffer.from(post.buffer, post.byteOffset, post.byteLength);
  const header: Header = {
    v: INDEX_VERSION, dataHash, count: facts.length, metaLen: metaBuf.length, metaSha256: sha256(metaBuf),
    postingsLen: postBuf.length, recordsLen: rec[rec.length - 1]!,
  };
  const headBuf = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(12);
  head.write(INDEX_MAGIC, 0, 'latin1');
  head.writeUInt32LE(headBuf.length, 8);
  return [head, headBuf, metaBuf, postBuf, ...chunks];
}

/** The index as one buffer (tests, and a run that keeps it in memory). */
export const buildIndex = (facts: readonly Fact[], dataHash: string, releases: Release[], topics: Topic[]): Buffer =>
  Buffer.concat(buildIndexParts(facts, dataHash, releases, topics));

/** How many candidates a query hands to the scoring engine at most. */
export const DEFAULT_CANDIDATES = 100;

export interface OpenIndex {
  count: number;
  dataHash: string;
  releases: Release[];
  topics: Topic[];
  /** Doc numbers of the best candidates for the query, best first (those sharing most query weight). */
  candidateDocs(query: string, limit?: number): number[];
  /** The records of these doc numbers, in the same order. */
  records(docs: readonly number[]): Fact[];
  /** Every record, in order (for commands that list all facts). */
  allRecords(): Fact[];
  /** Reads and checks every part; throws IndexCorruptError at the first mismatch. */
  verify(): void;
  close(): void;
}

function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.allocUnsafe(len);
  let got = 0;
  while (got < len) {
    const n = readSync(fd, buf, got, len - got, pos + got);
    if (n === 0) throw new IndexCorruptError('index file is truncated');
    got += n;
  }
  return buf;
}

function bisect(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Opens a cache file; throws IndexCorruptError if anything read does not verify, or it was built from other data. */
export function openIndex(path: string, expectHash: string): OpenIndex {
  // O_NONBLOCK: a FIFO or device planted at the index path must not hang the open; fstat then refuses it.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new IndexCorruptError('index path is not a regular file');
    return openReader((pos, len) => readAt(fd, pos, len), st.size, expectHash, () => closeSync(fd));
  } catch (e) {
    closeSync(fd);
    if (e instanceof IndexCorruptError) throw e;
    throw new IndexCorruptError(`index file unreadable: ${(e as Error).message}`);
  }
}

/** An index held in memory (built in a run that cannot use the cache folder). */
export function openIndexBuffer(buf: Buffer, expectHash: string): OpenIndex {
  const read = (pos: number, len: number) => {
    if (pos + len > buf.length) throw new IndexCorruptError('index file is truncated');
    return buf.subarray(pos, pos + len);
  };
  return openReader(read, buf.length, expectHash, () => {});
}

type Reader = (pos: number, len: number) => Buffer;

function openReader(readAt: Reader, size: number, expectHash: string, close: () => void): OpenIndex {
  if (size < 12) throw new IndexCorruptError('index file is truncated');
  const head = readAt(0, 12);
  if (head.toString('latin1', 0, 8) !== INDEX_MAGIC) throw new IndexCorruptError('not a zibo index file');
  const headLen = head.readUInt32LE(8);
  if (12 + headLen > size) throw new IndexCorruptError('index header is truncated');
  const header = JSON.parse(readAt(12, headLen).toString('utf8')) as Header;
  if (header.v !== INDEX_VERSION || header.dataHash !== expectHash) throw new IndexCorruptError('index built from other data');
  const metaAt = 12 + headLen;
  const postAt = metaAt + header.metaLen;
  const recAt = postAt + header.postingsLen;
  if (recAt + header.recordsLen !== size) throw new IndexCorruptError('index file has the wrong size');
  const metaBuf = readAt(metaAt, header.metaLen);
  if (sha256(metaBuf) !== header.metaSha256) throw new IndexCorruptError('index meta checksum mismatch');
  const meta = JSON.parse(metaBuf.toString('utf8')) as Meta;
  const count = header.count;
  const idf = (df: number) => Math.log(1 + count / df);

  function postingsOf(i: number): Uint32Array {
    const start = meta.post[i]!;
    const len = meta.post[i + 1]! - start;
    const buf = readAt(postAt + start * 4, len * 4);
    if (fnv1a(buf) !== meta.postFnv[i]) throw new IndexCorruptError('index postings checksum mismatch');
    if (buf.byteOffset % 4 === 0) return new Uint32Array(buf.buffer, buf.byteOffset, len);
    const copy = new Uint8Array(len * 4); // a view into an in-memory index may be unaligned
    copy.set(buf);
    return new Uint32Array(copy.buffer, 0, len);
  }

  function record(doc: number): Fact {
    const from = meta.rec[doc]!;
    const buf = readAt(recAt + from, meta.rec[doc + 1]! - from);
    if (fnv1a(buf) !== meta.recFnv[doc]) throw new IndexCorruptError('index record checksum mismatch');
    return JSON.parse(buf.toString('utf8')) as Fact;
  }

  return {
    count,
    dataHash: header.dataHash,
    releases: meta.releases,
    topics: meta.topics,
    candidateDocs(query, limit = DEFAULT_CANDIDATES) {
      const score = new Map<number, number>();
      for (const t of queryTokens(query)) {
        const i = bisect(meta.tokens, t);
        if (i < 0) continue;
        const list = postingsOf(i);
        const w = idf(list.length);
        for (const doc of list) score.set(doc, (score.get(doc) ?? 0) + w);
      }
      const docs = [...score.keys()];
      // Best total weight first; ties keep corpus order, so the choice is deterministic.
      docs.sort((a, b) => score.get(b)! - score.get(a)! || a - b);
      return docs.slice(0, limit);
    },
    records: (docs) => docs.map(record),
    allRecords() {
      const buf = readAt(recAt, header.recordsLen);
      const out: Fact[] = [];
      for (let doc = 0; doc < count; doc++) {
        const line = buf.subarray(meta.rec[doc]!, meta.rec[doc + 1]!);
        if (fnv1a(line) !== meta.recFnv[doc]) throw new IndexCorruptError('index record checksum mismatch');
        out.push(JSON.parse(line.toString('utf8')) as Fact);
      }
      return out;
    },
    verify() {
      for (let i = 0; i < meta.tokens.length; i++) postingsOf(i);
      this.allRecords();
    },
    close,
  };
}
