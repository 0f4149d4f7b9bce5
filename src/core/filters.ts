// Filters and sorting of `zibo facts` (and `zibo search`): resolving what people type into canonical values,
// then pure predicates over facts.

import type { Corpus, Domain, Fact, Topic } from './types.js';
import { DOMAINS } from './types.js';
import { LookupError, foldKey, suggest } from './suggest.js';
import { resolveTopic as resolveTopicInput } from './search/topics.js';

/** Every spelling --domain accepts. Unique prefixes are deliberately not accepted (a typo must not pass). */
export const DOMAIN_ALIASES: Readonly<Record<string, Domain>> = {
  'urban-construction': 'urban-construction',
  urban: 'urban-construction',
  uc: 'urban-construction',
  城建: 'urban-construction',
  城市建设: 'urban-construction',
  'digital-government': 'digital-government',
  digital: 'digital-government',
  dg: 'digital-government',
  数字政府: 'digital-government',
};

export function resolveDomain(input: string, corpus?: Corpus): Domain {
  const k = foldKey(input);
  for (const [alias, domain] of Object.entries(DOMAIN_ALIASES)) if (foldKey(alias) === k) return domain;
  // library: a domain an added release declares (a lower-case slug).
  const added = [...new Set((corpus?.releases ?? []).map((r) => r.domain as string))].filter((d) => !DOMAINS.includes(d as Domain));
  const hit = added.find((d) => foldKey(d) === k);
  if (hit) return hit as Domain;
  const all: Array<[string, string]> = [...Object.entries(DOMAIN_ALIASES), ...added.map((d): [string, string] => [d, d])];
  throw new LookupError('domain', input, all.map(([a]) => a), suggest(input, all));
}

/** Every spelling of a topic: canonical name, Chinese aliases, English name and aliases, pinyin. */
export function topicSpellings(topics: readonly Topic[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const t of topics) {
    for (const s of [t.name, ...t.aliases, t.en, ...t.enAliases, t.pinyin]) if (s) out.push([s, t.name]);
  }
  return out;
}

/** Canonical topic name for what was typed: name, alias, English, pinyin, Traditional (see search/topics.ts). */
export function resolveTopic(input: string, topics: readonly Topic[]): string {
  const r = resolveTopicInput(topics, input);
  if ('topic' in r) return r.topic.name;
  throw new LookupError('topic', input, topics.map((t) => t.name), r.suggestions);
}

export interface FilterInput {
  /**
   * One value, or several (a repeated flag, or a list separated by `,`, `，` or `、`): a fact matching any of them
   * passes.
   */
  topic?: string | string[];
  domain?: string | string[];
  section?: string;
  unit?: string;
  min?: number;
  max?: number;
  /** Release ids (or a release's prefix such as `uc`); repeatable and comma-separated like --topic. */
  release?: string | string[];
  /** A date, month or year (see parseDateSpec): facts whose date lies within it. */
  date?: string;
  /** Facts dated on or after this date, month or year (inclusive). */
  since?: string;
  /** Facts dated on or before this date, month or year (inclusive). */
  until?: string;
}

/** Filters with every value resolved to what the corpus holds. */
export interface FactFilter {
  /** Any of these topics. */
  topics?: string[];
  /** Any of these domains. */
  domains?: Domain[];
  /** Folded substring of the section heading. */
  section?: string;
  /** Folded unit: matches `unit` or `baseUnit` exactly. */
  unit?: string;
  min?: number;
  max?: number;
  /** Any of these release ids. */
  releases?: string[];
  /** The fact's date lies inside this period. */
  date?: DateSpec;
  since?: DateSpec;
  until?: DateSpec;
}

// ---- dates ----

/**
 * A period typed on the command line: a day, a month or a year, or a month-day of any year (`9月30日`). `start` and
 * `end` are ISO strings that compare as dates do (a month ends on "-31": no real date sorts after it).
 */
export interface DateSpec {
  input: string;
  start: string;
  end: string;
  /** `--MM-DD` when the input named no year: the day of any year. */
  monthDay?: string;
}

const pad = (n: string) => n.padStart(2, '0');
const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Dates as people type them: `2022-09-30`, `2022/9/30`, `2022.9.30`, `2022-09`, `2022`, `2022年9月30日`,
 * `2022年9月`, `2022年`, `9月30日` (no year: that day in any year); full-width digits too. Null when it is none of these
 * or names no real day (2022-02-30).
 */
