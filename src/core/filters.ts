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
  /** One value, or several (a repeated flag): a fact matching any of them passes. */
  topic?: string | string[];
  domain?: string | string[];
  section?: string;
  unit?: string;
  min?: number;
  max?: number;
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
}

const unique = (xs: Iterable<string>) => [...new Set(xs)];
const listOf = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

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
  return f;
}

export function matchesFilter(fact: Fact, f: FactFilter): boolean {
  if (f.topics !== undefined && !f.topics.some((t) => fact.topics.includes(t))) return false;
  if (f.domains !== undefined && !f.domains.includes(fact.domain)) return false;
  if (f.section !== undefined && !foldKey(fact.section).includes(f.section)) return false;
  if (f.unit !== undefined && foldKey(fact.unit ?? '') !== f.unit && foldKey(fact.baseUnit ?? '') !== f.unit) return false;
  if (f.min !== undefined && (fact.scaled === null || fact.scaled < f.min)) return false;
  if (f.max !== undefined && (fact.scaled === null || fact.scaled > f.max)) return false;
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
