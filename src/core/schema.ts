// Hand-written runtime validation of the corpus files against types.ts: a corrupt record must give a clear
// message naming the file, the record and the field, not a crash somewhere later.

import type { Fact, Release, Topic } from './types.js';
import { DOMAINS, QUALIFIERS } from './types.js';
import { sanitize } from '../render/sanitize.js';

export class CorpusError extends Error {
  override name = 'CorpusError';
}

const FACT_KINDS = ['quantity', 'date', 'milestone', 'honour'] as const;
const FACT_ID = /^[a-z]{1,8}-\d{1,6}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Check = (v: unknown) => string | null; // null when valid, else what was expected

const str: Check = (v) => (typeof v === 'string' ? null : 'a string');
const nonEmpty: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? null : 'a non-empty string');
const num: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'a number');
const int: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'a non-negative integer');
const orNull = (c: Check, what: string): Check => (v) => (v === null || c(v) === null ? null : what);
const oneOf = (values: readonly string[]): Check => (v) =>
  typeof v === 'string' && values.includes(v) ? null : `one of ${values.join(', ')}`;
const matches = (re: RegExp, what: string): Check => (v) => (typeof v === 'string' && re.test(v) ? null : what);
const strings = (minLength: number): Check => (v) =>
  Array.isArray(v) && v.length >= minLength && v.every((x) => typeof x === 'string' && x.trim() !== '')
    ? null
    : minLength > 0 ? 'a non-empty array of non-empty strings' : 'an array of non-empty strings';
const offsetPair: Check = (v) =>
  Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x) && x >= 0) && v[0] <= v[1]
    ? null
    : 'a pair [start, end] of integers with 0 <= start <= end';

const FACT: Record<keyof Fact, Check> = {
  id: matches(FACT_ID, 'an id like uc-017'),
  release: nonEmpty,
  domain: oneOf(DOMAINS),
  section: str,
  topics: strings(1),
  text: nonEmpty,
  sentence: nonEmpty,
  en: nonEmpty,
  value: orNull(num, 'a number or null'),
  unit: orNull(str, 'a string or null'),
  qualifier: oneOf(QUALIFIERS),
  scaled: orNull(num, 'a number or null'),
  baseUnit: orNull(str, 'a string or null'),
  date: orNull(matches(ISO_DATE, 'x'), 'an ISO date (YYYY-MM-DD) or null'),
  offset: offsetPair,
  kind: oneOf(FACT_KINDS),
  figure: orNull(str, 'a string or null'),
  label: str,
};

const RELEASE: Record<keyof Release, Check> = {
  id: nonEmpty,
  prefix: matches(/^[a-z]{1,8}$/, 'a lower-case id prefix like uc'),
  title: nonEmpty,
  titleEn: str,
  domain: oneOf(DOMAINS),
  date: matches(ISO_DATE, 'an ISO date (YYYY-MM-DD)'),
  conference: str,
  series: str,
  session: str,
  speaker: str,
  speakerTitle: str,
  organiser: str,
  text: nonEmpty,
  factCount: int,
};

const optionalStr: Check = (v) => (v === undefined || typeof v === 'string' ? null : 'a string (or absent)');

/** A release declared in a `--data` file: who, where and when; the rest optional (text '' means no paragraphs). */
const DATA_RELEASE: Record<keyof Omit<Release, 'factCount'>, Check> = {
  id: nonEmpty,
  prefix: (v) => (v === undefined ? null : RELEASE.prefix(v)),
  title: nonEmpty,
  titleEn: optionalStr,
  domain: oneOf(DOMAINS),
  date: matches(ISO_DATE, 'an ISO date (YYYY-MM-DD)'),
  conference: optionalStr,
  series: optionalStr,
  session: optionalStr,
  speaker: optionalStr,
  speakerTitle: optionalStr,
  organiser: optionalStr,
  text: optionalStr,
};

const TOPIC: Record<keyof Topic, Check> = {
  name: nonEmpty,
  en: str,
  pinyin: str,
  aliases: strings(0),
  enAliases: strings(0),
  count: int,
};

/** Longest string field of a fact or topic (a sentence is a few hundred characters); longer is hostile or broken. */
export const MAX_FIELD_CHARS = 65_536;
/** Longest list field (topics, aliases). */
export const MAX_LIST_ITEMS = 1_000;

/**
 * A short, safe preview of a value for a message: bounded in length and depth (a deeply nested or huge value
 * never reaches JSON.stringify whole), control and bidi characters escaped.
 */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  return sanitize(preview(v, 2, 60), { oneLine: true });
}

function preview(v: unknown, depth: number, room: number): string {
  if (typeof v === 'string') {
    const s = JSON.stringify(v.length > room ? v.slice(0, room) : v);
    return v.length > room ? s.slice(0, room - 3) + '..."' + ` (${v.length} characters)` : s.length > room ? s.slice(0, room - 3) + '...' : s;
  }
  if (v === null || typeof v !== 'object') return String(v);
  const arr = Array.isArray(v);
  if (depth === 0) return arr ? '[...]' : '{...}';
  const parts: string[] = [];
  let used = 2;
  const entries = arr ? (v as unknown[]).slice(0, 8).map((x) => [undefined, x] as const) : Object.entries(v as object).slice(0, 8);
  for (const [k, x] of entries) {
    const p = (k === undefined ? '' : JSON.stringify(k) + ':') + preview(x, depth - 1, room - used);
    parts.push(p);
    used += p.length + 1;
    if (used >= room) break;
  }
  const total = arr ? (v as unknown[]).length : Object.keys(v as object).length;
  const more = parts.length < total ? ',...' : '';
  const s = (arr ? '[' : '{') + parts.join(',') + more + (arr ? ']' : '}');
  return s.length > room + 20 ? s.slice(0, room) + '...' : s;
}

