// The engine's set-up for the bundled corpus, done at build time. Normalising every field, cutting its grams and
// building the vocabulary took ~15 ms of every `zibo search` (plus the garbage it left); the result is the same
// every run, so `npm run corpus` writes it to data/search/ (scripts/build-search-data.ts) and the engine reads that:
//   prepared.json   what it was made from, the vocabulary, the corpus' characters
//   fields.json     each fact's normalised fields (read only to explain a pinyin or homophone match)
//   vocab-zh.json, vocab-py.json, vocab-en.json, vocab-initials.json
//                   the corpus vocabulary with its fuse.js indexes (Fuse.createIndex, by kind and length) and pinyin
//                   initials (vocab.ts), each read only when a query term out of vocabulary needs it
//   zh.idx, py.idx, en.idx
//                   the postings of each space, one gram per line: "gram\tfact.mask fact.mask …" (mask: the fields
//                   holding it, bit i = SPACE_FIELDS[space][i]), in UTF-8 byte order. A query finds its own grams
//                   by binary search in the bytes and decodes only those lines, so it neither parses the index
//                   nor touches the facts without them.
//
// It is used only for the corpus loadCorpus() read from a data folder holding the files, and only when they were made
// from the same facts (same ids in the same order, same sizes of facts.json, topics.json and the synonym list);
// anything else (--data files, test corpora, a stale file) is set up at run time as before. A file whose stamp
// differs from prepared.json's is ignored the same way. test/core/search/data.test.ts fails when the committed files
// are stale, and test/core/search/prepared.test.ts checks that both ways give the same results.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus, Topic } from '../types.js';
import { corpusSource } from '../corpus.js';
import { FIELDS, SPACE_FIELDS, factorMatrix, fieldLength, spacePostings, makeDoc, type Field, type Postings, type SearchDoc, type Space, type SpaceIndex } from './docs.js';
import { buildVocabulary, type Lookup, type Vocabulary } from './synonyms.js';
import { sourceStrings } from './source.js';
import { buildVocab, type VocabPart, type VocabParts } from './vocab.js';
import synonymsJson from '../../../data/curation/synonyms.json';
import bureausJson from '../../../data/curation/bureaus.json';

export const PREPARED_DIR = 'search';
export const PREPARED_FILE = 'prepared.json';
export const FIELDS_FILE = 'fields.json';
export const LOOKUP_FILE = 'lookup.idx';
export const WEIGHTS_FILE = 'weights.f64';
export const vocabFile = (part: VocabPart): string => `vocab-${part}.json`;
export const spaceFile = (s: Space): string => `${s}.idx`;
export const SPACES: Space[] = ['zh', 'py', 'en'];
const VERSION = 5;

export interface PreparedFile {
  version: number;
  /**
   * What it was made from: fact ids in order, sizes of facts.json (UTF-16 units, as read), of topics.json (bytes, as
   * a stat gives them: a search need not read it) and of the synonyms (prepared.ts jsonSize).
   */
  source: { ids: string[]; factsChars: number; topicsBytes: number; synonymsChars: number };
  /** Written into every file of the set, so that files of different builds are never mixed. */
  stamp: string;
  /** Every character of the corpus' labels, topics, texts and sentences, once each, in code point order. */
  chars: string;
  /** Each field's length per fact, for BM25's length normalisation (docs.ts fieldLength). */
  lengths: Record<Field, number[]>;
  /** The longest word of the vocabulary (lookup.idx holds the words), in UTF-16 units. */
  maxWordLength: number;
}

export type DocFields = Record<Field, string[]>;

