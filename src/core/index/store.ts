// The candidate index of a large corpus, as one cache file that a query reads only in part:
//
//   "ZIBOIDX2" | u32 header length | header JSON (space-padded) | postings (u32 LE doc numbers) | records (JSONL)
//   | meta JSON
//
// header: format version, the content hash of the data file it was built from, section lengths, SHA-256 of meta.
//         It has a fixed size and is written last, so that postings and records stream to the file as they are
//         made (the whole file is never held in memory) and meta, which needs the record offsets, comes after.
// meta:   sorted token list with postings offsets and an FNV-1a checksum per postings list, byte offsets and an
//         FNV-1a checksum per record, and the corpus' releases and topics.
// A query reads header and meta (verified), the postings of its tokens (each verified), and the records of its
// candidates (each verified). Any mismatch is an IndexCorruptError: the caller rebuilds, never trusts it.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Fact, Release, Topic } from '../types.js';
import { factTokens, queryTokens } from './tokens.js';
import { ASCII_AND_CJK, normalize, pieces } from '../search/normalize.js';
import { foldTraditional } from '../search/fold.js';
import { IndexCorruptError } from './errors.js';

export const INDEX_MAGIC = 'ZIBOIDX2';
/** Bump when tokens or layout change: an old cache file is then simply not found. */
export const INDEX_VERSION = 2;

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
  return fnv1aRange(buf, 0, buf.length);
}

/** fnv1a of buf[from, to), without making a view (the build checksums a million small ranges). */
function fnv1aRange(buf: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 0;
}