/** Too long or too many: what a field of a record must not be, however well typed. */
function oversize(v: unknown): string | null {
  if (typeof v === 'string') return v.length > MAX_FIELD_CHARS ? `at most ${MAX_FIELD_CHARS} characters long, got ${v.length}` : null;
  if (Array.isArray(v)) {
    if (v.length > MAX_LIST_ITEMS) return `a list of at most ${MAX_LIST_ITEMS} items, got ${v.length}`;
    for (const x of v) if (typeof x === 'string' && x.length > MAX_FIELD_CHARS) return `a list of strings of at most ${MAX_FIELD_CHARS} characters, got one of ${x.length}`;
  }
  return null;
}

/** A file's name for messages; a function when making it costs something (it is only needed for an error). */
export type FileName = string | (() => string);
const nameOf = (file: FileName): string => sanitize(typeof file === 'string' ? file : file(), { oneLine: true });

/** `bounded`: fields whose size is checked too (all but a release's text). */
function validateRecords<T>(file: FileName, data: unknown, checks: Record<string, Check>, bounded: (field: string) => boolean = () => true, label = 'record'): T[] {
  if (!Array.isArray(data)) throw new CorpusError(`${nameOf(file)}: expected a JSON array of records, got ${show(data)}`);
  // Indexed loops, and the message built only on failure: this runs on every start-up, mostly before V8 has
  // compiled anything, where iterators and per-record closures are what cost (~1 ms for 92 facts).
  const names = Object.keys(checks);
  const fns = Object.values(checks);
  for (let i = 0; i < data.length; i++) {
    const rec: unknown = data[i];
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      throw new CorpusError(`${nameOf(file)}: ${label} ${i}: expected an object, got ${show(rec)}`);
    }
    const r = rec as Record<string, unknown>;
    for (let k = 0; k < names.length; k++) {
      const field = names[k]!;
      const v = r[field];
      const want = fns[k]!(v);
      let size: string | null = null;
      if ((want === null && typeof v === 'object') || (typeof v === 'string' && v.length > MAX_FIELD_CHARS)) {
        if (bounded(field)) size = oversize(v);
      }
      if (want !== null || size !== null) {
        const key = typeof r.id === 'string' ? r.id : typeof r.name === 'string' ? r.name : undefined;
        const id = key === undefined ? '' : ` (${sanitize(key.length > 40 ? key.slice(0, 40) + '...' : key, { oneLine: true })})`;
        const what = size !== null ? `is too big: it must be ${size}` : `must be ${want}, got ${show(v)}`;
        throw new CorpusError(`${nameOf(file)}: ${label} ${i}${id}: field "${field}" ${what}`);
      }
    }
  }
  return data as T[];
}

export const validateFacts = (file: FileName, data: unknown): Fact[] => {
  const facts = validateRecords<Fact>(file, data, FACT);
  const seen = new Set<string>();
  facts.forEach((f, i) => {
    if (seen.has(f.id)) throw new CorpusError(`${nameOf(file)}: record ${i} (${f.id}): field "id" is not unique`);
    seen.add(f.id);
  });
  return facts;
};
/** One fact, as validateFacts checks each (not its uniqueness): the record, or a CorpusError naming it as record 0. */
export const validateFact = (file: FileName, data: unknown): Fact => validateRecords<Fact>(file, [data], FACT)[0]!;
export const validateReleases = (file: FileName, data: unknown): Release[] => validateRecords<Release>(file, data, RELEASE, (f) => f !== 'text');
/** The releases of a `--data` file (`{"releases": [...], "facts": [...]}`), missing optional fields as ''. */
export const validateDataReleases = (file: FileName, data: unknown): Omit<Release, 'factCount'>[] => {
  const rs = validateRecords<Partial<Release> & { id: string }>(file, data, DATA_RELEASE, (f) => f !== 'text', 'release');
  const seen = new Set<string>();
  return rs.map((r, i) => {
    if (seen.has(r.id)) throw new CorpusError(`${nameOf(file)}: release ${i} (${show(r.id)}): field "id" is not unique`);
    seen.add(r.id);
    return {
      id: r.id, prefix: r.prefix ?? '', title: r.title!, titleEn: r.titleEn ?? '', domain: r.domain!, date: r.date!,
      conference: r.conference ?? '', series: r.series ?? '', session: r.session ?? '', speaker: r.speaker ?? '',
      speakerTitle: r.speakerTitle ?? '', organiser: r.organiser ?? '', text: r.text ?? '',
    };
  });
};
export const validateTopics = (file: FileName, data: unknown): Topic[] => validateRecords<Topic>(file, data, TOPIC);

/** Field names of a Fact, in the order of types.ts (the JSON record order). */
export const FACT_FIELDS = Object.keys(FACT) as (keyof Fact)[];
export const RELEASE_FIELDS = Object.keys(RELEASE) as (keyof Release)[];
export const TOPIC_FIELDS = Object.keys(TOPIC) as (keyof Topic)[];