/** The set-up of one corpus, as the engine uses it: the small part read at once, the rest on first use. */
export interface PreparedSearch {
  file: PreparedFile;
  /** Each fact's normalised fields; undefined when the file is missing or from another build. */
  fields(): DocFields[] | undefined;
  /** A space's postings; undefined when the file is missing or from another build. */
  space(s: Space): SpaceIndex | undefined;
  /** A part of the vocabulary (fuse.js indexes, initials); undefined when the file is missing or from another build. */
  vocab(part: VocabPart): unknown;
  /** The vocabulary and the synonyms the corpus says (lookup.idx); undefined when the file is missing or from another build. */
  lookup(): Lookups | undefined;
  /** Each space's field factors (docs.ts factorMatrix); undefined when the file is missing, from another build or unreadable here. */
  weights(): Record<Space, Float64Array> | undefined;
}

/**
 * Size of a JSON value: the UTF-16 units of its strings and keys, plus one per value. It moves with any edit that
 * changes JSON.stringify(v).length, without writing that text (~18 KB of a search's young generation).
 */
function jsonSize(v: unknown): number {
  if (typeof v === 'string') return v.length + 1;
  let n = 1;
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) n += jsonSize(v[i]);
  else if (v !== null && typeof v === 'object') for (const k in v) n += k.length + jsonSize((v as Record<string, unknown>)[k]);
  return n;
}

/** Size of the synonym list and bureau names bundled into the engine (they shape the vocabulary and source field). */
export const synonymsChars = (): number => jsonSize(synonymsJson) + jsonSize(bureausJson);

/** FNV-1a of a string, as 8 hex digits. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Unique characters of a string, in code point order. */
function uniqueChars(s: string): string {
  return [...new Set(Array.from(s))].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join('');
}

/** What the engine searches for a synonym before offering it: labels, topics and texts. */
export function corpusTextOf(docs: readonly SearchDoc[]): string {
  return docs.map((d) => [...d.fields.label, ...d.fields.topics, ...d.fields.text].join(' ')).join(' ');
}

/** What the engine's getCorpusChars covers: labels, topics, texts, and sentences. */
export function corpusCharsOf(docs: readonly SearchDoc[]): string {
  return uniqueChars(corpusTextOf(docs) + docs.map((d) => d.fields.sentence[0]).join(''));
}

export interface PreparedBuild {
  file: PreparedFile;
  lookup: LookupData;
  weights: Record<Space, Float64Array>;
  fields: DocFields[];
  spaces: Record<Space, Map<string, Map<number, number>>>;
  vocab: VocabParts;
}

/** The set-up the engine would do at run time, as data to write (used by the build script). */
export function prepareSearch(corpus: Corpus, source: Omit<PreparedFile['source'], 'synonymsChars'>): PreparedBuild {
  const topicsByName = new Map<string, Topic>(corpus.topics.map((t) => [t.name, t]));
  const releases = new Map(corpus.releases.map((r) => [r.id, sourceStrings(r)]));
  const docs = corpus.facts.map((f) => makeDoc(f, topicsByName, (x) => releases.get(x.release) ?? []));
  const v = buildVocabulary(corpus.topics);
  const full = { ...source, synonymsChars: synonymsChars() };
  const text = corpusTextOf(docs);
  const file: PreparedFile = {
    version: VERSION,
    source: full,
    stamp: fnv(JSON.stringify(full)),
    chars: corpusCharsOf(docs),
    lengths: Object.fromEntries(FIELDS.map((f) => [f, docs.map((d) => fieldLength(f, d.fields[f]))])) as Record<Field, number[]>,
    maxWordLength: v.maxWordLength,
  };
  const none: readonly string[] = [];
  const lookup: LookupData = {
    words: new Map([...v.words].map((w) => [w, none])),
    synonyms: v.synonyms,
    topicsOf: v.topicsOf,
    enSynonyms: v.enSynonyms,
    inCorpus: new Map([...new Set([...v.synonyms.values()].flat())].filter((w) => text.includes(w)).map((w) => [w, none])),
  };
  const spaces = Object.fromEntries(SPACES.map((s) => [s, spacePostings(docs, s)])) as PreparedBuild['spaces'];
  // The fuse.js vocabulary indexes are made only when asked for (the build writes them; the library's set does not
  // need them: a term out of vocabulary is expanded at run time), ~0.5 s on a corpus with added releases.
  let vocab: PreparedBuild['vocab'] | undefined;
  const weights = Object.fromEntries(SPACES.map((sp) => [sp, factorMatrix(sp, file.lengths, docs.length)])) as Record<Space, Float64Array>;
  return { file, lookup, weights, fields: docs.map((d) => d.fields), spaces, get vocab() { return (vocab ??= buildVocab(docs, v.words)); } };
}

