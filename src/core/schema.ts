// Hand-written runtime validation of the corpus files against types.ts: a corrupt record must give a clear
// message naming the file, the record and the field, not a crash somewhere later.

import type { Fact, Release, Topic } from './types.js';
import { DOMAINS, QUALIFIERS } from './types.js';

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

const TOPIC: Record<keyof Topic, Check> = {
  name: nonEmpty,
  en: str,
  pinyin: str,
  aliases: strings(0),
  enAliases: strings(0),
  count: int,
};

function show(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** A file's name for messages; a function when making it costs something (it is only needed for an error). */
export type FileName = string | (() => string);
const nameOf = (file: FileName): string => (typeof file === 'string' ? file : file());

function validateRecords<T>(file: FileName, data: unknown, checks: Record<string, Check>): T[] {
  if (!Array.isArray(data)) throw new CorpusError(`${nameOf(file)}: expected a JSON array of records, got ${show(data)}`);
  // Indexed loops, and the message built only on failure: this runs on every start-up, mostly before V8 has
  // compiled anything, where iterators and per-record closures are what cost (~1 ms for 92 facts).
  const names = Object.keys(checks);
  const fns = Object.values(checks);
  for (let i = 0; i < data.length; i++) {
    const rec: unknown = data[i];
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      throw new CorpusError(`${nameOf(file)}: record ${i}: expected an object, got ${show(rec)}`);
    }
    const r = rec as Record<string, unknown>;
    for (let k = 0; k < names.length; k++) {
      const field = names[k]!;
      const want = fns[k]!(r[field]);
      if (want !== null) {
        const id = typeof r.id === 'string' ? ` (${r.id})` : typeof r.name === 'string' ? ` (${r.name})` : '';
        throw new CorpusError(`${nameOf(file)}: record ${i}${id}: field "${field}" must be ${want}, got ${show(r[field])}`);
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
export const validateReleases = (file: FileName, data: unknown): Release[] => validateRecords<Release>(file, data, RELEASE);
export const validateTopics = (file: FileName, data: unknown): Topic[] => validateRecords<Topic>(file, data, TOPIC);

/** Field names of a Fact, in the order of types.ts (the JSON record order). */
export const FACT_FIELDS = Object.keys(FACT) as (keyof Fact)[];
export const RELEASE_FIELDS = Object.keys(RELEASE) as (keyof Release)[];
export const TOPIC_FIELDS = Object.keys(TOPIC) as (keyof Topic)[];
