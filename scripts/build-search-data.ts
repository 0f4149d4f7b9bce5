// npm run search-data (tsx scripts/build-search-data.ts): generates the language tables the search engine reads
// lazily at run time, so that neither opencc-js nor pinyin-pro is needed after the build.
//   data/search/fold.json    Traditional → Simplified, one character each, only characters that differ
//   data/search/pinyin.json  toneless syllable → the characters read that way (every reading of polyphones)
//   data/search/vocab-*.json the corpus vocabulary: Fuse.createIndex over its Chinese words and n-grams, pinyin words,
//                            English words, topic names and aliases, speaker and place names (fuse.js expands an
//                            out-of-vocabulary query term to its nearest terms at run time), and pinyin initials
//   data/search/prepared.json, fields.json, zh.idx, py.idx, en.idx
//                            the engine's set-up for the bundled corpus (src/core/search/prepared.ts)
// Both cover the 6,763 characters of GB2312 (what people type in Simplified Chinese) plus every character of the
// corpus, its topics and the synonym list. `--check` exits 1 when the committed files are stale.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { loadCorpus } from '../src/core/corpus.js';
import { FIELDS_FILE, LOOKUP_FILE, PREPARED_DIR, PREPARED_FILE, WEIGHTS_FILE, vocabFile, SPACES, prepareSearch, serializeLookup, serializeSpace, serializeWeights, spaceFile, type PreparedBuild } from '../src/core/search/prepared.js';
import { resetTableReader, setTableReader } from '../src/core/search/lazy.js';
import { VOCAB_PARTS } from '../src/core/search/vocab.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const path = (...p: string[]) => join(root, ...p);
const HAN = /\p{Script=Han}/u;

/** The 6,763 characters of GB2312, decoded by Node's ICU. */
function gb2312(): Set<string> {
  const decoder = new TextDecoder('gb2312');
  const out = new Set<string>();
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const c = decoder.decode(new Uint8Array([hi, lo]));
      if (HAN.test(c)) out.add(c);
    }
  }
  return out;
}

/** Every Han character of the corpus, its topics and the synonyms: the engine must read all of them. */
function corpusChars(): Set<string> {
  const files = ['data/facts.json', 'data/topics.json', 'data/curation/topics.json', 'data/curation/synonyms.json'];
  const out = new Set<string>();
  for (const f of files) {
    let text = '';
    try {
      text = readFileSync(path(f), 'utf8');
    } catch {
      continue; // a file not built yet contributes nothing
    }
    for (const c of text) if (HAN.test(c)) out.add(c);
  }
  return out;
}

function foldTable(simplified: Set<string>): { from: string; to: string } {
  // 't' first: the generic OpenCC Traditional set; then the Taiwan and Hong Kong variants.
  const converters = (['t', 'tw', 'hk', 'twp'] as const).map((from) => OpenCC.Converter({ from, to: 'cn' }));
  let from = '';
  let to = '';
  for (let cp = 0x3400; cp <= 0x9fff; cp++) {
    const c = String.fromCodePoint(cp);
    // A character that is itself standard Simplified (著, 乾, 么) must never be rewritten.
    if (simplified.has(c)) continue;
    for (const convert of converters) {
      const s = convert(c);
      if (s !== c && Array.from(s).length === 1 && simplified.has(s)) {
        from += c;
        to += s;
        break;
      }
    }
  }
  return { from, to };
}

/** Corpus strings read in context, so that polyphones get the reading they have there (重卡 zhong, 银行 hang). */
function corpusStrings(): string[] {
  const out: string[] = [];
  const grab = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(grab);
    else if (v && typeof v === 'object') Object.values(v).forEach(grab);
  };
  for (const f of ['data/facts.json', 'data/topics.json', 'data/curation/synonyms.json']) {
    try {
      grab(JSON.parse(readFileSync(path(f), 'utf8')));
    } catch {
      // not built yet
    }
  }
  return out.filter((s) => HAN.test(s));
}

const toneless = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

/**
 * Each character gets its everyday reading (pinyin-pro's choice for the character alone: what an input method
 * offers first, so what a typo was typed as) plus every reading it has in the corpus in context. Rare readings
 * (厂 ān) are left out: they only produce false homophones.
 */
