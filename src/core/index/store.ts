// The candidate index of a large corpus, as one cache file that a query reads only in part:
//
//   "ZIBOIDX3" | u32 header length | header JSON (space-padded) | postings (u32 LE record numbers) | meta JSON
//   | corpus JSON
//
// header: format version, the SHA-256 and size of the data file it was built from, section lengths, SHA-256 of
//         meta and corpus. It has a fixed size and is written last, so that the sections stream to the file as
//         they are made.
// meta:   sorted token list with postings offsets and a CRC-32 per postings list; the bigrams each pinyin token
//         stands in (postings.ts leaves a bigram's characters and pinyin out of the postings); where each record
//         lies in the data file (byte offset and length) and the CRC-32 of its bytes.
// corpus: the releases and topics of the corpus (made by the reader of the data file once it is validated).
//
// Records are not copied: a query reads the few it needs from the data file itself, checks their bytes against
// the CRC and validates them again. A query reads header and meta (verified), the postings of its tokens (each
// verified) and the records of its candidates. Any mismatch is an IndexCorruptError: the caller rebuilds, never
// trusts it. An index kept in memory (a run that cannot use the cache folder) holds the parsed records instead.

import { closeSync, readSync } from 'node:fs';
import { openRegular } from '../limits.js';
import { createRequire } from 'node:module';
import type { Fact, Release, Topic } from '../types.js';
import { queryTokens } from './tokens.js';
import { crc32 } from './crc32.js';
import { IndexCorruptError } from './errors.js';
import { postingsOf, type Postings } from './postings.js';

export const INDEX_MAGIC = 'ZIBOIDX3';
/** Bump when tokens or layout change: an old cache file is then simply not found. */
export const INDEX_VERSION = 3;

export { IndexCorruptError };

interface Header {
  v: number;
  dataHash: string;
  dataSize: number;
  count: number;
  postingsLen: number;
  metaLen: number;
  metaSha256: string;
  corpusLen: number;
  corpusSha256: string;
}

/** Where the records lie in the data file: byte offset, byte length and CRC-32 of record i. */
export interface RecordTable {
  at: number[];
  len: number[];
  crc: number[];
}

interface Meta extends RecordTable {
  tokens: string[];
  /** postings start of token i, in u32 units; length tokens + 1. */
  post: number[];
  postCrc: number[];
  /** Pinyin token → indexes of the bigram tokens that hold it (their postings are its records). */
  pinyin: Record<string, number[]>;
}

