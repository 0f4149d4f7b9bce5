// The data contract of zibo (SPEC.md §3). Every part of the tool builds on these shapes. They live in the lowest
// layer (src/extract) so that the extractor imports nothing from src/core; src/core/types.ts re-exports them.

export type Domain = 'urban-construction' | 'digital-government';

export const DOMAINS: readonly Domain[] = ['urban-construction', 'digital-government'];

/** How a figure is hedged in the source: 余/多/超/超过/以上 → more-than; 近/将近 → nearly; 约/左右 → about; 不到/不足 → less-than. */
export type Qualifier = 'exact' | 'more-than' | 'nearly' | 'about' | 'less-than';

export const QUALIFIERS: readonly Qualifier[] = ['exact', 'more-than', 'nearly', 'about', 'less-than'];

/** What a fact states: a figure, a dated event, or a milestone/honour without a number. */
export type FactKind = 'quantity' | 'date' | 'milestone' | 'honour';

/** One claim of a release. A sentence that states three figures is three facts. */
export interface Fact {
  /** Stable, short id: `uc-017`, `dg-004`. */
  id: string;
  /** Id of the release it comes from (see `zibo sources`). */
  release: string;
  domain: Domain;
  /** The heading it sits under, repaired. */
  section: string;
  /** Canonical topic names (Chinese) from data/topics.json; at least one. */
  topics: string[];
  /** The clause stating the claim, verbatim from the repaired release text. */
  text: string;
  /** The whole sentence the clause sits in, verbatim. */
  sentence: string;
  /** English rendering of the claim. */
  en: string;
  /** The number as written: 524 for 524亿元, 4.3 for 超4.3万个. */
  value: number | null;
  /** The unit as written, magnitude included: 亿元, 万户, 公里. */
  unit: string | null;
  qualifier: Qualifier;
  /** value × magnitude: 103万户 → 1030000. */
  scaled: number | null;
  /** The unit without its magnitude: 户, 元. */
  baseUnit: string | null;
  /** ISO date the claim states, e.g. 2022-09-30. */
  date: string | null;
  /** [start, end) of `text` in the repaired text of its release (UTF-16 code units, as JS strings index). */
  offset: [number, number];
  // ---- additions beyond SPEC §3 (allowed: "more fields are welcome") ----
  kind: FactKind;
  /** The figure exactly as written in the text, qualifier included: 近70亿元, 超4.3万个, 9月30日. */
  figure: string | null;
  /** Short Chinese label of what is counted, e.g. 调整公交线路. */
  label: string;
}

/** One press release, with its metadata and the repaired text that fact offsets point into. */
export interface Release {
  /** `uc-2022-12-08`, `dg-2022-12-08`. */
  id: string;
  /** Prefix of its fact ids: `uc`, `dg`. */
  prefix: string;
  title: string;
  /** English rendering of the title. */
  titleEn: string;
  domain: Domain;
  /** ISO date, 2022-12-08. */
  date: string;
  /** The press conference series and session, e.g. “深化九大赋能”主题系列新闻发布会第六场. */
  conference: string;
  /** The series without the session: “深化九大赋能”主题系列新闻发布会. */
  series: string;
  /** The session: 第六场. */
  session: string;
  speaker: string;
  speakerTitle: string;
  organiser: string;
  /** The repaired release text (heading line included); fact offsets index into it. */
  text: string;
  /** How many facts the corpus holds from this release. */
  factCount: number;
}

/** A canonical topic with what people may type for it. */
export interface Topic {
  /** Canonical Chinese name, e.g. 公交. */
  name: string;
  /** English name, e.g. bus. */
  en: string;
  /** Toneless pinyin, joined: gongjiao. */
  pinyin: string;
  /** Chinese aliases and synonyms: 公交线路, 公共交通. */
  aliases: string[];
  /** More English words for it: buses, bus routes. */
  enAliases: string[];
  /** How many facts carry it. */
  count: number;
}

export interface Corpus {
  releases: Release[];
  facts: Fact[];
  topics: Topic[];
}