function pinyinTable(chars: Set<string>): Record<string, string> {
  const readings = new Map<string, Set<string>>();
  const add = (c: string, r: string) => {
    if (!HAN.test(c) || !/^[a-z]+$/.test(r)) return;
    let set = readings.get(c);
    if (!set) readings.set(c, (set = new Set()));
    set.add(r);
  };
  for (const c of chars) add(c, toneless(pinyin(c, { toneType: 'none', v: true })));
  for (const s of corpusStrings()) {
    const chars = Array.from(s);
    const syllables = pinyin(s, { type: 'array', toneType: 'none', v: true }) as string[];
    if (syllables.length !== chars.length) continue; // alignment lost (should not happen): skip the string
    chars.forEach((c, i) => add(c, toneless(syllables[i]!)));
  }
  const bySyllable = new Map<string, string>();
  for (const c of [...readings.keys()].sort()) {
    for (const r of readings.get(c)!) bySyllable.set(r, (bySyllable.get(r) ?? '') + c);
  }
  return Object.fromEntries([...bySyllable.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One entry per line: small diffs when a character is added. */
function toJsonLines(obj: Record<string, string>): string {
  const lines = Object.entries(obj).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

function chunked(s: string, size = 40): string[] {
  const chars = Array.from(s);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/**
 * The engine's set-up for the corpus in data/ (src/core/search/prepared.ts): prepared.json, fields.json (one fact
 * per line) and the postings of each space. `tables` are the fold and pinyin tables just built: the pinyin postings
 * are read with them, not with whatever data/search/ held before.
 */
function preparedFiles(tables: { fold: unknown; pinyin: unknown }): Record<string, string | Buffer> {
  const chars = (f: string) => readFileSync(path('data', f), 'utf8').length;
  const corpus = loadCorpus({ dataDir: path('data') });
  const ids = corpus.facts.map((f) => f.id);
  setTableReader((name) => tables[name]);
  let p: PreparedBuild;
  try {
    p = prepareSearch(corpus, { ids, factsChars: chars('facts.json'), topicsBytes: statSync(path('data', 'topics.json')).size });
  } finally {
    resetTableReader();
  }
  const { file } = p;
  const entries = [
    ['version', String(file.version)],
    ['source', JSON.stringify(file.source)],
    ['stamp', JSON.stringify(file.stamp)],
    ['chars', JSON.stringify(file.chars)],
    ['lengths', JSON.stringify(file.lengths)],
    ['maxWordLength', String(file.maxWordLength)],
  ];
  const json = `{\n${entries.map(([k, v]) => `  "${k}": ${v}`).join(',\n')}\n}\n`;
  const dir = `data/${PREPARED_DIR}`;
  const out: Record<string, string | Buffer> = {
    [`${dir}/${PREPARED_FILE}`]: json,
    [`${dir}/${FIELDS_FILE}`]: `{\n  "stamp": ${JSON.stringify(file.stamp)},\n  "fields": [\n${p.fields.map((f) => '    ' + JSON.stringify(f)).join(',\n')}\n  ]\n}\n`,
  };
  for (const part of VOCAB_PARTS) {
    out[`${dir}/${vocabFile(part)}`] = `{\n  "stamp": ${JSON.stringify(file.stamp)},\n  "part": ${JSON.stringify(p.vocab[part])}\n}\n`;
  }
  for (const s of SPACES) out[`${dir}/${spaceFile(s)}`] = serializeSpace(s, file.stamp, p.spaces[s]);
  out[`${dir}/${LOOKUP_FILE}`] = serializeLookup(file.stamp, p.lookup);
  out[`${dir}/${WEIGHTS_FILE}`] = serializeWeights(file.stamp, p.weights);
  return out;
}

/** The files to write, by path: text, or bytes (weights.f64). */
export function buildSearchData(): Record<string, string | Buffer> {
  const gb = gb2312();
  const all = new Set([...gb, ...corpusChars()]);
  const fold = foldTable(all);
  // Aligned strings split into lines of 40: position i of `from` folds to position i of `to`.
  const foldJson = `{\n  "from": ${JSON.stringify(chunked(fold.from))},\n  "to": ${JSON.stringify(chunked(fold.to))}\n}\n`;
  const pinyin = pinyinTable(all);
  return {
    'data/search/fold.json': foldJson,
    'data/search/pinyin.json': toJsonLines(pinyin),
    ...preparedFiles({ fold: { from: chunked(fold.from), to: chunked(fold.to) }, pinyin }),
  };
}

function main(): void {
  const files = buildSearchData();
  if (process.argv.includes('--check')) {
    const stale = Object.entries(files).filter(([f, text]) => {
      try {
        return !readFileSync(path(f)).equals(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
      } catch {
        return true;
      }
    });
    for (const [f] of stale) console.error(`${f} is stale: run npm run search-data`);
    process.exitCode = stale.length ? 1 : 0;
    return;
  }
  for (const [f, text] of Object.entries(files)) {
    writeFileSync(path(f), text);
    console.error(`wrote ${f} (${Buffer.byteLength(text)} bytes)`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
