// Builds the fact corpus from the release files, the curation overlay and the topic list.
// Figures come only from the extractor; the overlay adds what code cannot derive (ids, English renderings,
// labels, extra topics, milestones and honours without a number) and is anchored to verbatim text, so a
// curated entry that no longer matches the release is an error, not a silent drift.

import type { Corpus, Fact, FactKind, Release, Topic } from './types.js';
import { parseQuantities, type Quantity } from './numbers.js';
import type { ReleaseFile } from './release-file.js';
import { repairText } from './repair.js';
import { blocks, clauses, sentences, type BlockKind, type Span } from './segment.js';

/** One reviewed entry of data/curation/facts.json. */
export interface CuratedFact {
  /** Stable id, `uc-017`; its prefix names the release. */
  id: string;
  /** A verbatim piece of the repaired release text that holds the fact's figure (or states the milestone). */
  at: string;
  /** Only for facts the extractor cannot find: a milestone or honour stated without a number. */
  kind?: Extract<FactKind, 'milestone' | 'honour'>;
  label: string;
  en: string;
  /** Topics the rules miss. */
  topics?: string[];
  /** Topics the rules give wrongly. */
  notTopics?: string[];
  /** A date as written elsewhere in the same paragraph that this milestone or honour happened on (11月16日). */
  dateFrom?: string;
}

/** One entry of data/curation/topics.json. */
export interface TopicDef {
  name: string;
  en: string;
  aliases: string[];
  enAliases: string[];
}

export interface BuildInput {
  releases: ReleaseFile[];
  curated: CuratedFact[];
  topics: TopicDef[];
  /** Toneless joined pinyin of a Chinese string (pinyin-pro at build time). */
  pinyin: (s: string) => string;
}

/** A figure the extractor found, before curation. */
export interface Draft {
  release: string;
  prefix: string;
  section: string;
  figure: Quantity;
  /** [start, end) of the figure in the release text. */
  span: [number, number];
  clause: Span;
  sentence: Span;
}

export interface BuildResult {
  corpus: Corpus;
  /** Errors that make the build fail. */
  problems: string[];
  /** Extracted figures no curated entry claims (listed so a reviewer can add them). */
  uncurated: Draft[];
}

const DATE_ONLY_REST = 3;

/** Every figure in the paragraphs (or the blocks of `kinds`) of one release, with the clause and sentence it sits in. */
export function draftFacts(rel: ReleaseFile, text: string, kinds: readonly BlockKind[] = ['paragraph']): Draft[] {
  const year = Number(rel.meta.date.slice(0, 4));
  const out: Draft[] = [];
  for (const block of blocks(text)) {
    if (!kinds.includes(block.kind)) continue;
    for (const sentence of sentences(block)) {
      const parts = clauses(sentence);
      for (const q of parseQuantities(sentence.text, { year })) {
        const span: [number, number] = [sentence.start + q.start, sentence.start + q.end];
        const clause = parts.find((c) => c.start <= span[0] && span[1] <= c.end) ?? sentence;
        out.push({
          release: rel.meta.id,
          prefix: rel.meta.prefix,
          section: block.section || rel.meta.title,
          figure: q,
          span,
          clause: isDateOnly(clause, q) ? withoutEnd(sentence) : clause,
          sentence,
        });
      }
    }
  }
  return out;
}

/** A clause that is nothing but a date (`11月16日,`) states no claim: the sentence does. */
function isDateOnly(clause: Span, q: Quantity): boolean {
  return q.kind === 'date' && clause.text.replace(q.text, '').length < DATE_ONLY_REST;
}

/** A sentence without its closing punctuation, as a clause is. */
function withoutEnd(sentence: Span): Span {
  const text = sentence.text.replace(/[。！？!?；;]+$/, '');
  return { text, start: sentence.start, end: sentence.start + text.length };
}

function findOnce(text: string, needle: string): number | string {
  const at = text.indexOf(needle);
  if (at < 0) return `"${needle}" does not occur in the release text`;
  if (text.indexOf(needle, at + 1) >= 0) return `"${needle}" occurs more than once in the release text; make it longer`;
  return at;
}

function spanOf(text: string, start: number, end: number): Span {
  return { text: text.slice(start, end), start, end };
}

