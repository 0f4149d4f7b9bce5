// What every command receives: the IO, the language, and the corpus (loaded on first use only).

import type { IO, Lang } from '../io.js';
import type { Corpus } from '../core/types.js';
import { loadCorpus } from '../core/corpus.js';
import type { loadDataFile } from '../core/data-file.js';
import { translator, type Translate } from './i18n.js';

export interface Deps {
  /** Where the corpus comes from; tests inject a fixture. Default: the package's data/ folder. */
  loadCorpus?: () => Corpus;
  /** A facts file given by --data or ZIBO_DATA (used when loadCorpus is not given). */
  dataFile?: string;
  /**
   * Reads `dataFile`: src/core/data-file.ts's loadDataFile, passed in rather than imported so that a run without
   * --data never loads it (nor the index code and Node modules it brings).
   */
  loadDataFile?: typeof loadDataFile;
}

export interface Ctx {
  io: IO;
  lang: Lang;
  t: Translate;
  corpus(): Corpus;
  /** Set by a command: 0 found, 1 nothing found. Errors are thrown, not set. */
  exitCode: number;
}

export function createCtx(io: IO, deps: Deps = {}): Ctx {
  let corpus: Corpus | undefined;
  const { dataFile, loadDataFile: readDataFile } = deps;
  if (dataFile && !deps.loadCorpus && !readDataFile) throw new Error('createCtx: a data file needs deps.loadDataFile');
  const load = deps.loadCorpus ?? (() => (dataFile ? readDataFile!(dataFile, { env: io.env, warn: (m) => io.stderr.write(`zibo: ${m}\n`) }) : loadCorpus({ warn: (m) => io.stderr.write(m + '\n') })));
  return {
    io,
    lang: io.lang,
    t: translator(io.lang),
    corpus: () => (corpus ??= load()),
    exitCode: 0,
  };
}
