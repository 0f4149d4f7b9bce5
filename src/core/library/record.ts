// One added release as stored in the library, and the checks a record read back must pass (a file in the library
// may have been truncated by a crash of another program, or edited by hand).

import type { Fact, Release } from '../types.js';
import { QUALIFIERS } from '../types.js';

export const RECORD_FORMAT = 'zibo-library-release';
export const RECORD_VERSION = 1;

export interface LibraryRecord {
  format: typeof RECORD_FORMAT;
  version: typeof RECORD_VERSION;
  /** sha256 (hex) of the release text as received, front matter excluded: the same text is never stored twice. */
  sha256: string;
  /** Where it was added from: the file's absolute path, or `-` for stdin. */
  origin: string;
  /** ISO time of the add. */
  addedAt: string;
  /** The release text as received (front matter excluded). */
  raw: string;
  /** Metadata and the repaired text (fact offsets index into `release.text`). */
  release: Release;
  facts: Fact[];
}

const KINDS = ['quantity', 'date', 'milestone', 'honour'];
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNumOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
const isStrOrNull = (v: unknown) => v === null || typeof v === 'string';

const RELEASE_STRINGS = ['id', 'prefix', 'title', 'titleEn', 'domain', 'date', 'conference', 'series', 'session', 'speaker',
  'speakerTitle', 'organiser', 'text'] as const;

/** What is wrong with a parsed record file, or undefined when it is sound. */
export function recordProblem(v: unknown, expectedId: string): string | undefined {
  if (typeof v !== 'object' || v === null) return 'not a JSON object';
  const r = v as Partial<LibraryRecord>;
  if (r.format !== RECORD_FORMAT) return `"format" is not "${RECORD_FORMAT}"`;
  if (r.version !== RECORD_VERSION) return `"version" ${String(r.version)} is not ${RECORD_VERSION}`;
  if (!isStr(r.sha256) || !isStr(r.origin) || !isStr(r.addedAt) || !isStr(r.raw)) return 'sha256, origin, addedAt or raw is missing';
  const rel = r.release as unknown as Record<string, unknown> | undefined;
  if (typeof rel !== 'object' || rel === null) return '"release" is missing';
  for (const k of RELEASE_STRINGS) if (!isStr(rel[k])) return `release field "${k}" is not a string`;
  if (rel.id !== expectedId) return `release id "${String(rel.id)}" does not match the file name`;
  if (!Array.isArray(r.facts)) return '"facts" is not a list';
  const text = rel.text as string;
  for (let i = 0; i < r.facts.length; i++) {
    const f = r.facts[i] as unknown as Record<string, unknown>;
    const bad = factProblem(f, rel.id as string, rel.prefix as string, text.length);
    if (bad) return `fact ${i}: ${bad}`;
  }
  return undefined;
}

function factProblem(f: Record<string, unknown>, release: string, prefix: string, textLength: number): string | undefined {
  if (typeof f !== 'object' || f === null) return 'not an object';
  if (!isStr(f.id) || !f.id.startsWith(prefix + '-')) return `id ${JSON.stringify(f.id)} does not start with "${prefix}-"`;
  if (f.release !== release) return `"release" is not "${release}"`;
  for (const k of ['domain', 'section', 'text', 'sentence', 'en', 'label']) if (!isStr(f[k])) return `"${k}" is not a string`;
  if (!Array.isArray(f.topics) || !f.topics.every(isStr)) return '"topics" is not a list of strings';
  if (!isNumOrNull(f.value) || !isNumOrNull(f.scaled)) return '"value" or "scaled" is not a number or null';
  if (!isStrOrNull(f.unit) || !isStrOrNull(f.baseUnit) || !isStrOrNull(f.date) || !isStrOrNull(f.figure)) return 'unit, baseUnit, date or figure is not a string or null';
  if (!QUALIFIERS.includes(f.qualifier as never)) return `"qualifier" ${JSON.stringify(f.qualifier)} is not one of ${QUALIFIERS.join(', ')}`;
  if (!KINDS.includes(f.kind as string)) return `"kind" ${JSON.stringify(f.kind)} is not one of ${KINDS.join(', ')}`;
  const o = f.offset;
  if (!Array.isArray(o) || o.length !== 2 || !o.every(Number.isInteger) || o[0] < 0 || o[0] > o[1] || o[1] > textLength) {
    return '"offset" is not a [start, end] inside the release text';
  }
  return undefined;
}

/** How many facts of each kind a record holds. */
export type KindCounts = Record<'quantity' | 'date' | 'milestone' | 'honour', number>;

export function kindCounts(record: LibraryRecord): KindCounts {
  const c: KindCounts = { quantity: 0, date: 0, milestone: 0, honour: 0 };
  for (const f of record.facts) c[f.kind]++;
  return c;
}
