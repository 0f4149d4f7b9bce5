// A corpus from one JSON file given by `--data <file>` or ZIBO_DATA: an array of facts, as `zibo facts --json`
// prints, or `{"releases": [...], "facts": [...]}` when the file brings its own releases. The file is hostile
// input: a regular file of at most ZIBO_MAX_DATA_BYTES (256 MiB), UTF-8 (else the byte offset of the first bad
// byte is named), validated with the project's schema (fields bounded in size, unknown fields dropped); any
// problem is a CorpusError naming the file, the record and the field (the CLI turns it into exit 2).
//
// Releases and topics: a fact's release must be one the file declares or a bundled one (its text, so offsets are
// checked and `show` can print the paragraph); any other release id is an error, since its citations would be
// empty. Topics are the bundled topic list plus a bare entry for every other topic name the file uses, with counts
// recomputed for this corpus.
//
// Large files (more than INDEX_THRESHOLD facts) get a candidate index, cached by the file's content hash (see
// src/core/index/). A cached index was built from a validated file with the same bytes, so a run that finds one
// neither parses nor validates the whole file again.

import { isUtf8 } from 'node:buffer';
import { closeSync, readSync, statSync, unlinkSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Corpus, Fact, Release, Topic } from './types.js';
import { CorpusError, FACT_FIELDS, show, validateDataReleases, validateFact, validateFacts } from './schema.js';
import { loadCorpus } from './corpus.js';
import { DATA_LIMIT, ReadError, decodeUtf8, firstInvalidUtf8, limitFrom, openRegular, readBounded } from './limits.js';
import { sanitize } from '../render/sanitize.js';
import {
  MAX_CACHE_BYTES, cacheDir, ensureDir, evict, indexPath, memoHash, sha256Hash, sha256Hex, sweepTemps, touch, tryLock, waitForBuild,
  writeAtomicStream, writeMemo, type Lock,
} from './index/cache.js';
import { memoryIndex, openIndex, writeIndex, type OpenIndex, type RecordTable } from './index/store.js';
import { PostingsBuilder, postingsOf, type Postings } from './index/postings.js';
import { attachIndex } from './index/indexed-search.js';
import { RecordScanner } from './index/json-scan.js';
import { crc32 } from './index/crc32.js';

type Env = Record<string, string | undefined>;

/** Above this many facts a file is searched through the candidate index. */
export const INDEX_THRESHOLD = 500;
/** Files smaller than this are never indexed (about 300 facts): parsing them is cheaper than hashing. */
const SMALL_BYTES = 256 << 10;

export interface DataFileOptions {
  env?: Record<string, string | undefined>;
  /** The bundled corpus, for release and topic metadata. Default: the package's data/ folder. */
  bundled?: () => Corpus;
  /** Index threshold in facts (tests lower it). */
  indexThreshold?: number;
  /** Where a note goes (once per run) when the cache folder cannot be used; none when not given. */
  warn?: (message: string) => void;
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return sanitize(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file, { oneLine: true });
}

/** The bytes of the data file: a regular file, at most ZIBO_MAX_DATA_BYTES (256 MiB); else a CorpusError. */
function readBytes(file: string, shown: string, env: Env): Buffer {
  try {
    return readBounded(file, limitFrom(env, DATA_LIMIT), { fifo: false });
  } catch (e) {
    if (!(e instanceof ReadError)) throw new CorpusError(`cannot read data file ${shown}: ${sanitize(String((e as Error)?.message ?? e), { oneLine: true })}`);
    switch (e.kind) {
      case 'directory':
        throw new CorpusError(`${shown}: is a folder; --data takes a JSON file of facts`);
      case 'too-big':
        throw new CorpusError(`data file ${shown} is ${e.message}`);
      default:
        throw new CorpusError(`cannot read data file ${shown}: ${e.message}`);
    }
  }
}

/** What a data file declares: its facts, and (object form) its own releases. */
interface DataContent {
  facts: Fact[];
  releases?: DeclaredRelease[];
}
type DeclaredRelease = Omit<Release, 'factCount'>;

/** A record with only the fields of a Fact: anything else (maybe nested past any stack) is dropped. */
function strictShape(facts: Fact[]): Fact[] {
  const n = FACT_FIELDS.length;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    if (Object.keys(f).length === n) continue;
    const clean = {} as Record<string, unknown>;
    for (const k of FACT_FIELDS) clean[k] = f[k];
    facts[i] = clean as unknown as Fact;
  }
  return facts;
}

