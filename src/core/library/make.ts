// From a release text (with or without front matter) and the flags of `zibo add` to a library record: metadata
// resolved and checked, facts by the project's own extractor (src/extract).

import { createHash } from 'node:crypto';
import type { Topic } from '../types.js';
import { DOMAIN_ALIASES } from '../filters.js';
import { foldKey } from '../suggest.js';
import { extractRelease, statedDate } from '../../extract/corpus.js';
import { FrontMatterError, ISO_DATE, SLUG, parseFrontMatter, type MetaKey, type ReleaseMeta } from '../../extract/release-file.js';
import { ReleaseInputError } from './input.js';
import { RECORD_FORMAT, RECORD_VERSION, type LibraryRecord } from './record.js';

/** Metadata of a release about to be added; the prefix is chosen under the library lock. */
export interface PendingRelease {
  meta: Omit<ReleaseMeta, 'prefix'> & { conference: string };
  /** The prefix the front matter or --prefix asks for, if any. */
  prefix?: string;
  /** Whether the id was given (front matter or --id) rather than derived. */
  idGiven: boolean;
  /** The release text as received, front matter excluded. */
  raw: string;
  sha256: string;
}

export const DEFAULT_DOMAIN = 'general';
export const PREFIX = /^[a-z][a-z0-9]{0,7}$/;
const MAX_TITLE = 120;

/** Text of the release with line endings made \n: the form that is hashed, stored and extracted. */
function normalise(body: string): string {
  return body.replace(/\r\n?/g, '\n');
}

/** 2023-3-15, 2023/3/15, 2023.3.15 and 2023年3月15日 written as 2023-03-15; anything else unchanged (and then refused). */
function isoDate(s: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}

function realDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The first heading (`# …`) or, without one, the first non-blank line. */
function titleOf(body: string): string {
  const lines = body.split('\n').map((l) => l.trim()).filter(Boolean);
  const heading = lines.find((l) => /^#+\s*\S/.test(l)) ?? lines[0] ?? '';
  const t = heading.replace(/^#+\s*/, '').trim();
  return t.length > MAX_TITLE ? t.slice(0, MAX_TITLE) + '…' : t;
}

export function resolveDomain(input: string, name: string): string {
  const k = foldKey(input);
  for (const [alias, domain] of Object.entries(DOMAIN_ALIASES)) if (foldKey(alias) === k) return domain;
  const slug = input.trim().toLowerCase();
  if (!SLUG.test(slug)) throw new ReleaseInputError(`${name}: domain "${input}" is not a lower-case slug such as environment or urban-construction`);
  return slug;
}

/** Front matter and flags (flags win) made into the metadata of a release to add. */
export function pendingRelease(content: string, name: string, flags: Partial<Record<MetaKey, string>>): PendingRelease {
  let fm;
  try {
    fm = parseFrontMatter(content, name);
  } catch (e) {
    if (e instanceof FrontMatterError) throw new ReleaseInputError(e.message);
    throw e;
  }
  const raw = normalise(fm.body);
  if (raw.trim() === '') throw new ReleaseInputError(`${name}: the release text after the front matter is empty`);
  const given: Partial<Record<MetaKey, string>> = { ...fm.fields };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) given[k as MetaKey] = v;
  const pick = (k: MetaKey) => given[k]?.trim() ?? '';

  const domain = pick('domain') ? resolveDomain(pick('domain'), name) : DEFAULT_DOMAIN;
  let date = isoDate(pick('date'));
  if (date && !realDate(date)) throw new ReleaseInputError(`${name}: date "${date}" is not a date written YYYY-MM-DD`);
  if (!date) date = statedDate(raw) ?? '';
  if (!date) throw new ReleaseInputError(`${name}: no date given and none with a year found in the text; pass --date YYYY-MM-DD (or date: in the front matter)`);
  const id = pick('id') || `${domain}-${date}`;
  if (!SLUG.test(id)) throw new ReleaseInputError(`${name}: release id "${id}" is not a lower-case slug (letters, digits, -)`);
  const prefix = pick('prefix') || undefined;
  if (prefix !== undefined && !PREFIX.test(prefix)) {
    throw new ReleaseInputError(`${name}: prefix "${prefix}" must be 1-8 lower-case letters or digits, starting with a letter`);
  }
  const series = pick('series');
  const session = pick('session');
  const conference = pick('conference') || series + session;
  const title = pick('title') || titleOf(raw);
  if (!title) throw new ReleaseInputError(`${name}: no title given and the text has no line to take one from`);
  return {
    meta: {
      id, domain, date, title, titleEn: pick('titleEn'), conference, series: series || conference, session,
      speaker: pick('speaker'), speakerTitle: pick('speakerTitle'), organiser: pick('organiser'), source: pick('source'),
    },
    prefix,
    idGiven: !!pick('id'),
    raw,
    sha256: createHash('sha256').update(raw).digest('hex'),
  };
}

/** The prefix for a new release: the one asked for, else initials of the domain (`urban-construction` → uc) or its first three letters, then 2, 3 … until free. */
export function choosePrefix(p: PendingRelease, taken: ReadonlySet<string>): string {
  if (p.prefix !== undefined) {
    if (taken.has(p.prefix)) throw new ReleaseInputError(`prefix "${p.prefix}" is already used by another release; choose another with --prefix`);
    return p.prefix;
  }
  const parts = p.meta.domain.split('-').filter(Boolean);
  let stem = (parts.length > 1 ? parts.map((x) => x[0]).join('') : parts[0]!.slice(0, 3)).slice(0, 6);
  if (!/^[a-z]/.test(stem)) stem = 'r' + stem;
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(stem + n)) return stem + n;
}

/** The record to store: the release's facts by the project's extractor, ids `<prefix>-001` … in text order. */
export function makeRecord(p: PendingRelease, prefix: string, topics: readonly Topic[], origin: string, now: Date): LibraryRecord {
  const meta: ReleaseMeta = { ...p.meta, prefix };
  const { text, facts } = extractRelease({ meta, raw: p.raw }, topics);
  return {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    sha256: p.sha256,
    origin,
    addedAt: now.toISOString(),
    raw: p.raw,
    release: {
      id: meta.id, prefix, title: meta.title, titleEn: meta.titleEn, domain: meta.domain as LibraryRecord['release']['domain'],
      date: meta.date, conference: p.meta.conference, series: meta.series, session: meta.session, speaker: meta.speaker,
      speakerTitle: meta.speakerTitle, organiser: meta.organiser, text, factCount: facts.length,
    },
    facts,
  };
}