export function parseDateSpec(input: string): DateSpec | null {
  const s = input.normalize('NFKC').trim();
  let m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(s) ?? /^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号])?)?$/.exec(s);
  if (m) {
    const [, y, mo, d] = m;
    const year = Number(y);
    if (mo === undefined) return { input, start: `${y}-01-01`, end: `${y}-12-31` };
    if (d === undefined) return Number(mo) >= 1 && Number(mo) <= 12 ? { input, start: `${y}-${pad(mo)}-01`, end: `${y}-${pad(mo)}-31` } : null;
    if (!validDay(year, Number(mo), Number(d))) return null;
    const iso = `${y}-${pad(mo)}-${pad(d)}`;
    return { input, start: iso, end: iso };
  }
  m = /^(\d{1,2})月(\d{1,2})[日号]$/.exec(s) ?? /^--(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m && validDay(2000, Number(m[1]), Number(m[2]))) {
    const md = `${pad(m[1]!)}-${pad(m[2]!)}`;
    return { input, start: `0000-${md}`, end: `9999-${md}`, monthDay: md };
  }
  return null;
}

/** Examples of what parseDateSpec reads, for error messages and help. */
export const DATE_FORMS = ['2022-09-30', '2022-09', '2022', '2022年9月30日', '9月30日'] as const;

/** A fact's own date (ISO day, month or year) as a period; null when it has none. */
function factPeriod(date: string | null): { start: string; end: string } | null {
  if (!date) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (mo === undefined) return { start: `${y}-01-01`, end: `${y}-12-31` };
  if (d === undefined) return { start: `${y}-${mo}-01`, end: `${y}-${mo}-31` };
  return { start: `${y}-${mo}-${d}`, end: `${y}-${mo}-${d}` };
}

/** `--date`: the fact's date lies inside the period (a month-day matches that day of any year). */
export function dateWithin(date: string | null, spec: DateSpec): boolean {
  const p = factPeriod(date);
  if (!p) return false;
  if (spec.monthDay) return p.start === p.end && p.start.slice(5) === spec.monthDay;
  return p.start >= spec.start && p.end <= spec.end;
}

/** `--since`: the fact's date is not before the period's start. */
export function dateOnOrAfter(date: string | null, spec: DateSpec): boolean {
  const p = factPeriod(date);
  return p !== null && p.end >= spec.start;
}

/** `--until`: the fact's date is not after the period's end. */
export function dateOnOrBefore(date: string | null, spec: DateSpec): boolean {
  const p = factPeriod(date);
  return p !== null && p.start <= spec.end;
}

/** A date flag's value, or LookupError listing the forms it takes. --since/--until need a year. */
export function resolveDate(input: string, what: 'date' | 'since' | 'until'): DateSpec {
  const spec = parseDateSpec(input);
  if (!spec || (spec.monthDay && what !== 'date')) throw new LookupError('date', input, what === 'date' ? DATE_FORMS : DATE_FORMS.slice(0, 4), []);
  return spec;
}

// ---- lists ----

/** What a list flag holds: each value split at `,`, `，` (full-width) and `、`, trimmed, empty pieces dropped. */
export function splitList(v: string | readonly string[]): string[] {
  return (typeof v === 'string' ? [v] : v).flatMap((x) => x.split(/[,，、]/)).map((x) => x.trim()).filter(Boolean);
}

/** Release id for what was typed: the id itself (any case) or a release's prefix (`uc`) when only one has it. */
export function resolveRelease(input: string, releases: ReadonlyArray<{ id: string; prefix?: string }>): string {
  const k = foldKey(input);
  const byId = releases.find((r) => foldKey(r.id) === k);
  if (byId) return byId.id;
  const byPrefix = releases.filter((r) => r.prefix !== undefined && foldKey(r.prefix) === k);
  if (byPrefix.length === 1) return byPrefix[0]!.id;
  const ids = releases.map((r) => r.id);
  throw new LookupError('release', input, ids, suggest(input, ids.map((id) => [id, id])));
}

const unique = (xs: Iterable<string>) => [...new Set(xs)];
/** The values of a list flag; one of only separators or blanks stays as typed, so that the lookup reports it. */
const listOf = (v: string | string[]) => {
  const xs = splitList(v);
  return xs.length > 0 ? xs : [Array.isArray(v) ? v.join(',') : v];
};