/** A parsed data file and, when the scanner could follow it, where each fact lies in the bytes. */
interface Parsed {
  data: DataContent;
  /** Byte offset, length and CRC-32 of each fact's bytes (made only when asked for: the index needs it). */
  table?: RecordTable;
}

/**
 * Parses and validates a data file: a JSON array of facts (as `zibo facts --json` prints), or an object
 * `{"releases": [...], "facts": [...]}` that declares its own releases. Every failure names the file.
 *
 * An array is parsed record by record from the byte ranges src/core/index/json-scan.ts finds, rather than as one
 * string of the whole file: on 100k facts (60 MB) that is ~0.2 s faster and holds ~80 MB less (the string). The
 * object form, anything the scanner does not follow and every failure go through JSON.parse of the whole text, so
 * the facts and the messages are the same either way.
 */
function parseBytes(bytes: Buffer, shown: string, wantTable = false): Parsed {
  if (firstInvalidUtf8(bytes) >= 0) decodeData(bytes, shown); // throws the message that names the byte
  const scanner = new RecordScanner();
  const scanned = scanner.feed(bytes, 0, 0, bytes.length) && scanner.done;
  const { starts, ends } = scanner;
  let records: unknown[] | undefined;
  if (scanned && !scanner.objectForm) {
    try {
      records = [];
      for (let i = 0; i < starts.length; i++) records.push(JSON.parse(bytes.toString('utf8', starts[i], ends[i])));
    } catch {
      records = undefined; // the whole text's parse below names the problem
    }
  }
  const data = records ? { facts: strictShape(validateFacts(shown, records)) } : parseText(decodeData(bytes, shown), shown);
  if (!wantTable || !scanned || starts.length !== data.facts.length) return { data };
  const len: number[] = [];
  const crc: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    len.push(ends[i]! - starts[i]!);
    crc.push(crc32(bytes.subarray(starts[i], ends[i])));
  }
  return { data, table: { at: starts, len, crc } };
}

const parseData = (bytes: Buffer, shown: string): DataContent => parseBytes(bytes, shown).data;

/** Bytes read at a time when a big file is hashed and parsed in pieces. */
const PIECE_BYTES = 4 << 20;

/**
 * Reads a regular file of at most `maxBytes` in pieces through one buffer: `onPiece(buf, base, from, to)` sees each
 * new piece (buf holds the file from offset `base`) and returns from where in buf the bytes must be kept for the
 * next call (those of a record not yet closed), or false to stop. Returns the file's size; undefined when the file
 * is not such a file, cannot be read, or onPiece stopped (the caller then reads it whole, which names the reason).
 * A big file read whole costs a page fault per 4 KiB of a new buffer; in pieces, one 4 MiB buffer is reused.
 */