const header = (space: Space, stamp: string) => `zibo-postings ${VERSION} ${space} ${stamp}`;

/** Byte order of UTF-8, which is code point order: the order of the lines, and of findLine's comparisons. */
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** A space's postings as text: a header line, then one line per gram in UTF-8 byte order. */
export function serializeSpace(space: Space, stamp: string, postings: ReadonlyMap<string, ReadonlyMap<number, number>>): string {
  const grams = [...postings.keys()].sort(byUtf8);
  const lines = grams.map((g) => `${g}\t${[...postings.get(g)!].map(([doc, mask]) => `${doc}.${mask}`).join(' ')}`);
  return `${header(space, stamp)}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/**
 * Postings read from the build's index: the facts in ascending order, and a table of masks by fact index (0: not
 * held), so that a lookup per fact is one array read (a binary search in code not yet optimised cost ~1.5 ms).
 */
class PackedPostings implements Postings {
  constructor(
    private readonly docs: Int32Array,
    private readonly masks: Uint8Array,
  ) {}

  get size(): number {
    return this.docs.length;
  }

  get(doc: number): number | undefined {
    const m = doc >= 0 && doc < this.masks.length ? this.masks[doc]! : 0;
    return m === 0 ? undefined : m;
  }

  keys(): Iterable<number> {
    return this.docs;
  }
}

/**
 * A postings line's list, `doc.mask doc.mask ...` (decimal integers), read digit by digit into typed arrays: no
 * split, slices or Number() per item, and no Map (a Map per gram was ~35 KB of a search's young generation). A list
 * not in ascending fact order, or with a mask outside 1–255 (neither is ever written), is read into a Map.
 */
function decode(list: string): Postings {
  let n = list.length ? 1 : 0;
  for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === 32) n++;
  const docs = new Int32Array(n);
  const masks = new Int32Array(n);
  let k = 0;
  let doc = 0;
  let mask = 0;
  let inMask = false;
  let packable = true;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 32;
    if (c === 32) {
      if (inMask) {
        if ((k > 0 && docs[k - 1]! >= doc) || mask < 1 || mask > 255) packable = false;
        docs[k] = doc;
        masks[k++] = mask;
      }
      doc = 0;
      mask = 0;
      inMask = false;
    } else if (c === 46) inMask = true;
    else if (inMask) mask = mask * 10 + (c - 48);
    else doc = doc * 10 + (c - 48);
  }
  if (!packable || k !== n) {
    const out = new Map<number, number>();
    for (let i = 0; i < k; i++) out.set(docs[i]!, masks[i]!);
    return out;
  }
  const table = new Uint8Array(k ? docs[k - 1]! + 1 : 0);
  for (let i = 0; i < k; i++) table[docs[i]!] = masks[i]!;
  return new PackedPostings(docs, table);
}

/**
 * The order of the key buf[from..to] against `gram` (negative: the key sorts first), as buf.compare(gram, …) gives
 * it but without its argument checks, which allocate on every call (this runs on every probe).
 */
function compareKey(buf: Uint8Array, from: number, to: number, gram: Uint8Array): number {
  const len = to - from;
  const n = Math.min(len, gram.length);
  for (let i = 0; i < n; i++) {
    const d = buf[from + i]! - gram[i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return len === gram.length ? 0 : len < gram.length ? -1 : 1;
}

const NL = 0x0a;
const TAB = 0x09;

/**
 * The byte offset of the line of `gram` (UTF-8 bytes) in a postings file whose lines from `from` on are sorted in
 * byte order (as serializeSpace writes them), or -1. A binary search over the bytes themselves: the file is never
 * decoded into a string, split or parsed.
 */
export function findLine(data: Uint8Array, gram: Uint8Array, from: number, to = data.length): number {
  // Uint8Array's own indexOf and lastIndexOf (V8 builtins), not Buffer's: Buffer's check their arguments through
  // wrappers that allocate on every call (~35 KB of a search's young generation).
  const buf = data instanceof Buffer ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data;
  let lo = from; // both are line starts (hi may be the end of the data)
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === 0 ? 0 : buf.lastIndexOf(NL, mid - 1) + 1; // the line holding mid: never before lo
    const tab = buf.indexOf(TAB, start);
    if (tab < 0) return -1; // not a postings line: a damaged file finds nothing
    const order = compareKey(buf, start, tab, gram);
    if (order === 0) return start;
    if (order < 0) {
      const eol = buf.indexOf(NL, tab);
      lo = eol < 0 ? hi : eol + 1;
    } else hi = start;
  }
  return -1;
}

/**
 * The bytes after the tab of `key`'s line among the sorted lines bytes[from..to) (postings and lookup files), as
 * [start, end); undefined when no line has that key. A key is never empty and holds no tab or line break.
 */
function valueOf(bytes: Uint8Array, key: string, from: number, to: number): [number, number] | undefined {
  if (key === '' || key.includes('\t') || key.includes('\n')) return undefined;
  const k = Buffer.from(key, 'utf8');
  const line = findLine(bytes, k, from, to);
  if (line < 0) return undefined;
  const start = line + k.length + 1;
  const end = bytes.indexOf(NL, start);
  return [start, end < 0 || end > to ? to : end];
}

/** Reads a space's postings file; undefined when it is not of this version, space and stamp. */
export function parseSpace(data: Uint8Array, space: Space, stamp: string): SpaceIndex | undefined {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const first = buf.indexOf(NL);
  if (first < 0 || buf.toString('latin1', 0, first) !== header(space, stamp)) return undefined;
  const memo = new Map<string, Postings | undefined>();
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength); // see findLine
  return {
    postings(gram) {
      if (memo.has(gram)) return memo.get(gram);
      const at = valueOf(bytes, gram, first + 1, bytes.length);
      const p = at && decode(buf.toString('latin1', at[0], at[1]));
      memo.set(gram, p);
      return p;
    },
    grams() {
      const body = buf.toString('utf8', first + 1);
      return body ? body.slice(0, -1).split('\n').map((line) => line.slice(0, line.indexOf('\t'))) : [];
    },
  };
}

function readBytes(dir: string, name: string): Buffer | undefined {
  try {
    return readFileSync(join(dir, PREPARED_DIR, name));
  } catch {
    return undefined;
  }
}

const readText = (dir: string, name: string): string | undefined => readBytes(dir, name)?.toString('utf8');

/** The prepared set-up for this corpus, or undefined when there is none that fits it. */
export function preparedFor(corpus: Corpus): PreparedSearch | undefined {
  const src = corpusSource(corpus);
  if (!src) return undefined;
  let p: PreparedFile;
  try {
    p = JSON.parse(readText(src.dir, PREPARED_FILE) ?? 'null') as PreparedFile;
  } catch {
    return undefined; // unreadable: set up at run time
  }
  const s = p?.source;
  const fits =
    p?.version === VERSION &&
    typeof p.stamp === 'string' &&
    typeof p.chars === 'string' &&
    typeof p.lengths === 'object' &&
    p.lengths !== null &&
    typeof p.maxWordLength === 'number' &&
    s?.factsChars === src.factsChars &&
    s.topicsBytes === src.topicsBytes &&
    s.synonymsChars === synonymsChars() &&
    Array.isArray(s.ids) &&
    s.ids.length === corpus.facts.length &&
    corpus.facts.every((f, i) => f.id === s.ids[i]);
  if (!fits) return undefined;
  let fields: DocFields[] | undefined | null = null;
  const vocab = new Map<VocabPart, unknown>();
  const spaces = new Map<Space, SpaceIndex | undefined>();
  let lookup: Lookups | undefined | null = null;
  let weights: Record<Space, Float64Array> | undefined | null = null;
  return {
    file: p,
    weights() {
      if (weights === null) {
        const data = readBytes(src.dir, WEIGHTS_FILE);
        weights = data === undefined ? undefined : parseWeights(data, p.stamp, corpus.facts.length);
      }
      return weights;
    },
    lookup() {
      if (lookup === null) {
        const data = readBytes(src.dir, LOOKUP_FILE);
        lookup = data === undefined ? undefined : parseLookup(data, p.stamp);
      }
      return lookup;
    },
    fields() {
      if (fields === null) {
        try {
          const json = JSON.parse(readText(src.dir, FIELDS_FILE) ?? 'null') as { stamp: string; fields: DocFields[] } | null;
          fields = json?.stamp === p.stamp && json.fields?.length === corpus.facts.length ? json.fields : undefined;
        } catch {
          fields = undefined;
        }
      }
      return fields;
    },
    vocab(part) {
      if (!vocab.has(part)) {
        let value: unknown;
        try {
          const json = JSON.parse(readText(src.dir, vocabFile(part)) ?? 'null') as { stamp: string; part: unknown } | null;
          value = json?.stamp === p.stamp && json.part && typeof json.part === 'object' ? json.part : undefined;
        } catch {
          value = undefined;
        }
        vocab.set(part, value);
      }
      return vocab.get(part);
    },
    space(name) {
      if (!spaces.has(name)) {
        const data = readBytes(src.dir, spaceFile(name));
        spaces.set(name, data === undefined ? undefined : parseSpace(data, name, p.stamp));
      }
      return spaces.get(name);
    },
  };
}

/** The sections of lookup.idx, in file order. words and inCorpus are sets: their lines hold a key and no value. */
export const LOOKUP_SECTIONS = ['words', 'synonyms', 'topicsOf', 'enSynonyms', 'inCorpus'] as const;
export type LookupSection = (typeof LOOKUP_SECTIONS)[number];
/** What lookup.idx is written from: each section a map (words and inCorpus map to no values). */
export type LookupData = Record<LookupSection, ReadonlyMap<string, readonly string[]>>;

/** lookup.idx as the engine reads it. */
export interface Lookups {
  /** Chinese words of the vocabulary. */
  words: { has(word: string): boolean };
  synonyms: Lookup<string[]>;
  topicsOf: Lookup<string[]>;
  enSynonyms: Lookup<string[]>;
  /** The synonyms the corpus' labels, topics or texts say. */
  inCorpus: { has(word: string): boolean };
}

const lookupHeader = (stamp: string) => `zibo-lookup ${VERSION} ${stamp}`;

/**
 * The vocabulary as text: a header line, then each section as a line `#name` and one line per key in UTF-8 byte
 * order, `key\tvalue\tvalue…` (keys and values are normalised words: no tabs or line breaks). A search finds its keys
 * in the bytes (findLine, as in the postings) and decodes only the lines it needs: parsing the vocabulary into
 * strings cost ~75 KB of young generation per search, more than all its lookups.
 */
export function serializeLookup(stamp: string, data: LookupData): string {
  let out = `${lookupHeader(stamp)}\n`;
  for (const name of LOOKUP_SECTIONS) {
    const map = data[name];
    out += `#${name}\n`;
    for (const k of [...map.keys()].sort(byUtf8)) out += `${k}\t${map.get(k)!.join('\t')}\n`;
  }
  return out;
}

const weightsHeader = (stamp: string) => `zibo-weights ${VERSION} ${stamp}`;
/** Whether this machine stores a Float64Array's bytes little-endian, as weights.f64 holds them. */
const littleEndian = () => new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * The field factors as bytes: a header line padded to a multiple of 8 bytes, then each space's factorMatrix (SPACES
 * order) as little-endian float64. Read as a Float64Array over the file's own bytes: no number is parsed or computed
 * per search, where computing them per candidate cost ~90 KB of young generation (every float a heap number in
 * code not yet optimised).
 */