export function resolveFilter(input: FilterInput, corpus: Corpus): FactFilter {
  const f: FactFilter = {};
  if (input.topic !== undefined) f.topics = listOf(input.topic).map((t) => resolveTopic(t, corpus.topics));
  if (input.domain !== undefined) f.domains = listOf(input.domain).map((d) => resolveDomain(d, corpus));
  if (input.section !== undefined) {
    const k = foldKey(input.section);
    const sections = unique(corpus.facts.map((x) => x.section).filter(Boolean));
    if (!k || !sections.some((s) => foldKey(s).includes(k))) {
      throw new LookupError('section', input.section, sections, suggest(input.section, sections.map((s) => [s, s])));
    }
    f.section = k;
  }
  if (input.unit !== undefined) {
    const k = foldKey(input.unit);
    const units = unique(corpus.facts.flatMap((x) => [x.unit, x.baseUnit]).filter((u): u is string => !!u));
    if (!units.some((u) => foldKey(u) === k)) {
      throw new LookupError('unit', input.unit, units, suggest(input.unit, units.map((u) => [u, u])));
    }
    f.unit = k;
  }
  if (input.min !== undefined) f.min = input.min;
  if (input.max !== undefined) f.max = input.max;
  if (input.release !== undefined) f.releases = unique(listOf(input.release).map((r) => resolveRelease(r, corpus.releases)));
  if (input.date !== undefined) f.date = resolveDate(input.date, 'date');
  if (input.since !== undefined) f.since = resolveDate(input.since, 'since');
  if (input.until !== undefined) f.until = resolveDate(input.until, 'until');
  return f;
}

export function matchesFilter(fact: Fact, f: FactFilter): boolean {
  if (f.topics !== undefined && !f.topics.some((t) => fact.topics.includes(t))) return false;
  if (f.domains !== undefined && !f.domains.includes(fact.domain)) return false;
  if (f.section !== undefined && !foldKey(fact.section).includes(f.section)) return false;
  if (f.unit !== undefined && foldKey(fact.unit ?? '') !== f.unit && foldKey(fact.baseUnit ?? '') !== f.unit) return false;
  if (f.min !== undefined && (fact.scaled === null || fact.scaled < f.min)) return false;
  if (f.max !== undefined && (fact.scaled === null || fact.scaled > f.max)) return false;
  if (f.releases !== undefined && !f.releases.includes(fact.release)) return false;
  if (f.date !== undefined && !dateWithin(fact.date, f.date)) return false;
  if (f.since !== undefined && !dateOnOrAfter(fact.date, f.since)) return false;
  if (f.until !== undefined && !dateOnOrBefore(fact.date, f.until)) return false;
  return true;
}

export function filterFacts(facts: readonly Fact[], f: FactFilter): Fact[] {
  return facts.filter((x) => matchesFilter(x, f));
}

// ---- sorting ----

export const SORT_KEYS = ['id', 'value', 'scaled', 'topic', 'section', 'domain', 'date', 'unit', 'release', 'qualifier', 'kind', 'label'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface SortSpec {
  key: SortKey;
  desc: boolean;
}

/** `--sort scaled`, `--sort -scaled` (descending); `desc` (from --desc) flips the direction. */
export function parseSort(spec: string, desc = false): SortSpec {
  const minus = spec.startsWith('-');
  const name = (minus ? spec.slice(1) : spec).trim().toLowerCase();
  if (!(SORT_KEYS as readonly string[]).includes(name)) {
    throw new LookupError('sort key', spec, SORT_KEYS, suggest(name, SORT_KEYS.map((k) => [k, k])));
  }
  return { key: name as SortKey, desc: minus !== desc };
}

let collator: Intl.Collator | undefined;
const SIMPLE_ID = /^([a-z]+)-(\d{1,15})$/;

/** Natural order of ids: uc-2 before uc-10. */
export function compareIds(a: string, b: string): number {
  // Ids of the usual shape are compared directly: localeCompare builds an ICU collator per call (5 ms per search on
  // the bundled corpus). Same order as the collator: prefix (a-z and "-" collate as code units do), then number.
  const x = SIMPLE_ID.exec(a);
  const y = x && SIMPLE_ID.exec(b);
  if (x && y) {
    if (x[1] !== y[1]) return x[1]! < y[1]! ? -1 : 1;
    const d = Number(x[2]) - Number(y[2]);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return (collator ??= new Intl.Collator('en', { numeric: true })).compare(a, b);
}

function sortValue(f: Fact, key: SortKey): string | number | null {
  if (key === 'topic') return f.topics[0] ?? null;
  return f[key];
}

/** Stable sort; facts without the value (null) always come last; ties keep corpus order. */
export function sortFacts(facts: readonly Fact[], spec: SortSpec): Fact[] {
  const dir = spec.desc ? -1 : 1;
  return facts
    .map((f, i) => ({ f, i, v: sortValue(f, spec.key) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      let c: number;
      if (spec.key === 'id') c = compareIds(a.f.id, b.f.id);
      else if (typeof a.v === 'number' && typeof b.v === 'number') c = a.v - b.v;
      else c = String(a.v) < String(b.v) ? -1 : String(a.v) > String(b.v) ? 1 : 0;
      return c !== 0 ? c * dir : a.i - b.i;
    })
    .map((x) => x.f);
}