function readPieces(file: string, maxBytes: number, onPiece: (buf: Buffer, base: number, from: number, to: number) => number | false): number | undefined {
  let opened: { fd: number; size: number } | undefined;
  try {
    opened = openRegular(file);
  } catch {
    return undefined;
  }
  if (!opened) return undefined;
  const { fd, size } = opened;
  try {
    if (size > maxBytes) return undefined;
    let buf = Buffer.allocUnsafe(Math.max(1, Math.min(PIECE_BYTES, size + 1)));
    let base = 0; // file offset of buf[0]
    let filled = 0;
    for (;;) {
      if (filled === buf.length) {
        // One record fills the buffer.
        if (buf.length > maxBytes) return undefined;
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readSync(fd, buf, filled, buf.length - filled, base + filled);
      if (n === 0) return base + filled;
      if (base + filled + n > maxBytes) return undefined;
      const keep = onPiece(buf, base, filled, filled + n);
      if (keep === false) return undefined;
      buf.copyWithin(0, keep, filled + n);
      filled = filled + n - keep;
      base += keep;
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

interface Hashed {
  hash: string;
  size: number;
  /** CRC-32 of the bytes hashed: the parse in pieces checks it read the same bytes. */
  crc: number;
}

function hashPieces(file: string, maxBytes: number): Hashed | undefined {
  const sha = sha256Hash();
  let crc = 0;
  const size = readPieces(file, maxBytes, (buf, _base, from, to) => {
    const piece = buf.subarray(from, to);
    sha.update(piece);
    crc = crc32(piece, crc);
    return to;
  });
  return size === undefined ? undefined : { hash: sha.digest('hex'), size, crc };
}

/** A corpus read in pieces and indexed as it was read: its records were never held all at once. */
interface Indexed {
  postings: Postings;
  table: RecordTable;
  releases: Release[];
  topics: Topic[];
}

/**
 * Reads a big array file in pieces and builds its index as it goes: each record is parsed as the scanner closes it,
 * checked as UTF-8, validated, counted for releases and topics, tokenised into the postings and checksummed, then let
 * go. So a cold run never holds the records all at once (on 100k facts, ~100 MB less to allocate, promote and
 * collect). Undefined when the file is anything else (the object form), has anything the scanner, JSON.parse or the
 * schema refuses, or is not the file `hashed` describes: the caller then parses the whole file, which names any
 * problem exactly as always (the first bad record of the whole file, whatever kind of problem it has).
 */
function indexPieces(file: string, shown: string, maxBytes: number, hashed: Hashed, bundled: Corpus): Indexed | undefined {
  const scanner = new RecordScanner();
  const postings = new PostingsBuilder();
  const meta = metaBuilder(bundled, shown);
  const ids = new Set<string>();
  const len: number[] = [];
  const crc: number[] = [];
  let all = 0;
  const size = readPieces(file, maxBytes, (buf, base, from, to) => {
    all = crc32(buf.subarray(from, to), all);
    if (!scanner.feed(buf, base, from, to) || scanner.objectForm) return false;
    const { starts, ends } = scanner;
    for (let i = len.length; i < starts.length; i++) {
      const bytes = buf.subarray(starts[i]! - base, ends[i]! - base);
      if (!isUtf8(bytes)) return false;
      let fact: Fact;
      try {
        fact = strictShape([validateFact(shown, JSON.parse(bytes.toString('utf8')))])[0]!;
        meta.add(fact, i);
      } catch {
        return false;
      }
      if (ids.has(fact.id)) return false;
      ids.add(fact.id);
      postings.add(fact);
      len.push(bytes.length);
      crc.push(crc32(bytes));
    }
    if (len.length > 0) postings.expected = Math.ceil((hashed.size / ends[len.length - 1]!) * len.length * 1.02);
    return scanner.open >= 0 ? scanner.open - base : to;
  });
  if (size !== hashed.size || all !== hashed.crc || !scanner.done) return undefined;
  return { postings: postings.finish(), table: { at: scanner.starts, len, crc }, ...meta.finish() };
}

/** The file's bytes as UTF-8 text, or a CorpusError naming the byte offset of the first bad byte. */
function decodeData(bytes: Buffer, shown: string): string {
  try {
    return decodeUtf8(bytes);
  } catch (e) {
    throw new CorpusError(`${shown}: ${(e as Error).message}`);
  }
}

function parseText(text: string, shown: string): DataContent {
  return shapeData(parseJson(text, shown), shown);
}

/** The file's text as JSON (not yet validated). */
function parseJson(text: string, shown: string): unknown {
  if (text.trim() === '') throw new CorpusError(`${shown}: the file is empty; --data takes a JSON array of facts`);
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message quotes a few characters of the file: escaped, never raw.
    const why = e instanceof RangeError ? 'nested too deeply' : sanitize((e as Error).message, { oneLine: true });
    throw new CorpusError(`${shown}: not valid JSON: ${why}`);
  }
}

/** Parsed JSON as the facts (and releases) of a data file, validated. */
function shapeData(data: unknown, shown: string): DataContent {
  if (Array.isArray(data)) return { facts: strictShape(validateFacts(shown, data)) };
  if (data !== null && typeof data === 'object' && Array.isArray((data as { facts?: unknown }).facts)) {
    const o = data as { facts: unknown; releases?: unknown };
    const releases = validateDataReleases(() => `${shown} (releases)`, o.releases ?? []);
    return { facts: strictShape(validateFacts(shown, o.facts)), releases };
  }
  throw new CorpusError(`${shown}: expected a JSON array of facts, or an object {"releases": [...], "facts": [...]}, got ${show(data)}`);
}

function prefixOf(id: string): string {
  return /^([a-z]{1,8})-/.exec(id)?.[1] ?? 'x';
}

/**
 * Releases and topics for `facts`: a fact's release must be one the file declares or a bundled one (else the
 * file is refused: citations would be empty); counts are recomputed for this corpus.
 */
export function deriveMeta(facts: readonly Fact[], bundled: Corpus, shown: string, declared: readonly DeclaredRelease[] = []): { releases: Release[]; topics: Topic[] } {
  const meta = metaBuilder(bundled, shown, declared);
  facts.forEach((f, i) => meta.add(f, i));
  return meta.finish();
}

/** deriveMeta one fact at a time (add throws the CorpusError of fact i), for a file read in pieces. */
function metaBuilder(bundled: Corpus, shown: string, declared: readonly DeclaredRelease[] = []) {
  const known = new Map<string, DeclaredRelease>(bundled.releases.map((r) => [r.id, r]));
  for (const r of declared) known.set(r.id, r);
  const counts = new Map<string, number>();
  const firstOf = new Map<string, Fact>();
  const topicCounts = new Map<string, number>();
  return {
    add(f: Fact, i: number): void {
      counts.set(f.release, (counts.get(f.release) ?? 0) + 1);
      if (!firstOf.has(f.release)) firstOf.set(f.release, f);
      const r = known.get(f.release);
      if (!r) {
        const ids = [...known.keys()];
        const list = ids.length > 6 ? ids.slice(0, 6).join(', ') + ', ...' : ids.join(', ');
        throw new CorpusError(`${shown}: record ${i} (${f.id}): field "release" names ${show(f.release)}, which is not a release of the file nor a bundled one (known: ${list}); declare it with {"releases": [...], "facts": [...]}`);
      }
      if (r.text && f.offset[1] > r.text.length) {
        throw new CorpusError(`${shown}: record ${i} (${f.id}): field "offset" points past the end of release ${r.id}`);
      }
      for (const t of new Set(f.topics)) topicCounts.set(t, (topicCounts.get(t) ?? 0) + 1);
    },
    finish(): { releases: Release[]; topics: Topic[] } {
      const releases: Release[] = [...counts].map(([id, n]) => {
        const r = known.get(id)!;
        return { ...r, prefix: r.prefix || prefixOf(firstOf.get(id)!.id), factCount: n };
      });
      for (const r of declared) if (!counts.has(r.id)) releases.push({ ...r, prefix: r.prefix || 'x', factCount: 0 });
      const topics: Topic[] = bundled.topics.map((t) => ({ ...t, count: topicCounts.get(t.name) ?? 0 }));
      const names = new Set(bundled.topics.map((t) => t.name));
      for (const [name, count] of topicCounts) {
        if (!names.has(name)) topics.push({ name, en: '', pinyin: '', aliases: [], enAliases: [], count });
      }
      return { releases, topics };
    },
  };
}

function plainCorpus(data: DataContent, bundled: Corpus, shown: string): Corpus {
  return { facts: data.facts, ...deriveMeta(data.facts, bundled, shown, data.releases) };
}

/** A corpus backed by an open index: releases and topics from the index, facts parsed from the file on demand. */
function indexedCorpus(index: OpenIndex, file: string, shown: string, env: Env, cachePath: string): Corpus {
  let facts: Fact[] | undefined;
  const corpus = {
    releases: index.releases,
    topics: index.topics,
    get facts(): Fact[] {
      return (facts ??= parseData(readBytes(file, shown, env), shown).facts);
    },
  } as Corpus;
  attachIndex(corpus, index, () => dropFile(cachePath));
  return corpus;
}

function dropFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** A record read back from the data file through the index: validated again (the file is hostile input). */
const checkRecord = (shown: string) => (raw: unknown): Fact => strictShape([validateFact(shown, raw)])[0]!;

function tryOpen(path: string, hash: string, file: string, shown: string): OpenIndex | undefined {
  try {
    return openIndex(path, hash, { dataFile: file, check: checkRecord(shown) });
  } catch {
    return undefined; // missing, unreadable, not a regular file, corrupt or foreign: rebuild, never trust
  }
}

/** How long a cold run waits for another run building the same index before it searches without it. */
const WAIT_MS = 30_000;

/** The cache note is printed once per run, whatever the number of loads. */
let noted = false;
function noteOnce(opts: DataFileOptions, dir: string, why: string): void {
  if (noted || !opts.warn) return;
  noted = true;
  opts.warn(`note: cannot use the cache folder ${sanitize(dir, { oneLine: true })} (${why}); the index is built in memory for this run only. Set ZIBO_CACHE_DIR to a writable folder.`);
}

const cacheLimit = (env: Env) => limitFrom(env, { env: 'ZIBO_CACHE_MAX_BYTES', bytes: MAX_CACHE_BYTES }).bytes;

/** Loads and validates the facts file; large files come with an attached candidate index. */
export function loadDataFile(file: string, opts: DataFileOptions = {}): Corpus {
  const env = opts.env ?? process.env;
  const shown = displayPath(file);
  const bundled = opts.bundled ?? (() => loadCorpus({ library: false })); // library: --data replaces the whole corpus
  const threshold = opts.indexThreshold ?? INDEX_THRESHOLD;
  let st;
  try {
    st = statSync(file);
  } catch {
    readBytes(file, shown, env); // throws the right CorpusError
    throw new CorpusError(`cannot read data file ${shown}`);
  }
  if (!st.isFile() || (st.size < SMALL_BYTES && opts.indexThreshold === undefined)) {
    return plainCorpus(parseData(readBytes(file, shown, env), shown), bundled(), shown);
  }
  const dir = cacheDir(env);
  const unusable = ensureDir(dir);
  if (unusable) {
    const data = parseData(readBytes(file, shown, env), shown);
    const corpus = plainCorpus(data, bundled(), shown);
    if (data.facts.length > threshold) {
      noteOnce(opts, dir, unusable);
      attachIndex(corpus, memoryIndex(data.facts, corpus.releases, corpus.topics));
    }
    return corpus;
  }
  sweepTemps(dir); // what a killed build left behind goes on the next run, warm or cold (one readdir)
  let bytes: Buffer | undefined;
  let hash = memoHash(dir, file, st);
  if (hash) {
    const cached = tryOpen(indexPath(dir, hash), hash, file, shown);
    if (cached) {
      touch(indexPath(dir, hash));
      return indexedCorpus(cached, file, shown, env, indexPath(dir, hash));
    }
  }
  // No memo, or the memo pointed at a missing index: hash the bytes, in pieces (whole when they cannot be read so,
  // which names the reason).
  const maxBytes = limitFrom(env, DATA_LIMIT).bytes;
  const hashed = hashPieces(file, maxBytes);
  if (!hashed) bytes = readBytes(file, shown, env);
  hash = hashed?.hash ?? sha256Hex(bytes!);
  writeMemo(dir, file, st, hash);
  const path = indexPath(dir, hash);
  const cached = tryOpen(path, hash, file, shown);
  if (cached) return indexedCorpus(cached, file, shown, env, path);
  // One build per index: another run building it is waited for (then this run neither parses nor builds).
  let lock: Lock | undefined;
  try {
    lock = tryLock(path);
    if (!lock && waitForBuild(path, WAIT_MS)) {
      const built = tryOpen(path, hash, file, shown);
      if (built) return indexedCorpus(built, file, shown, env, path);
      lock = tryLock(path); // the other build failed (an invalid file, a full disk): try ourselves
    }
  } catch (e) {
    noteOnce(opts, dir, (e as NodeJS.ErrnoException).code ?? String(e));
  }
  /** Writes the index and opens it; undefined (and a note) when the cache folder cannot take it. */
  const writeAndOpen = (postings: Postings, table: RecordTable, size: number, releases: Release[], topics: Topic[]) => {
    try {
      // Streamed to the file as it is made: the index is never held whole in memory.
      writeAtomicStream(path, (write) => writeIndex(postings, table, { hash: hash!, size }, releases, topics, write));
      evict(dir, { spare: path, maxBytes: cacheLimit(env) });
      return tryOpen(path, hash!, file, shown);
    } catch (e) {
      noteOnce(opts, dir, (e as NodeJS.ErrnoException).code ?? String(e));
      return undefined;
    }
  };
  try {
    // A big array file is indexed as it is read, in pieces; the run then answers from the index, as a warm one.
    const indexed = lock && hashed ? indexPieces(file, shown, maxBytes, hashed, bundled()) : undefined;
    if (indexed && indexed.postings.count > threshold) {
      const built = writeAndOpen(indexed.postings, indexed.table, hashed!.size, indexed.releases, indexed.topics);
      if (built) return indexedCorpus(built, file, shown, env, path);
    }
    // Anything else (the object form, a file with a problem, which this names) is parsed whole.
    const size = (bytes ??= readBytes(file, shown, env)).length;
    const { data, table } = parseBytes(bytes, shown, lock !== undefined);
    bytes = undefined; // the parsed records stand for the bytes from here on (peak memory)
    const corpus = plainCorpus(data, bundled(), shown);
    if (data.facts.length <= threshold) return corpus;
    const built = lock && table ? writeAndOpen(postingsOf(data.facts), table, size, corpus.releases, corpus.topics) : undefined;
    if (built) attachIndex(corpus, built, () => dropFile(path));
    else attachIndex(corpus, memoryIndex(data.facts, corpus.releases, corpus.topics));
    return corpus;
  } finally {
    lock?.release();
  }
}
