// Reads the library without any lock: list releases/, parse each record, check it. A file that cannot be read or
// does not pass the checks is reported by name and skipped; the others still load.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { RECORD_EXT, RECORD_NAME, releasesDir } from './paths.js';
import { recordProblem, type LibraryRecord } from './record.js';

export interface LibraryProblem {
  file: string;
  message: string;
}

export interface LibraryContents {
  records: LibraryRecord[];
  problems: LibraryProblem[];
  /** Characters (UTF-16 units) of the record files read: with their ids, what the search data is stamped with. */
  chars: number;
}

/** Largest record file read (a release is bounded at add time; this guards against a stray huge file). */
const MAX_RECORD_BYTES = 512 * 1024 * 1024;

/** The records of the library at `lib`, oldest first; a missing library is an empty one (one failed readdir). */
export function readLibrary(lib: string): LibraryContents {
  const dir = releasesDir(lib);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { records: [], problems: [], chars: 0 };
    return { records: [], problems: [{ file: dir, message: `cannot list the library (${code ?? String(e)})` }], chars: 0 };
  }
  const records: LibraryRecord[] = [];
  const problems: LibraryProblem[] = [];
  let chars = 0;
  for (const name of names.sort()) {
    if (!RECORD_NAME.test(name)) continue; // temp files of a killed writer, the user's own notes
    const file = join(dir, name);
    const got = readRecord(file, name.slice(0, -RECORD_EXT.length));
    if ('message' in got) problems.push(got);
    else {
      records.push(got.record);
      chars += got.chars;
    }
  }
  records.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.release.id.localeCompare(b.release.id));
  return { records, problems, chars };
}

export function readRecord(file: string, id: string): { record: LibraryRecord; chars: number } | LibraryProblem {
  let raw: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > MAX_RECORD_BYTES) return { file, message: 'too large to be a library record' };
    raw = bytes.toString('utf8');
  } catch (e) {
    return { file, message: `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return { file, message: `not valid JSON (${(e as Error).message})` };
  }
  const bad = recordProblem(json, id);
  return bad ? { file, message: bad } : { record: json as LibraryRecord, chars: raw.length };
}

/** What `zibo remove <id>` would remove: the record, or a ReleaseInputError (bundled, unknown: with suggestions). */
export function findAdded(lib: string, id: string): { record: LibraryRecord } | { broken: string } | undefined {
  const contents = readLibrary(lib);
  const record = contents.records.find((r) => r.release.id === id);
  if (record) return { record };
  const broken = contents.problems.find((x) => basename(x.file, RECORD_EXT) === id);
  return broken ? { broken: broken.file } : undefined;
}
