// The search set-up for the bundled corpus plus the library, written to <library>/search/ by every change to the
// library (under its lock), so that `zibo search` does not build it at run time. It is the same set of files
// `npm run search-data` writes for the bundled corpus (src/core/search/prepared.ts), stamped with what it was
// made from; a reader uses it only when it fits the corpus it loaded, and otherwise sets up at run time as before,
// so a missing, stale or half-written set is never wrong, only slower.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { corpusSource, loadCorpus } from '../corpus.js';
import { FIELDS_FILE, LOOKUP_FILE, PREPARED_DIR, PREPARED_FILE, SPACES, WEIGHTS_FILE, prepareSearch, serializeLookup, serializeSpace, serializeWeights, spaceFile } from '../search/prepared.js';
import { fsyncDir } from './write.js';

/** Rewrites <lib>/search/ for the corpus as it now loads; returns false when there is nothing it could be stamped with. */
export function writeLibrarySearchData(lib: string): boolean {
  const corpus = loadCorpus({ library: lib, warn: () => undefined });
  const src = corpusSource(corpus);
  if (!src || src.dir !== lib) return false;
  const p = prepareSearch(corpus, { ids: corpus.facts.map((f) => f.id), factsChars: src.factsChars, topicsBytes: src.topicsBytes });
  const dir = join(lib, PREPARED_DIR);
  mkdirSync(dir, { recursive: true });
  const write = (name: string, data: string | Buffer) => writeFileAtomic.sync(join(dir, name), data, { fsync: true });
  // The postings and fields first, prepared.json last: a reader takes the stamp from prepared.json and ignores any
  // file whose stamp differs from it.
  for (const s of SPACES) write(spaceFile(s), serializeSpace(s, p.file.stamp, p.spaces[s]));
  write(LOOKUP_FILE, serializeLookup(p.file.stamp, p.lookup));
  write(WEIGHTS_FILE, serializeWeights(p.file.stamp, p.weights));
  write(FIELDS_FILE, JSON.stringify({ stamp: p.file.stamp, fields: p.fields }));
  write(PREPARED_FILE, JSON.stringify(p.file));
  fsyncDir(dir);
  return true;
}
