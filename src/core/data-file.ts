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

import { statSync, unlinkSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Corpus, Fact, Release, Topic } from './types.js';
import { CorpusError, FACT_FIELDS, show, validateDataReleases, validateFacts } from './schema.js';
import { loadCorpus } from './corpus.js';
import { DATA_LIMIT, ReadError, decodeUtf8, limitFrom, readBounded } from './limits.js';
import { sanitize } from '../render/sanitize.js';
import {
  MAX_CACHE_BYTES, cacheDir, ensureDir, evict, indexPath, memoHash, sha256Hex, sweepTemps, touch, tryLock, waitForBuild,
  writeAtomicStream, writeMemo, type Lock,
} from './index/cache.js';
import { buildIndex, openIndex, openIndexBuffer, writeIndex, type OpenIndex } from './index/store.js';
import { attachIndex } from './index/indexed-search.js';

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

/**
 * Parses and validates a data file: a JSON array of facts (as `zibo facts --json` prints), or an object
 * `{"releases": [...], "facts": [...]}` that declares its own releases. Every failure names the file.
 */
function parseData(bytes: Buffer, shown: string): DataContent {
  return parseText(decodeData(bytes, shown), shown);
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
  const known = new Map<string, DeclaredRelease>(bundled.releases.map((r) => [r.id, r]));
  for (const r of declared) known.set(r.id, r);
  const counts = new Map<string, number>();
  const firstOf = new Map<string, Fact>();
  facts.forEach((f, i) => {
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
  });
  const releases: Release[] = [...counts].map(([id, n]) => {
    const r = known.get(id)!;
    return { ...r, prefix: r.prefix || prefixOf(firstOf.get(id)!.id), factCount: n };
  });
  for (const r of declared) if (!counts.has(r.id)) releases.push({ ...r, prefix: r.prefix || 'x', factCount: 0 });
  const topicCounts = new Map<string, number>();
  for (const f of facts) for (const t of new Set(f.topics)) topicCounts.set(t, (topicCounts.get(t) ?? 0) + 1);
  const topics: Topic[] = bundled.topics.map((t) => ({ ...t, count: topicCounts.get(t.name) ?? 0 }));
  const names = new Set(bundled.topics.map((t) => t.name));
  for (const [name, count] of topicCounts) {
    if (!names.has(name)) topics.push({ name, en: '', pinyin: '', aliases: [], enAliases: [], count });
  }
  return { releases, topics };
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

function tryOpen(path: string, hash: string): OpenIndex | undefined {
  try {
    return openIndex(path, hash);
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
    const bytes = readBytes(file, shown, env);
    const data = parseData(bytes, shown);
    const corpus = plainCorpus(data, bundled(), shown);
    if (data.facts.length > threshold) {
      noteOnce(opts, dir, unusable);
      attachIndex(corpus, openIndexBuffer(buildIndex(data.facts, 'memory', corpus.releases, corpus.topics), 'memory'));
    }
    return corpus;
  }
  sweepTemps(dir); // what a killed build left behind goes on the next run, warm or cold (one readdir)
  let bytes: Buffer | undefined;
  let hash = memoHash(dir, file, st);
  if (hash) {
    const cached = tryOpen(indexPath(dir, hash), hash);
    if (cached) {
      touch(indexPath(dir, hash));
      return indexedCorpus(cached, file, shown, env, indexPath(dir, hash));
    }
  }
  // No memo, or the memo pointed at a missing index: hash these very bytes.
  bytes = readBytes(file, shown, env);
  hash = sha256Hex(bytes);
  writeMemo(dir, file, st, hash);
  const path = indexPath(dir, hash);
  const cached = tryOpen(path, hash);
  if (cached) return indexedCorpus(cached, file, shown, env, path);
  // One build per index: another run building it is waited for (then this run neither parses nor builds).
  let lock: Lock | undefined;
  try {
    lock = tryLock(path);
    if (!lock && waitForBuild(path, WAIT_MS)) {
      const built = tryOpen(path, hash);
      if (built) return indexedCorpus(built, file, shown, env, path);
      lock = tryLock(path); // the other build failed (an invalid file, a full disk): try ourselves
    }
  } catch (e) {
    noteOnce(opts, dir, (e as NodeJS.ErrnoException).code ?? String(e));
  }
  try {
    // Each stage lets go of what came before it (peak memory): the bytes before the parse, the text (as large as
    // the parsed records) before validation and the index build.
    let text: string | undefined = decodeData(bytes, shown);
    bytes = undefined;
    const json = parseJson(text, shown);
    text = undefined;
    const data = shapeData(json, shown);
    const corpus = plainCorpus(data, bundled(), shown);
    if (data.facts.length <= threshold) return corpus;
    let written = false;
    if (lock) {
      try {
        // Streamed to the file as it is made: the index is never held whole in memory.
        writeAtomicStream(path, (write) => writeIndex(data.facts, hash!, corpus.releases, corpus.topics, write));
        written = true;
        evict(dir, { spare: path, maxBytes: cacheLimit(env) });
      } catch (e) {
        noteOnce(opts, dir, (e as NodeJS.ErrnoException).code ?? String(e));
      }
    }
    const built = (written && tryOpen(path, hash)) || openIndexBuffer(buildIndex(data.facts, hash, corpus.releases, corpus.topics), hash);
    attachIndex(corpus, built, () => dropFile(path));
    return corpus;
  } finally {
    lock?.release();
  }
}