const sha256 = (b: Uint8Array) =>
  (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(b).digest('hex');

const bare = (text: string) => ({ text, label: '', topics: [], en: '' }) as unknown as Fact;

/**
 * The tokens of records, the same sets as factTokens, fast on a big corpus. factTokens folds Traditional
 * characters one by one and reads the pinyin of every pair; here each distinct character is folded once, and
 * each distinct bigram, word and number goes through factTokens once: the tokens of a Han run are the union of
 * those of its bigrams (unigrams, the bigram, the pinyin of the pair), and a word or a number gives the same
 * tokens wherever it stands. Tokens are numbered; a bigram is looked up by its two code points (no string is
 * made per occurrence). Checked against factTokens by the tests.
 */
class Tokenizer {
  /** Token of each token number. */
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly byText = new Map<string, Int32Array>();
  private readonly byPair = new Map<number, Int32Array>();
  /** Code point → its folded code point, or -1 when folding gives something else than one code point. */
  private readonly folded = new Map<number, number>();

  /** The numbers of these tokens. */
  numbers(tokens: readonly string[]): Uint32Array {
    const out = new Uint32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.ids.get(tokens[i]!)!;
    return out;
  }

  private idsOf(key: string): Int32Array {
    const out = new Int32Array([...factTokens(bare(key))].map((t) => {
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.names.length;
        this.ids.set(t, id);
        this.names.push(t);
      }
      return id;
    }));
    return out;
  }

  private text(key: string): Int32Array {
    let t = this.byText.get(key);
    if (!t) this.byText.set(key, (t = this.idsOf(key)));
    return t;
  }

  /** fold() of the BMP, -2 while not known (a typed array: no Map lookup per character). */
  private readonly foldedBmp = new Int32Array(0x10000).fill(-2);

  private fold(cp: number): number {
    if (cp < 0x10000) {
      const y = this.foldedBmp[cp]!;
      if (y !== -2) return y;
    }
    let x = this.folded.get(cp);
    if (x === undefined) {
      const f = foldTraditional(String.fromCodePoint(cp));
      const c = f.codePointAt(0)!;
      x = f.length === (c > 0xffff ? 2 : 1) ? c : -1;
      this.folded.set(cp, x);
      if (cp < 0x10000) this.foldedBmp[cp] = x;
    }
    return x;
  }

  private foldedText(cp: number): string {
    const x = this.fold(cp);
    return x >= 0 ? String.fromCodePoint(x) : foldTraditional(String.fromCodePoint(cp));
  }

  private pair(a: number, b: number): Int32Array {
    // Two CJK Unified Ideographs (most pairs) make a small integer key (a Smi: no boxed number per lookup).
    const key = a >= 0x4e00 && a <= 0x9fff && b >= 0x4e00 && b <= 0x9fff ? (a - 0x4e00) * 0x5200 + (b - 0x4e00) : -(a * 0x110000 + b) - 1;
    let t = this.byPair.get(key);
    if (!t) this.byPair.set(key, (t = this.idsOf(String.fromCodePoint(a) + String.fromCodePoint(b))));
    return t;
  }

  /** Token numbers of a label or a topic (values that repeat across records), made once per distinct value. */
  private readonly byField = new Map<string, Int32Array>();

  private field(s: string): Int32Array | undefined {
    let t = this.byField.get(s);
    if (!t && this.byField.size < MAX_CACHED_FIELDS) {
      const set = new Set<number>();
      this.zh(normalize(s), (ids) => ids.forEach((id) => set.add(id)));
      this.byField.set(s, (t = Int32Array.from(set)));
    }
    return t;
  }

  /** The Han run s[from, to): its bigrams (each with its unigrams and pinyin), or the single character. */
  private han(s: string, from: number, to: number, visit: (ids: Int32Array) => void): void {
    let prev = -2;
    let prevText = '';
    let n = 0;
    for (let i = from; i < to; ) {
      const cp = s.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      const x = this.fold(cp);
      if (n > 0) {
        if (prev >= 0 && x >= 0) visit(this.pair(prev, x));
        else visit(this.text((prevText || String.fromCodePoint(prev)) + this.foldedText(cp)));
      }
      prev = x;
      prevText = x >= 0 ? '' : this.foldedText(cp);
      n++;
    }
    if (n === 1) visit(this.text(prev >= 0 ? String.fromCodePoint(prev) : prevText));
  }

  /**
   * The pieces of a normalised string, as pieces() finds them: Han runs (unless `latinOnly`), Latin words and
   * numbers. A string of ASCII and CJK Unified Ideographs (most) is scanned in place, without match objects.
   */
  private zh(s: string, visit: (ids: Int32Array) => void, latinOnly = false): void {
    if (!ASCII_AND_CJK.test(s)) {
      for (const p of pieces(s)) {
        if (p.kind !== 'han') visit(this.text(p.text));
        else if (!latinOnly) this.han(p.text, 0, p.text.length, visit);
      }
      return;
    }
    const n = s.length;
    for (let i = 0; i < n; ) {
      const c = s.charCodeAt(i);
      let j = i + 1;
      if (c >= 0x4e00 && c <= 0x9fff) {
        while (j < n && s.charCodeAt(j) >= 0x4e00 && s.charCodeAt(j) <= 0x9fff) j++;
        if (!latinOnly) this.han(s, i, j, visit);
      } else if (c >= 97 && c <= 122) {
        while (j < n && s.charCodeAt(j) >= 97 && s.charCodeAt(j) <= 122) j++;
        visit(this.text(s.slice(i, j)));
      } else if (c >= 48 && c <= 57) {
        while (j < n && isDigit(s.charCodeAt(j))) j++;
        if (j + 1 < n && s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
          j += 2;
          while (j < n && isDigit(s.charCodeAt(j))) j++;
        }
        visit(this.text(s.slice(i, j)));
      }
      i = j;
    }
  }

  /**
   * Calls `visit` with the token numbers of every piece of the record (a token may come more than once). The
   * fields are tokenised one by one: normalize and pieces never join anything across the space that factTokens
   * puts between them, so the pieces are the same.
   */
  walk(f: Fact, visit: (ids: Int32Array) => void): void {
    this.zh(normalize(f.text), visit);
    const label = this.field(f.label);
    if (label) visit(label);
    else this.zh(normalize(f.label), visit);
    for (const t of f.topics) {
      const ids = this.field(t);
      if (ids) visit(ids);
      else this.zh(normalize(t), visit);
    }
    this.zh(normalize(f.en), visit, true);
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Distinct labels and topics whose tokens are kept (far more than a real corpus has; a bound for hostile ones). */
const MAX_CACHED_FIELDS = 50_000;

/** The token set of each record, as the index builds it (for tests: it must equal factTokens). */
export function recordTokenizer(): (f: Fact) => Set<string> {
  const tk = new Tokenizer();
  return (f) => {
    const out = new Set<string>();
    tk.walk(f, (ids) => ids.forEach((id) => out.add(tk.names[id]!)));
    return out;
  };
}

/** Records are written into chunks of this size (one allocation per chunk, not per record). */
const CHUNK = 4 << 20;

function grow<T extends Uint32Array | Int32Array>(a: T, min: number, fill?: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, Math.ceil(a.length * 1.5)));
  b.set(a);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}

/** Size of the header area (JSON padded with spaces). */
const HEAD_BYTES = 1024;

/**
 * Serialises the index of `facts` (already validated) through `emit`, part by part in file order, starting with
 * a placeholder for the header; returns the header, to be written over the placeholder at offset 0. A part is
 * only valid during the call (buffers are reused): the sink writes it out or copies it.
 */