const sha256 = (b: Uint8Array) =>
  (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(b).digest('hex');

/** Size of the header area (JSON padded with spaces). */
const HEAD_BYTES = 1024;
/** Bytes before the postings: magic, header length, header. */
const HEAD_AREA = 12 + HEAD_BYTES;

/**
 * Serialises the index of a corpus (its postings; `table` says where each record lies in the data file) through
 * `emit`, part by part in file order, starting with a placeholder for the header; returns the header, to be written
 * over the placeholder at offset 0. A part is only valid during the call: the sink writes it out or copies it.
 */
export function writeIndex(postings: Postings, table: RecordTable, data: { hash: string; size: number }, releases: Release[], topics: Topic[], emit: (part: Buffer) => void): Buffer {
  const count = postings.count;
  if (table.at.length !== count || table.len.length !== count || table.crc.length !== count) throw new Error('record table does not match the records');
  const { tokens, starts, post, pinyin } = postings;
  emit(Buffer.alloc(HEAD_AREA)); // the header's place: written last
  const postBuf = Buffer.from(post.buffer, post.byteOffset, post.byteLength);
  const postCrc: number[] = [];
  for (let k = 0; k < tokens.length; k++) postCrc.push(crc32(postBuf.subarray(starts[k]! * 4, starts[k + 1]! * 4)));
  emit(postBuf);
  const meta: Meta = { tokens, post: starts, postCrc, pinyin, at: table.at, len: table.len, crc: table.crc };
  const metaBuf = Buffer.from(JSON.stringify(meta));
  emit(metaBuf);
  const corpus = Buffer.from(JSON.stringify({ releases, topics }));
  emit(corpus);
  const header: Header = {
    v: INDEX_VERSION, dataHash: data.hash, dataSize: data.size, count, postingsLen: postBuf.length,
    metaLen: metaBuf.length, metaSha256: sha256(metaBuf), corpusLen: corpus.length, corpusSha256: sha256(corpus),
  };
  const json = JSON.stringify(header);
  if (Buffer.byteLength(json) > HEAD_BYTES) throw new Error('index header too long'); // ~350 bytes in practice
  const head = Buffer.alloc(HEAD_AREA, 0x20);
  head.write(INDEX_MAGIC, 0, 'latin1');
  head.writeUInt32LE(HEAD_BYTES, 8);
  head.write(json, 12);
  return head;
}

/** How many candidates a query hands to the scoring engine at most. */
export const DEFAULT_CANDIDATES = 100;

export interface OpenIndex {
  count: number;
  dataHash: string;
  releases: Release[];
  topics: Topic[];
  /** Record numbers of the best candidates for the query, best first (those sharing most query weight). */
  candidateDocs(query: string, limit?: number): number[];
  /** The records of these numbers, in the same order. */
  records(docs: readonly number[]): Fact[];
  /** Reads and checks every part; throws IndexCorruptError at the first mismatch. */
  verify(): void;
  close(): void;
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

/** The term dictionary of an index: sorted tokens, the bigrams each left-out pinyin token stands in, postings by index. */
interface Terms {
  tokens: readonly string[];
  pinyin: Record<string, number[]>;
  postingsOf(i: number): Uint32Array;
}

/**
 * The records holding query token `t`. The postings keep a bigram and leave out its two characters and its pinyin
 * (postings.ts): a pinyin token's records are those of the bigrams that hold it (and its own, if any); a single
 * character's are those of every bigram it is part of (and its own: a one-character run keeps its character).
 */
function recordsWith(t: string, terms: Terms): Uint32Array | Set<number> {
  const lists: number[] = [];
  const i = bisect(terms.tokens, t);
  if (i >= 0) lists.push(i);
  if (t.startsWith('~')) {
    const bigrams: unknown = Object.hasOwn(terms.pinyin, t) ? terms.pinyin[t] : [];
    if (!Array.isArray(bigrams)) throw new IndexCorruptError('index pinyin table is not valid');
    lists.push(...(bigrams as number[]));
  } else if (Array.from(t).length === 1) {
    terms.tokens.forEach((b, j) => {
      if (b.length <= 4 && b !== t && (b.startsWith(t) || b.endsWith(t)) && Array.from(b).length === 2) lists.push(j);
    });
  }
  if (lists.length === 1) return terms.postingsOf(lists[0]!);
  const docs = new Set<number>();
  for (const k of lists) for (const d of terms.postingsOf(k)) docs.add(d);
  return docs;
}

/** The best candidates for `query`: records sharing most query tokens, each weighted by its rarity (idf). */
function candidatesOf(query: string, limit: number, count: number, terms: Terms): number[] {
  const score = new Map<number, number>();
  for (const t of queryTokens(query)) {
    const docs = recordsWith(t, terms);
    const df = docs instanceof Set ? docs.size : docs.length;
    if (df === 0) continue;
    const w = Math.log(1 + count / df);
    for (const doc of docs) score.set(doc, (score.get(doc) ?? 0) + w);
  }
  const docs = [...score.keys()];
  // Best total weight first; ties keep corpus order, so the choice is deterministic.
  docs.sort((a, b) => score.get(b)! - score.get(a)! || a - b);
  return docs.slice(0, limit);
}

/** An index over records held in memory (built in a run that cannot use the cache folder). */
export function memoryIndex(facts: readonly Fact[], releases: Release[], topics: Topic[]): OpenIndex {
  const p = postingsOf(facts);
  const terms: Terms = { tokens: p.tokens, pinyin: p.pinyin, postingsOf: (i) => p.post.subarray(p.starts[i]!, p.starts[i + 1]!) };
  return {
    count: facts.length,
    dataHash: 'memory',
    releases,
    topics,
    candidateDocs: (query, limit = DEFAULT_CANDIDATES) => candidatesOf(query, limit, facts.length, terms),
    records: (docs) => docs.map((d) => facts[d]!),
    verify() {},
    close() {},
  };
}

function readFull(fd: number, pos: number, len: number, what: string): Buffer {
  const buf = Buffer.allocUnsafe(len);
  let got = 0;
  while (got < len) {
    const n = readSync(fd, buf, got, len - got, pos + got);
    if (n === 0) throw new IndexCorruptError(`${what} is truncated`);
    got += n;
  }
  return buf;
}

/** openRegular, or an IndexCorruptError naming `what` when the path holds no regular file. */
function openFile(path: string, what: string): { fd: number; size: number } {
  const file = openRegular(path);
  if (!file) throw new IndexCorruptError(`${what} is not a regular file`);
  return file;
}

export interface OpenOptions {
  /** The data file the index was built from (its records are read from there). */
  dataFile: string;
  /** Validates a record read from the data file (it is hostile input again); throws when it is not valid. */
  check: (raw: unknown) => Fact;
}

/** Opens a cache file; throws IndexCorruptError if anything read does not verify, or it was built from other data. */
export function openIndex(path: string, expectHash: string, opts: OpenOptions): OpenIndex {
  let fd: number;
  let size: number;
  try {
    ({ fd, size } = openFile(path, 'index path'));
  } catch (e) {
    if (e instanceof IndexCorruptError) throw e;
    throw new IndexCorruptError(`index file unreadable: ${(e as Error).message}`);
  }
  try {
    return openReader(fd, size, expectHash, opts);
  } catch (e) {
    closeSync(fd);
    if (e instanceof IndexCorruptError) throw e;
    throw new IndexCorruptError(`index file unreadable: ${(e as Error).message}`);
  }
}

function openReader(fd: number, size: number, expectHash: string, opts: OpenOptions): OpenIndex {
  const readAt = (pos: number, len: number) => readFull(fd, pos, len, 'index file');
  if (size < 12) throw new IndexCorruptError('index file is truncated');
  const magic = readAt(0, 12);
  if (magic.toString('latin1', 0, 8) !== INDEX_MAGIC) throw new IndexCorruptError('not a zibo index file');
  const headLen = magic.readUInt32LE(8);
  if (headLen !== HEAD_BYTES || HEAD_AREA > size) throw new IndexCorruptError('index header is truncated');
  let header: Header;
  try {
    header = JSON.parse(readAt(12, headLen).toString('utf8')) as Header;
  } catch {
    throw new IndexCorruptError('index header is not valid');
  }
  if (header.v !== INDEX_VERSION || header.dataHash !== expectHash) throw new IndexCorruptError('index built from other data');
  const postAt = HEAD_AREA;
  const metaAt = postAt + header.postingsLen;
  const corpusAt = metaAt + header.metaLen;
  if (corpusAt + header.corpusLen !== size) throw new IndexCorruptError('index file has the wrong size');
  const section = <T>(at: number, len: number, sum: string, what: string): T => {
    const buf = readAt(at, len);
    if (sha256(buf) !== sum) throw new IndexCorruptError(`index ${what} checksum mismatch`);
    return JSON.parse(buf.toString('utf8')) as T;
  };
  const meta = section<Meta>(metaAt, header.metaLen, header.metaSha256, 'meta');
  const corpus = section<{ releases: Release[]; topics: Topic[] }>(corpusAt, header.corpusLen, header.corpusSha256, 'corpus');
  const count = header.count;
  // The checksums say the file is as written, not that it was written by zibo: the shape is checked too.
  const arrays = (...xs: unknown[]) => xs.every((x) => Array.isArray(x));
  if (!meta || !arrays(meta.tokens, meta.post, meta.postCrc, meta.at, meta.len, meta.crc) || typeof meta.pinyin !== 'object' || meta.pinyin === null || !meta.tokens.every((t) => typeof t === 'string')) {
    throw new IndexCorruptError('index meta is not an index table');
  }
  if (meta.tokens.length + 1 !== meta.post.length || meta.postCrc.length !== meta.tokens.length) throw new IndexCorruptError('index token table has the wrong length');
  if (meta.at.length !== count || meta.len.length !== count || meta.crc.length !== count) throw new IndexCorruptError('index record table has the wrong length');
  if (!corpus || !arrays(corpus.releases, corpus.topics)) throw new IndexCorruptError('index corpus section is not valid');

  function postingsOf(i: number): Uint32Array {
    if (!Number.isInteger(i) || i < 0 || i >= meta.tokens.length) throw new IndexCorruptError('index names a token that does not exist');
    const start = meta.post[i]!;
    const len = meta.post[i + 1]! - start;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(len) || start < 0 || len < 0 || (start + len) * 4 > header.postingsLen) {
      throw new IndexCorruptError('index postings offsets are not valid');
    }
    const buf = readAt(postAt + start * 4, len * 4);
    if (crc32(buf) !== meta.postCrc[i]) throw new IndexCorruptError('index postings checksum mismatch');
    if (buf.byteOffset % 4 === 0) return new Uint32Array(buf.buffer, buf.byteOffset, len);
    return new Uint32Array(new Uint8Array(buf).buffer, 0, len); // a pooled buffer may be unaligned
  }

  let data: { fd: number; size: number } | undefined;
  function record(doc: number): Fact {
    if (!Number.isInteger(doc) || doc < 0 || doc >= count) throw new IndexCorruptError('index postings name a record that does not exist');
    if (!data) {
      try {
        data = openFile(opts.dataFile, 'data file');
      } catch (e) {
        if (e instanceof IndexCorruptError) throw e;
        throw new IndexCorruptError(`data file unreadable: ${(e as Error).message}`);
      }
      if (data.size !== header.dataSize) throw new IndexCorruptError('the data file changed since the index was built');
    }
    const at = meta.at[doc]!;
    const len = meta.len[doc]!;
    if (!Number.isSafeInteger(at) || !Number.isSafeInteger(len) || at < 0 || len < 0 || at + len > header.dataSize) {
      throw new IndexCorruptError('index record table is not valid');
    }
    const buf = readFull(data.fd, at, len, 'data file');
    if (crc32(buf) !== meta.crc[doc]) throw new IndexCorruptError('the data file changed since the index was built');
    try {
      return opts.check(JSON.parse(buf.toString('utf8')));
    } catch {
      throw new IndexCorruptError('a record of the data file is no longer valid');
    }
  }

  return {
    count,
    dataHash: header.dataHash,
    releases: corpus.releases,
    topics: corpus.topics,
    candidateDocs: (query, limit = DEFAULT_CANDIDATES) => candidatesOf(query, limit, count, { tokens: meta.tokens, pinyin: meta.pinyin, postingsOf }),
    records: (docs) => docs.map(record),
    verify() {
      for (let i = 0; i < meta.tokens.length; i++) postingsOf(i);
      for (const bigrams of Object.values(meta.pinyin)) {
        if (!Array.isArray(bigrams) || !bigrams.every((j) => Number.isInteger(j) && j >= 0 && j < meta.tokens.length)) throw new IndexCorruptError('index pinyin table is not valid');
      }
      for (let doc = 0; doc < count; doc++) record(doc);
    },
    close() {
      closeSync(fd);
      if (data) closeSync(data.fd);
      data = undefined;
    },
  };
}
