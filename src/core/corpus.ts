// Loads the generated corpus (data/facts.json, releases.json, topics.json) once and validates it.
// Every command that needs data goes through loadCorpus, so other sources (--data, ZIBO_DATA) plug in here.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Corpus } from './types.js';
import { CorpusError, validateFacts, validateReleases, validateTopics } from './schema.js';
import { libraryDir, recordPath } from './library/paths.js';
import { readLibrary } from './library/read.js';
import { mergeLibrary } from './library/merge.js';
import { sanitize } from '../render/sanitize.js';

export { CorpusError } from './schema.js';

export interface LoadOptions {
  /** Folder holding facts.json, releases.json and topics.json. Default: the package's data/ folder. */
  dataDir?: string;
  /**
   * The user's library of added releases (src/core/library/), merged into the corpus. Default: the library of
   * process.env when dataDir is not given (the package's own data), none when it is (test corpora stay as they are).
   * false: none.
   */
  library?: string | false;
  /** The environment that names the library folder (ZIBO_HOME, XDG_DATA_HOME, HOME). Default: process.env. */
  env?: Record<string, string | undefined>;
  /** Receives a message for each library file that is broken and skipped. Default: stderr. */
  warn?: (message: string) => void;
}

/**
 * The package's data/ folder, found by walking up from the running file: dist/zibo.cjs (or a chunk next to it),
 * src/core/corpus.ts under vitest, node_modules/zibo/dist/zibo.js after an install.
 */