export function serializeWeights(stamp: string, weights: Record<Space, Float64Array>): Buffer {
  let head = weightsHeader(stamp);
  while ((head.length + 1) % 8 !== 0) head += ' ';
  const parts = [Buffer.from(`${head}\n`, 'latin1')];
  for (const sp of SPACES) {
    const b = Buffer.alloc(weights[sp].length * 8);
    weights[sp].forEach((v, i) => b.writeDoubleLE(v, i * 8));
    parts.push(b);
  }
  return Buffer.concat(parts);
}

/** Reads weights.f64 for a corpus of `docs` facts; undefined when it is of another build or size, or the machine is big-endian. */
export function parseWeights(data: Uint8Array, stamp: string, docs: number): Record<Space, Float64Array> | undefined {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const nl = buf.indexOf(NL);
  if (nl < 0 || (nl + 1) % 8 !== 0 || buf.toString('latin1', 0, nl).trimEnd() !== weightsHeader(stamp) || !littleEndian()) return undefined;
  const sizes = SPACES.map((sp) => docs * SPACE_FIELDS[sp].length);
  if (buf.length !== nl + 1 + 8 * sizes.reduce((a, b) => a + b, 0)) return undefined;
  // A view needs its offset aligned to 8; a small file may sit anywhere in Node's shared pool, and is copied then.
  const start = data.byteOffset + nl + 1;
  const all = start % 8 === 0 ? new Float64Array(data.buffer, start, (buf.length - nl - 1) / 8) : new Float64Array(new Uint8Array(data.buffer, start, buf.length - nl - 1).slice().buffer);
  const out = {} as Record<Space, Float64Array>;
  let at = 0;
  SPACES.forEach((sp, i) => {
    out[sp] = all.subarray(at, at + sizes[i]!);
    at += sizes[i]!;
  });
  return out;
}