/** The smallest clause of the text that holds [start, end), or the anchor itself when it spans clauses. */
function clauseAround(text: string, start: number, end: number): { clause: Span; sentence: Span; section: string } | null {
  for (const block of blocks(text)) {
    if (block.kind !== 'paragraph' || start < block.start || end > block.end) continue;
    for (const sentence of sentences(block)) {
      if (start < sentence.start || end > sentence.end) continue;
      const clause = clauses(sentence).find((c) => c.start <= start && end <= c.end) ?? spanOf(text, start, end);
      return { clause, sentence, section: block.section };
    }
  }
  return null;
}

function assignTopics(fact: Pick<Fact, 'text' | 'label'>, entry: CuratedFact, defs: TopicDef[]): string[] {
  // Labels, not clauses: a clause such as 新建改造园林绿地…、绿道…、廊道… holds three facts about different things.
  const hay = fact.label;
  const found = defs.filter((d) => [d.name, ...d.aliases].some((a) => hay.includes(a))).map((d) => d.name);
  const extra = entry.topics ?? [];
  const drop = new Set(entry.notTopics ?? []);
  const order = defs.map((d) => d.name);
  return [...new Set([...found, ...extra])].filter((t) => !drop.has(t)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

interface ReleaseWork {
  file: ReleaseFile;
  text: string;
  drafts: Draft[];
}

function releaseOf(works: ReleaseWork[], id: string): ReleaseWork | undefined {
  const prefix = id.split('-')[0];
  return works.find((w) => w.file.meta.prefix === prefix);
}

function baseFact(w: ReleaseWork, entry: CuratedFact): Omit<Fact, 'text' | 'sentence' | 'offset' | 'section' | 'kind'> {
  return {
    id: entry.id, release: w.file.meta.id, domain: w.file.meta.domain as Fact['domain'], topics: [], en: entry.en, label: entry.label,
    value: null, unit: null, qualifier: 'exact', scaled: null, baseUnit: null, date: null, figure: null,
  };
}

function factFromDraft(w: ReleaseWork, entry: CuratedFact, d: Draft): Fact {
  const q = d.figure;
  return {
    ...baseFact(w, entry),
    section: d.section,
    kind: q.kind === 'date' ? 'date' : 'quantity',
    text: d.clause.text,
    sentence: d.sentence.text,
    offset: [d.clause.start, d.clause.end],
    value: q.value,
    unit: q.unit,
    qualifier: q.qualifier,
    scaled: q.scaled,
    baseUnit: q.baseUnit,
    date: q.date,
    figure: q.text,
  };
}

function factFromMilestone(w: ReleaseWork, entry: CuratedFact, at: number, problems: string[]): Fact | null {
  const where = clauseAround(w.text, at, at + entry.at.length);
  if (!where) {
    problems.push(`${entry.id}: "${entry.at}" is not inside a paragraph`);
    return null;
  }
  const fact: Fact = {
    ...baseFact(w, entry),
    section: where.section || w.file.meta.title,
    kind: entry.kind!,
    text: where.clause.text,
    sentence: where.sentence.text,
    offset: [where.clause.start, where.clause.end],
  };
  if (entry.dateFrom) {
    const block = blocks(w.text).find((b) => b.start <= at && at <= b.end);
    const year = Number(w.file.meta.date.slice(0, 4));
    const date = parseQuantities(entry.dateFrom, { year }).find((q) => q.kind === 'date' && q.text === entry.dateFrom);
    if (!block?.text.includes(entry.dateFrom) || !date?.date) {
      problems.push(`${entry.id}: dateFrom "${entry.dateFrom}" is not a date stated in the same paragraph`);
    } else {
      fact.date = date.date;
    }
  }
  return fact;
}

function checkEntry(entry: CuratedFact, problems: string[]): boolean {
  const before = problems.length;
  if (!/^[a-z]+-\d{3,}$/.test(entry.id)) problems.push(`${entry.id}: id must look like uc-017`);
  if (!entry.en?.trim()) problems.push(`${entry.id}: "en" is empty`);
  if (!entry.label?.trim()) problems.push(`${entry.id}: "label" is empty`);
  return problems.length === before;
}

export function buildCorpus(input: BuildInput): BuildResult {
  const problems: string[] = [];
  const works: ReleaseWork[] = input.releases.map((file) => {
    const text = repairText(file.raw).text;
    return { file, text, drafts: draftFacts(file, text) };
  });
  const claimed = new Set<Draft>();
  const facts: Fact[] = [];
  const seen = new Set<string>();
  for (const entry of input.curated) {
    if (seen.has(entry.id)) problems.push(`${entry.id}: duplicate id`);
    seen.add(entry.id);
    checkEntry(entry, problems);
    const w = releaseOf(works, entry.id);
    if (!w) {
      problems.push(`${entry.id}: no release has the prefix of this id`);
      continue;
    }
    const at = findOnce(w.text, entry.at);
    if (typeof at === 'string') {
      problems.push(`${entry.id}: ${at}`);
      continue;
    }
    if (entry.kind) {
      const f = factFromMilestone(w, entry, at, problems);
      if (f) facts.push(f);
      continue;
    }
    const hits = w.drafts.filter((d) => at <= d.span[0] && d.span[1] <= at + entry.at.length);
    if (hits.length !== 1) {
      problems.push(`${entry.id}: "${entry.at}" holds ${hits.length} extracted figures; it must hold exactly one`);
      continue;
    }
    const draft = hits[0]!;
    if (claimed.has(draft)) problems.push(`${entry.id}: figure "${draft.figure.text}" is claimed twice`);
    claimed.add(draft);
    facts.push(factFromDraft(w, entry, draft));
  }
  const uncurated = works.flatMap((w) => w.drafts).filter((d) => !claimed.has(d));
  for (const d of uncurated) problems.push(`${d.release}: figure "${d.figure.text}" in "${d.clause.text}" has no curated entry`);

  const releaseOrder = works.map((w) => w.file.meta.id);
  facts.sort((a, b) => releaseOrder.indexOf(a.release) - releaseOrder.indexOf(b.release) || a.offset[0] - b.offset[0] || a.id.localeCompare(b.id));
  const byId = new Map(input.curated.map((e) => [e.id, e]));
  const topicNames = new Set(input.topics.map((t) => t.name));
  for (const f of facts) {
    const entry = byId.get(f.id)!;
    for (const t of [...(entry.topics ?? []), ...(entry.notTopics ?? [])]) {
      if (!topicNames.has(t)) problems.push(`${f.id}: topic "${t}" is not in the topic list`);
    }
    f.topics = assignTopics(f, entry, input.topics);
    if (f.topics.length === 0) problems.push(`${f.id}: no topic ("${f.text}")`);
  }

  const topics: Topic[] = input.topics.map((d) => ({
    name: d.name, en: d.en, pinyin: input.pinyin(d.name), aliases: d.aliases, enAliases: d.enAliases,
    count: facts.filter((f) => f.topics.includes(d.name)).length,
  }));
  for (const t of topics) if (t.count === 0) problems.push(`topic ${t.name}: holds no fact`);

  const releases: Release[] = works.map(({ file, text }) => ({
    id: file.meta.id, prefix: file.meta.prefix, title: file.meta.title, titleEn: file.meta.titleEn,
    domain: file.meta.domain as Release['domain'], date: file.meta.date, conference: file.meta.series + file.meta.session,
    series: file.meta.series, session: file.meta.session, speaker: file.meta.speaker,
    speakerTitle: file.meta.speakerTitle, organiser: file.meta.organiser, text,
    factCount: facts.filter((f) => f.release === file.meta.id).length,
  }));
  return { corpus: { releases, facts, topics }, problems, uncurated };
}

// ---------------------------------------------------------------------------------------------------------
// A release the user adds (`zibo add`): no curation overlay, so every figure the extractor finds is a fact, and so is
// every clause that states a milestone or an honour without a number. Ids are the release's prefix and a number in
// text order (`env-001`), so the same text always gives the same ids.

/** Words that make a clause without a figure a milestone (an event) or an honour (a ranking or title). */
const HONOUR_WORDS = ['被评为', '被评定为', '获评', '荣获', '入选', '获得', '被授予', '居首位', '位居全省第一', '排名第一', '列入'];
const MILESTONE_WORDS = [
  '投入使用', '投用', '建成通车', '通车', '完工', '竣工', '建成', '开工', '启用', '上线', '揭牌', '获批', '落地', '投产', '开通', '运营',
];

export interface TopicWords {
  name: string;
  aliases: readonly string[];
}

export interface ExtractedRelease {
  /** The repaired release text; fact offsets index into it. */
  text: string;
  facts: Fact[];
}

/** Topics whose name or an alias the text holds, in the topic list's order. */
function topicsIn(text: string, topics: readonly TopicWords[]): string[] {
  return topics.filter((t) => [t.name, ...t.aliases].some((a) => a && text.includes(a))).map((t) => t.name);
}

const QUALIFIER_EN: Record<string, string> = { exact: '', 'more-than': 'more than ', nearly: 'nearly ', about: 'about ', 'less-than': 'less than ' };

/** One formatter for all (toLocaleString builds a new one per call: ~0.5 ms each). */
let EN_NUMBER: Intl.NumberFormat | undefined;

/** A plain English rendering of an uncurated figure: its qualifier, scaled number and base unit. */
function renderEn(q: Quantity): string {
  if (q.kind === 'date') return `On ${q.date ?? q.text}`;
  const n = q.scaled ?? q.value;
  const num = n === null ? q.text : (EN_NUMBER ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 })).format(n);
  const unit = q.kind === 'percent' ? '%' : q.baseUnit ? ` ${q.baseUnit}` : '';
  return `${QUALIFIER_EN[q.qualifier] ?? ''}${num}${unit}`.trim();
}