export function writeIndex(facts: readonly Fact[], dataHash: string, releases: Release[], topics: Topic[], emit: (part: Buffer) => void): Buffer {
  // (token, doc) pairs in doc order, as a flat typed array of tokens and where each doc starts (no per-token arrays for the GC to trace); a
  // token is recorded once per doc thanks to the last doc it was seen in.
  const tk = new Tokenizer();
  let tok = new Uint32Array(1 << 16);
  const docStart = new Uint32Array(facts.length + 1); // pairs of doc d are tok[docStart[d] .. docStart[d + 1])
  let last = new Int32Array(1 << 12).fill(-1);
  let n = 0;
  let doc = 0;
  const visit = (ids: Int32Array) => {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (id >= last.length) last = grow(last, id + 1, -1);
      if (last[id] === doc) continue;
      last[id] = doc;
      // Grown to what the docs so far say all of them need (one or two copies instead of a dozen).
      if (n === tok.length) tok = grow(tok, Math.max(n + 1, Math.ceil((n / (doc + 1)) * facts.length * 1.1)));
      tok[n++] = id;
    }
  };
  for (; doc < facts.length; doc++) {
    docStart[doc] = n;
    tk.walk(facts[doc]!, visit);
  }
  docStart[facts.length] = n;
  // Postings in token order: a counting sort of the pairs (stable, so each list stays in doc order).
  const names = tk.names;
  const T = names.length;
  const count = new Uint32Array(T);
  for (let i = 0; i < n; i++) count[tok[i]!]!++;
  const tokens = names.slice().sort(); // native string order: much faster than a comparator over ~10^6 tokens
  const order = tk.numbers(tokens);
  const cursor = new Uint32Array(T);
  const starts: number[] = [0];
  for (const id of order) {
    cursor[id] = starts[starts.length - 1]!;
    starts.push(cursor[id]! + count[id]!);
  }
  const post = new Uint32Array(n);
  for (let d = 0; d < facts.length; d++) for (let i = docStart[d]!; i < docStart[d + 1]!; i++) post[cursor[tok[i]!]!++] = d;
  tok = new Uint32Array(0);
  const postFnv: number[] = [];
  const postBuf = Buffer.from(post.buffer, post.byteOffset, post.byteLength);
  for (let k = 0; k < T; k++) postFnv.push(fnv1aRange(postBuf, starts[k]! * 4, starts[k + 1]! * 4));
  emit(Buffer.alloc(12 + HEAD_BYTES)); // the header's place: written last
  emit(postBuf);
  const chunk = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  const rec: number[] = [0];
  const recFnv: number[] = [];
  for (const f of facts) {
    const line = JSON.stringify(f) + '\n';
    const n = Buffer.byteLength(line);
    if (used + n > chunk.length) {
      if (used) emit(chunk.subarray(0, used)); // the sink writes or copies it: the chunk is reused
      used = 0;
    }
    const into = n > chunk.length ? Buffer.allocUnsafe(n) : chunk;
    into.write(line, used);
    recFnv.push(fnv1aRange(into, used, used + n));
    if (into !== chunk) emit(into);
    else used += n;
    rec.push(rec[rec.length - 1]! + n);
  }
  if (used) emit(chunk.subarray(0, used));
  const meta: Meta = { tokens, post: starts, postFnv, rec, recFnv, releases, topics };
  const metaBuf = Buffer.from(JSON.stringify(meta));
  emit(metaBuf);
  const header: Header = {
    v: INDEX_VERSION, dataHash, count: facts.length, metaLen: metaBuf.length, metaSha256: sha256(metaBuf),
    postingsLen: postBuf.length, recordsLen: rec[rec.length - 1]!,
  };
  const json = JSON.stringify(header);
  if (Buffer.byteLength(json) > HEAD_BYTES) throw new Error('index header too long'); // ~250 bytes in practice
  const head = Buffer.alloc(12 + HEAD_BYTES, 0x20);
  head.write(INDEX_MAGIC, 0, 'latin1');
  head.writeUInt32LE(HEAD_BYTES, 8);
  head.write(json, 12);
  return head;
}

/** The index as one buffer (tests, and a run that cannot use the cache folder keeps it in memory). */
export function buildIndex(facts: readonly Fact[], dataHash: string, releases: Release[], topics: Topic[]): Buffer {
  const parts: Buffer[] = [];
  const head = writeIndex(facts, dataHash, releases, topics, (b) => parts.push(Buffer.from(b)));
  parts[0] = head;
  return Buffer.concat(parts);
}

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
  const postAt = 12 + headLen;
  const recAt = postAt + header.postingsLen;
  const metaAt = recAt + header.recordsLen;
  if (metaAt + header.metaLen !== size) throw new IndexCorruptError('index file has the wrong size');
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