/** Reads lookup.idx; undefined when it is not of this version and stamp, or a section is missing. */
export function parseLookup(data: Uint8Array, stamp: string): Lookups | undefined {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const first = buf.indexOf(NL);
  if (first < 0 || buf.toString('latin1', 0, first) !== lookupHeader(stamp)) return undefined;
  // Each section runs from the line after its `#name` line to the start of the next `#name` line.
  const ranges: Array<[number, number]> = [];
  let at = first;
  for (const name of LOOKUP_SECTIONS) {
    const marker = buf.indexOf(`\n#${name}\n`, at, 'latin1');
    if (marker < 0) return undefined;
    if (ranges.length) ranges[ranges.length - 1]![1] = marker + 1;
    at = marker + name.length + 2; // the newline ending the marker line
    ranges.push([at + 1, buf.length]);
  }
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength); // see findLine
  const section = (i: number) => {
    const [from, to] = ranges[i]!;
    return {
      has: (key: string) => valueOf(bytes, key, from, to) !== undefined,
      get(key: string): string[] | undefined {
        const at = valueOf(bytes, key, from, to);
        if (!at) return undefined;
        const text = buf.toString('utf8', at[0], at[1]);
        return text === '' ? [] : text.split('\t');
      },
    };
  };
  const [words, synonyms, topicsOf, enSynonyms, inCorpus] = LOOKUP_SECTIONS.map((_, i) => section(i));
  return { words: words!, synonyms: synonyms!, topicsOf: topicsOf!, enSynonyms: enSynonyms!, inCorpus: inCorpus! };
}

/** The engine's vocabulary from the prepared set. */
export function vocabularyOf(p: PreparedFile, l: Lookups): Vocabulary {
  return { words: l.words, maxWordLength: p.maxWordLength, synonyms: l.synonyms, topicsOf: l.topicsOf, enSynonyms: l.enSynonyms };
}