/**
 * A plain-text release's first line is its title; marked as a Markdown title (`# `), as the bundled releases write
 * it, so that the repair does not take it for a sentence cut by a page break and join it to the first paragraph.
 */
export function markTitle(raw: string, title: string): string {
  const m = /^\s*([^\n]*)/.exec(raw)!;
  const first = m[1]!.trim();
  if (!first || first.startsWith('#') || first !== title.trim()) return raw;
  const at = m.index + m[0].length - m[1]!.length;
  return raw.slice(0, at) + '# ' + raw.slice(at);
}

/** Every fact of one release the user adds, by the extractor alone. `meta.prefix` names the ids. */
export function extractRelease(file: ReleaseFile, topics: readonly TopicWords[]): ExtractedRelease {
  const text = repairText(markTitle(file.raw, file.meta.title)).text;
  const { meta } = file;
  type Found = Omit<Fact, 'id'>;
  const found: Found[] = [];
  const base = (section: string): Pick<Fact, 'release' | 'domain' | 'section'> => ({
    release: meta.id, domain: meta.domain as Fact['domain'], section: section || meta.title,
  });
  // The title and headings state figures too (a news title often repeats the lead figure): every one is a fact.
  for (const d of draftFacts(file, text, ['title', 'heading', 'paragraph'])) {
    const q = d.figure;
    found.push({
      ...base(d.section), topics: topicsIn(d.clause.text, topics), text: d.clause.text, sentence: d.sentence.text,
      en: renderEn(q), value: q.value, unit: q.unit, qualifier: q.qualifier, scaled: q.scaled, baseUnit: q.baseUnit,
      date: q.date, offset: [d.clause.start, d.clause.end], kind: q.kind === 'date' ? 'date' : 'quantity', figure: q.text,
      label: d.clause.text,
      // A range (2.5元至3.8元) keeps its upper end too.
      ...(q.high != null ? { high: q.high, highScaled: q.highScaled ?? null } : {}),
    });
  }
  const year = Number(meta.date.slice(0, 4));
  for (const block of blocks(text)) {
    if (block.kind !== 'paragraph') continue;
    for (const sentence of sentences(block)) {
      for (const clause of clauses(sentence)) {
        const honour = HONOUR_WORDS.find((w) => clause.text.includes(w));
        const milestone = honour ? undefined : MILESTONE_WORDS.find((w) => clause.text.includes(w));
        // A clause with a figure is already a fact; the (costly) parse runs only on clauses with a milestone word.
        if ((!honour && !milestone) || parseQuantities(clause.text, { year }).length > 0) continue;
        found.push({
          ...base(block.section), topics: topicsIn(clause.text, topics), text: clause.text, sentence: sentence.text,
          en: honour ? `Honour: ${honour}` : `Milestone: ${milestone}`, value: null, unit: null, qualifier: 'exact',
          scaled: null, baseUnit: null, date: null, offset: [clause.start, clause.end], kind: honour ? 'honour' : 'milestone',
          figure: null, label: clause.text,
        });
      }
    }
  }
  found.sort((a, b) => a.offset[0] - b.offset[0] || a.offset[1] - b.offset[1]);
  const width = Math.max(3, String(found.length).length);
  const facts = found.map((f, i) => ({ id: `${meta.prefix}-${String(i + 1).padStart(width, '0')}`, ...f }) as Fact);
  return { text, facts };
}

/** The first date with a year the text states (2023年3月15日), as YYYY-MM-DD; undefined when it states none. */
export function statedDate(raw: string): string | undefined {
  for (const q of parseQuantities(repairText(raw).text)) {
    if (q.kind === 'date' && q.date && /\d{4}|[〇零一二三四五六七八九]{4}/.test(q.text) && /年/.test(q.text)) return q.date;
  }
  return undefined;
}
