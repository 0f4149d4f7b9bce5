// The two changes to the library: add a release, remove one. Both decide under the lock, from what is on disk
// at that moment, so that concurrent `zibo add`s neither lose a release nor store one text twice.

import { basename } from 'node:path';
import type { Corpus } from '../types.js';
import { ReleaseInputError } from './input.js';
import { choosePrefix, makeRecord, type PendingRelease } from './make.js';
import { recordPath, RECORD_EXT } from './paths.js';
import { findAdded, readLibrary, type LibraryContents } from './read.js';
import type { LibraryRecord } from './record.js';
import { deleteRecord, withLibraryLock, writeRecord } from './write.js';
import { writeLibrarySearchData } from './search-data.js';

/** The search set-up is an optimisation: failing to write it leaves search to set up at run time. */
function refreshSearchData(lib: string): void {
  try {
    writeLibrarySearchData(lib);
  } catch {
    // a full disk or a read-only folder: the record is written, search still works
  }
}

export type AddStatus = 'added' | 'replaced' | 'unchanged' | 'dry-run';

export interface AddOutcome {
  status: AddStatus;
  /** The record stored (or, for `unchanged`, the one already there; for `dry-run`, the one that would be). */
  record: LibraryRecord;
  /** The record's file in the library. */
  file: string;
}

export interface AddOptions {
  /** Replace a different release stored under the same id. */
  replace?: boolean;
  /** Keep a release in which the extractor finds no figure. */
  force?: boolean;
  dryRun?: boolean;
  origin: string;
  now?: Date;
}

/** Ids of every file in releases/, sound or broken (a broken one still holds its name). */
function idsOnDisk(lib: LibraryContents): Set<string> {
  const ids = new Set(lib.records.map((r) => r.release.id));
  for (const p of lib.problems) if (p.file.endsWith(RECORD_EXT)) ids.add(basename(p.file, RECORD_EXT));
  return ids;
}

/** The same record with its fact ids under another prefix. */
function withPrefix(rec: LibraryRecord, prefix: string): LibraryRecord {
  if (rec.release.prefix === prefix) return rec;
  const from = rec.release.prefix.length;
  return {
    ...rec,
    release: { ...rec.release, prefix },
    facts: rec.facts.map((f) => ({ ...f, id: prefix + f.id.slice(from) })),
  };
}

function figures(rec: LibraryRecord): number {
  return rec.facts.filter((f) => f.kind === 'quantity' || f.kind === 'date').length;
}

interface Decision {
  outcome?: AddOutcome;
  prefix: string;
  replacing: boolean;
}

function decide(lib: string, contents: LibraryContents, p: PendingRelease, bundled: Corpus, opts: AddOptions): Decision {
  const id = p.meta.id;
  const same = contents.records.find((r) => r.sha256 === p.sha256);
  if (same && (same.release.id !== id || !opts.replace)) {
    return { outcome: { status: 'unchanged', record: same, file: recordPath(lib, same.release.id) }, prefix: same.release.prefix, replacing: false };
  }
  if (bundled.releases.some((r) => r.id === id)) {
    throw new ReleaseInputError(`release id "${id}" is a bundled release, which cannot be replaced; give the release another id with --id`);
  }
  const existing = contents.records.find((r) => r.release.id === id);
  const onDisk = idsOnDisk(contents).has(id);
  if (onDisk && !opts.replace) {
    const how = p.idGiven ? 'give it another id with --id' : 'give it its own id with --id (or id: in the front matter)';
    throw new ReleaseInputError(`a different release with id "${id}" is already in the library; pass --replace to replace it, or ${how}`);
  }
  const taken = new Set([...bundled.releases.map((r) => r.prefix), ...contents.records.filter((r) => r !== existing).map((r) => r.release.prefix)]);
  const prefix = existing && p.prefix === undefined ? existing.release.prefix : choosePrefix(p, taken);
  return { prefix, replacing: onDisk };
}

/**
 * Adds a release to the library at `lib`. The facts are extracted before the lock is taken (under a provisional
 * prefix); under the lock the library is read again, duplicates and ids decided, the prefix fixed, and the record
 * written. `bundled` is the corpus shipped with zibo (its ids and prefixes are taken).
 */
export async function addRelease(lib: string, p: PendingRelease, bundled: Corpus, opts: AddOptions): Promise<AddOutcome> {
  const provisional = choosePrefix(p, new Set(bundled.releases.map((r) => r.prefix)));
  const draft = makeRecord(p, provisional, bundled.topics, opts.origin, opts.now ?? new Date());
  if (figures(draft) === 0 && !opts.force && !opts.dryRun) {
    throw new ReleaseInputError(`no figures found in ${p.meta.title ? `"${p.meta.title}"` : 'the release'}; nothing added (pass --force to keep it anyway)`);
  }
  if (opts.dryRun) {
    const d = decide(lib, readLibrary(lib), p, bundled, { ...opts, replace: true });
    return d.outcome ?? { status: 'dry-run', record: withPrefix(draft, d.prefix), file: recordPath(lib, p.meta.id) };
  }
  const out = await withLibraryLock(lib, async (lock): Promise<AddOutcome> => {
    const d = decide(lib, readLibrary(lib), p, bundled, opts);
    if (d.outcome) return d.outcome;
    const record = withPrefix(draft, d.prefix);
    const file = await writeRecord(lib, record, lock);
    return { status: d.replacing ? 'replaced' : 'added', record, file };
  });
  // Outside the lock (it takes longer than the write): concurrent writers may each write a set, and the last one
  // may describe an older state; a set that does not fit the library is never used (see search-data.ts).
  if (out.status !== 'unchanged') refreshSearchData(lib);
  return out;
}

export interface RemoveOutcome {
  record: LibraryRecord;
  file: string;
}

/** Removes the release `id` from the library (a broken record file of that id is removed too). */
export async function removeRelease(lib: string, id: string): Promise<string | undefined> {
  const file = await withLibraryLock(lib, (lock) => (findAdded(lib, id) ? deleteRecord(lib, id, lock) : undefined));
  if (file) refreshSearchData(lib);
  return file;
}