export function defaultDataDir(): string {
  // The CommonJS bundle has __dirname; under vitest (ESM) the module's URL gives it (pathToFileURL/fileURLToPath
  // cost ~0.5 ms of start-up).
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return join(dir, 'data');
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new CorpusError('cannot find the data/ folder of the zibo package');
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Sizes (UTF-16 units) of the files last read by readJson, by path: what the corpus was made from. */
const readChars = new Map<string, number>();

function readJson(file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? ' (missing: run `npm run corpus` to generate it)' : ` (${code ?? String(e)})`;
    throw new CorpusError(`cannot read ${displayPath(file)}${hint}`);
  }
  const byLine = recordsByLine(bytes);
  if (byLine) {
    readChars.set(file, byLine.chars);
    return byLine.records;
  }
  const raw = bytes.toString('utf8');
  readChars.set(file, raw.length);
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new CorpusError(`${displayPath(file)}: not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * An array written one record a line (`[`, a record and a comma a line, the last without, `]`: the layout of the
 * generated files, scripts/build-corpus.ts toRecords), parsed a line at a time from its bytes, with the length in
 * UTF-16 units of its whole text; null for any other layout (or a line that does not parse), which readJson then
 * parses whole. The whole text is never one string: facts.json's (~90 KB) lived through the first scavenge of
 * every run and was copied there. data-file.ts does the same for any array a --data file holds with json-scan.ts's
 * RecordScanner, which walks every byte in JS; this layout lets a run find its records with native searches for
 * line breaks instead, and keeps that scanner out of main.cjs.
 */
export function recordsByLine(bytes: Uint8Array): { records: unknown[]; chars: number } | null {
  const b = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength); // Uint8Array's indexOf: no argument checks
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const NL = 0x0a;
  const first = b.indexOf(NL);
  if (first !== 1 || b[0] !== 0x5b) return null; // "[\n"
  const records: unknown[] = [];
  let chars = 2;
  let at = first + 1;
  for (;;) {
    const end = b.indexOf(NL, at);
    if (end < 0) return null;
    if (end === at + 1 && b[at] === 0x5d) return end === b.length - 1 ? { records, chars: chars + 2 } : null; // "]\n", last
    const comma = b[end - 1] === 0x2c;
    try {
      const line = text.toString('utf8', at, comma ? end - 1 : end);
      records.push(JSON.parse(line));
      chars += line.length + (comma ? 2 : 1);
    } catch {
      return null;
    }
    // Every record but the last ends with a comma; the last is followed by "]".
    if (!comma && !(b[end + 1] === 0x5d && b[end + 2] === NL)) return null;
    if (comma && b[end + 1] === 0x5d) return null;
    at = end + 1;
  }
}

/** Cross-record checks the per-record schema cannot make. */
function checkLinks(corpus: Corpus, files: { facts: () => string }): void {
  const releases = new Map(corpus.releases.map((r) => [r.id, r]));
  corpus.facts.forEach((f, i) => {
    const r = releases.get(f.release);
    if (!r) throw new CorpusError(`${files.facts()}: record ${i} (${f.id}): field "release" names an unknown release "${f.release}"`);
    if (f.offset[1] > r.text.length) {
      throw new CorpusError(`${files.facts()}: record ${i} (${f.id}): field "offset" points past the end of release ${r.id}`);
    }
  });
}

const cache = new Map<string, Corpus>();

/** Where a corpus loaded by loadCorpus came from (lets the search engine use data prepared from the same files). */
export interface CorpusSource {
  dir: string;
  factsChars: number;
  /** Size of topics.json in bytes (a stat: a search that filters on no topic never reads the file). */
  topicsBytes: number;
}
const sources = new WeakMap<Corpus, CorpusSource>();

/** The data folder and file sizes of a corpus loadCorpus returned; undefined for any other corpus. */
export function corpusSource(corpus: Corpus): CorpusSource | undefined {
  return sources.get(corpus);
}

export function loadCorpus(opts: LoadOptions = {}): Corpus {
  const base = loadBundled(opts.dataDir);
  const lib = opts.library ?? (opts.dataDir === undefined ? libraryDir(opts.env ?? process.env) : false);
  if (lib === false) return base;
  // Not cached: a run loads its corpus once (ctx.corpus), and a test may add a release between two runs.
  const { records, problems, chars } = readLibrary(lib);
  const corpus = mergeLibrary(base, records, problems, (id) => recordPath(lib, id));
  // The search set-up `zibo add` prepared in <library>/search/ fits this corpus when it was made from the same
  // bundled files and the same record files (same ids, same sizes); src/core/search/prepared.ts checks that.
  const baseSource = sources.get(base);
  if (corpus !== base && baseSource && problems.length === 0) {
    sources.set(corpus, { dir: lib, factsChars: baseSource.factsChars + chars, topicsBytes: baseSource.topicsBytes });
  }
  const warn = opts.warn ?? ((m: string) => void process.stderr.write(m + '\n'));
  for (const p of problems) warn(sanitize(`zibo: warning: library file ${displayPath(p.file)}: ${p.message}; skipped`, { oneLine: true }));
  return corpus;
}

function loadBundled(dataDir: string | undefined): Corpus {
  const dir = dataDir ?? defaultDataDir();
  const key = dataDir === undefined ? `trusted:${dir}` : dir;
  const hit = cache.get(key);
  if (hit) return hit;
  const path = (name: string) => join(dir, name);
  const corpus = dataDir === undefined ? trusted(path) : checked(path);
  // A missing topics.json only fingerprints as -1 here: reading it, when a run needs it, says what is wrong.
  const topicsBytes = statSync(path('topics.json'), { throwIfNoEntry: false })?.size ?? -1;
  sources.set(corpus, { dir, factsChars: readChars.get(path('facts.json'))!, topicsBytes });
  cache.set(key, corpus);
  return corpus;
}

/** A corpus of some other folder (tests, tools): every record and link checked. */
function checked(path: (name: string) => string): Corpus {
  // Names for error messages, made only for an error (path.relative is not free).
  const shown = (name: string) => () => displayPath(path(name));
  const releases = validateReleases(shown('releases.json'), readJson(path('releases.json')));
  const facts = validateFacts(shown('facts.json'), readJson(path('facts.json')));
  const topics = validateTopics(shown('topics.json'), readJson(path('topics.json')));
  const corpus: Corpus = { releases, facts, topics };
  checkLinks(corpus, { facts: shown('facts.json') });
  return corpus;
}

/**
 * The package's own data/: its records are checked by `npm run corpus` (scripts/build-corpus.ts), and records and
 * links by the test suite (test/core/corpus.test.ts), so a run takes it as it is (~1 ms less per run).
 * releases.json (the releases' full texts) and topics.json are read on first use: `facts` in a pipe never needs the
 * first, `search` without --topic never needs the second.
 */
function trusted(path: (name: string) => string): Corpus {
  const facts = readJson(path('facts.json')) as Corpus['facts'];
  let releases: Corpus['releases'] | undefined;
  let topics: Corpus['topics'] | undefined;
  const corpus = { facts } as Corpus;
  Object.defineProperty(corpus, 'releases', { enumerable: true, get: () => (releases ??= readJson(path('releases.json')) as Corpus['releases']) });
  Object.defineProperty(corpus, 'topics', { enumerable: true, get: () => (topics ??= readJson(path('topics.json')) as Corpus['topics']) });
  return corpus;
}
