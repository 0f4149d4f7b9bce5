// Column definitions (headers in both languages, layout hints) of what the commands print.

import type { Column, Row } from '../render/types.js';
import type { Fact } from '../core/types.js';
import { FACT_FIELDS, RELEASE_FIELDS, TOPIC_FIELDS } from '../core/schema.js';
import { sourceOf } from '../core/source.js';

type Headers = Record<string, [string, string]>;

function columns(keys: readonly string[], headers: Headers, extra: Record<string, Partial<Column>> = {}): Column[] {
  return keys.map((key) => ({ key, header: { en: headers[key]?.[0] ?? key, zh: headers[key]?.[1] ?? key }, ...extra[key] }));
}

/** Where the figure sits inside the clause, for highlighting. */
function figureRange(row: Row): Array<[number, number]> {
  const f = row as Partial<Fact>;
  if (!f.text) return [];
  const needle = f.figure ?? (f.value !== null && f.value !== undefined ? String(f.value) : '');
  const at = needle ? f.text.indexOf(needle) : -1;
  return at >= 0 ? [[at, at + needle.length]] : [];
}

const FACT_HEADERS: Headers = {
  id: ['ID', '编号'], release: ['Release', '新闻稿'], domain: ['Domain', '领域'], section: ['Section', '章节'],
  topics: ['Topics', '主题'], text: ['Text', '原文'], sentence: ['Sentence', '句子'], en: ['English', '英文'],
  value: ['Value', '数值'], unit: ['Unit', '单位'], qualifier: ['Qualifier', '限定'], scaled: ['Scaled', '换算值'],
  baseUnit: ['Base unit', '基本单位'], date: ['Date', '日期'], offset: ['Offset', '位置'], kind: ['Kind', '类型'],
  figure: ['Figure', '数字'], label: ['Label', '标签'], score: ['Score', '得分'], explain: ['Why', '匹配原因'],
  source: ['Source', '来源'],
};

const FACT_LAYOUT: Record<string, Partial<Column>> = {
  // Priorities: what a narrow table keeps longest (the figure and its clause; the explanation asked for).
  value: { emphasis: true, align: 'right', priority: 1 },
  figure: { emphasis: true, priority: 1 },
  scaled: { align: 'right' },
  text: { wrap: true, minWidth: 12, highlight: figureRange, priority: 1 },
  sentence: { wrap: true, minWidth: 12 },
  en: { wrap: true, minWidth: 12 },
  section: { wrap: true },
  // Lists: one item a line, never broken inside an item.
  topics: {},
  label: { wrap: true },
  explain: { wrap: true, minWidth: 12, priority: 2 },
  // Computed: the fact's release metadata (who, where, when), in JSON beside the record's own fields.
  source: { value: (row, ctx) => (ctx.corpus ? sourceOf(row as unknown as Fact, ctx.corpus()) : null) },
};

export const FACT_COLUMNS: Column[] = columns([...FACT_FIELDS, 'source'], FACT_HEADERS, FACT_LAYOUT);
/**
 * `zibo facts` and `zibo search` when no --fields is given, in every human-readable format (table, tsv, md): the
 * figure as written, hedge included (超4.3万个, 近70亿元, 20万余人次), so no qualifier is lost; value, unit and
 * qualifier are there with --fields. CSV, like JSON, carries every field.
 */
export const FACT_VIEW = ['id', 'figure', 'text', 'topics'];

export function factView(_format: string): string[] {
  return FACT_VIEW;
}
export const SEARCH_EXTRA_COLUMNS: Column[] = columns(['score', 'explain'], FACT_HEADERS, FACT_LAYOUT);

// The tables of other commands are made on first use: a `facts` or `search` run never builds them (~15 KB of
// young generation that would live through the first scavenge).
const once = <T>(make: () => T): (() => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

export const topicColumns = once(() =>
  columns(TOPIC_FIELDS, {
    name: ['Topic', '主题'], en: ['English', '英文'], pinyin: ['Pinyin', '拼音'], aliases: ['Aliases', '别名'],
    enAliases: ['English aliases', '英文别名'], count: ['Facts', '事实数'],
  }, {
    count: { align: 'right', emphasis: true },
    // Lists (aliases, enAliases): one item a line, never broken inside an item.
    en: { wrap: true, minWidth: 6 },
  }));
export const TOPIC_VIEW = ['name', 'en', 'pinyin', 'count', 'aliases'];

/** Releases are listed without their long text. */
export const SOURCE_FIELDS = [...RELEASE_FIELDS.filter((k) => k !== 'text'), 'origin'];
export const sourceColumns = once(() =>
  columns(SOURCE_FIELDS, {
    id: ['ID', '编号'], prefix: ['Prefix', '前缀'], title: ['Title', '标题'], titleEn: ['English title', '英文标题'],
    domain: ['Domain', '领域'], date: ['Date', '日期'], conference: ['Press conference', '发布会'], series: ['Series', '系列'],
    session: ['Session', '场次'], speaker: ['Speaker', '发布人'], speakerTitle: ['Speaker title', '职务'],
    organiser: ['Organiser', '主办'], factCount: ['Facts', '事实数'],
    origin: ['Added from', '来源'], // library: where an added release came from ("bundled" for the shipped ones)
  }, {
    title: { wrap: true, minWidth: 10 },
    titleEn: { wrap: true, minWidth: 10 },
    conference: { wrap: true, minWidth: 10 },
    speakerTitle: { wrap: true, minWidth: 8 },
    series: { wrap: true, minWidth: 10 },
    factCount: { align: 'right', emphasis: true },
  }));
export const SOURCE_VIEW = ['id', 'date', 'title', 'conference', 'speaker', 'factCount'];

/** A table whose columns are its headers' keys, in order. */
const keyed = (headers: Headers, extra: Record<string, Partial<Column>>) => columns(Object.keys(headers), headers, extra);

/** `zibo check`: every field of a claim, in JSON order; `sourceFigure` is the flat form of source.figure for TSV and --fields. */
export const checkColumns = once(() =>
  keyed({
    status: ['Status', '结论'], text: ['Figure', '数字'], value: ['Value', '数值'], unit: ['Unit', '单位'],
    scaled: ['Scaled', '换算值'], qualifier: ['Qualifier', '限定'], fact: ['Fact', '事实编号'], sourceFigure: ['Source figure', '原文数字'],
    note: ['Note', '说明'], source: ['Source', '出处'], offset: ['Offset', '位置'], sentence: ['Sentence', '句子'], why: ['Why', '依据'],
  }, {
    text: { emphasis: true }, value: { align: 'right' }, scaled: { align: 'right' },
    note: { wrap: true }, source: { wrap: true }, sentence: { wrap: true }, why: { wrap: true },
  }));

/** `zibo extract`: every field of a quantity. */
export const extractColumns = once(() =>
  keyed({
    text: ['Figure', '数字'], value: ['Value', '数值'], unit: ['Unit', '单位'], qualifier: ['Qualifier', '限定'],
    scaled: ['Scaled', '换算值'], baseUnit: ['Base unit', '基本单位'], kind: ['Kind', '类型'], date: ['Date', '日期'],
    high: ['High', '上限'], highScaled: ['High scaled', '上限换算值'], offset: ['Offset', '位置'], sentence: ['Sentence', '句子'],
  }, {
    text: { emphasis: true }, value: { align: 'right' }, scaled: { align: 'right' }, sentence: { wrap: true, minWidth: 12 },
  }));
