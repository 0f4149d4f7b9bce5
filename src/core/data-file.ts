// A corpus from one JSON file given by `--data <file>` or ZIBO_DATA: an array of facts, as `zibo facts --json`
// prints. The file is validated with the project's schema; any problem is a CorpusError naming the file, the
// record and the field (the CLI turns it into exit 2).
//
// Releases and topics: a fact whose release id is one of the bundled releases gets that release (its text, so
// offsets are checked and `show` can print the paragraph); any other release id gets a minimal release derived
// from its facts (title = id, no text). Topics are the bundled topic list plus a bare entry for every other topic
// name the file uses, with counts recomputed for this corpus.
//
// Large files (more than INDEX_THRESHOLD facts) get a candidate index, cached by the file's content hash (see
// src/core/index/). A cached index was built from a validated file with the same bytes, so a run that finds one
// neither parses nor validates the whole file again.

import { readFileSync, statSync, unlinkSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Corpus, Fact, Release, Topic } from './types.js';
import { CorpusError, validateFacts } from './schema.js';
import { loadCorpus } from './corpus.js';
import { cacheDir, indexPath, memoHash, sha256Hex, writeAtomic, writeMemo } from './index/cache.js';
import { buildIndex, IndexCorruptError, openIndex, type OpenIndex } from './index/store.js';
import { attachIndex } from './index/indexed-search.js';

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
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function readBytes(file: string, shown: string): Buffer {
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new CorpusError(`${shown}: is a folder; --data takes a JSON file of facts`);
    return readFileSync(file);
  } catch (e) {
    if (e instanceof CorpusError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
    throw new CorpusError(`cannot read data file ${shown}: ${why}`);
  }
}

function parseFacts(bytes: Buffer, shown: string): Fact[] {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CorpusError(`${shown}: not valid JSON: ${(e as Error).message}`);
  }
  return validateFacts(shown, data);
}

function prefixOf(id: string): string {
  return /^([a-z]{1,8})-/.exec(id)?.[1] ?? 'x';
}

/** Releases and topics for `facts`, from the bundled ones where known (see the header comment). */
export function deriveMeta(facts: readonly Fact[], bundled: Corpus, shown: string): { releases: Release[]; topics: Topic[] } {
  const known = new Map(bundled.releases.map((r) => [r.id, r]));
  const counts = new Map<string, number>();
  const firstOf = new Map<string, Fact>();
  facts.forEach((f, i) => {
    counts.set(f.release, (counts.get(f.release) ?? 0) + 1);
    if (!firstOf.has(f.release)) firstOf.set(f.release, f);
    const r = known.get(f.release);
    if (r && f.offset[1] > r.text.length) {
      throw new CorpusError(`${shown}: record ${i} (${f.id}): field "offset" points past the end of release ${r.id}`);
    }
  });
  const releases: Release[] = [...counts].map(([id, n]) => {
    const r = known.get(id);
    if (r) return { ...r, factCount: n };
    const f = firstOf.get(id)!;
    return {
      id, prefix: prefixOf(f.id), title: id, titleEn: id, domain: f.domain,
      date: /\d{4}-\d{2}-\d{2}/.exec(id)?.[0] ?? '', conference: '', series: '', session: '', speaker: '',
      speakerTitle: '', organiser: '', text: '', factCount: n,
    };
  });
  const topicCounts = new Map<string, number>();
  for (const f of facts) for (const t of new Set(f.topics)) topicCounts.set(t, (topicCounts.get(t) ?? 0) + 1);
  const topics: Topic[] = bundled.topics.map((t) => ({ ...t, count: topicCounts.get(t.name) ?? 0 }));
  const names = new Set(bundled.topics.map((t) => t.name));
  for (const [name, count] of topicCounts) {
    if (!names.has(name)) topics.push({ name, en: '', pinyin: '', aliases: [], enAliases: [], count });
  }
  return { releases, topics };
}

function plainCorpus(facts: Fact[], bundled: Corpus, shown: string): Corpus {
  return { facts, ...deriveMeta(facts, bundled, shown) };
}

/** A corpus backed by an open index: releases and topics from the index, facts parsed from the file on demand. */
function indexedCorpus(index: OpenIndex, file: string, shown: string, cachePath: string): Corpus {
  let facts: Fact[] | undefined;
  const corpus = {
    releases: index.releases,
    topics: index.topics,
    get facts(): Fact[] {
      return (facts ??= parseFacts(readBytes(file, shown), shown));
    },
  } as Corpus;
  attachIndex(corpus, index, () => {
    try {
      unlinkSync(cachePath);
    } catch {
      // already gone
    }
  });
  return corpus;
}

function tryOpen(path: string, hash: string): OpenIndex | undefined {
  try {
    return openIndex(path, hash);
  } catch (e) {
    if (e instanceof IndexCorruptError) return undefined; // corrupt or foreign: rebuild, never trust
    return undefined; // missing or unreadable
  }
}

/** Loads and validates the facts file; large files come with an attached candidate index. */
export function loadDataFile(file: string, opts: DataFileOptions = {}): Corpus {
  const env = opts.env ?? process.env;
  const shown = displayPath(file);
  const bundled = opts.bundled ?? (() => loadCorpus());
  const threshold = opts.indexThreshold ?? INDEX_THRESHOLD;
  let st;
  try {
    st = statSync(file);
  } catch {
    readBytes(file, shown); // throws the right CorpusError
    throw new CorpusError(`cannot read data file ${shown}`);
  }
  if (st.isFile() && st.size < SMALL_BYTES && opts.indexThreshold === undefined) {
    return plainCorpus(parseFacts(readBytes(file, shown), shown), bundled(), shown);
  }
  const dir = cacheDir(env);
  let bytes: Buffer | undefined;
  let hash = st.isFile() ? memoHash(dir, file, st) : undefined;
  if (!hash) {
    bytes = readBytes(file, shown);
    hash = sha256Hex(bytes);
    writeMemo(dir, file, st, hash);
  }
  const path = indexPath(dir, hash);
  const cached = tryOpen(path, hash);
  if (cached) return indexedCorpus(cached, file, shown, path);
  if (!bytes) {
    bytes = readBytes(file, shown);
    hash = sha256Hex(bytes); // the memo pointed at a missing index: make sure the hash is of these bytes
  }
  const facts = parseFacts(bytes, shown);
  const corpus = plainCorpus(facts, bundled(), shown);
  if (facts.length <= threshold) return corpus;
  const finalPath = indexPath(dir, hash);
  try {
    writeAtomic(finalPath, buildIndex(facts, hash, corpus.releases, corpus.topics));
  } catch {
    return corpus; // no writable cache: search scans every record, slower but right
  }
  const built = tryOpen(finalPath, hash);
  if (!built) return corpus;
  attachIndex(corpus, built, () => {
    try {
      unlinkSync(finalPath);
    } catch {
      // already gone
    }
  });
  return corpus;
}
