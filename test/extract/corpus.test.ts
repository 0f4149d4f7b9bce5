// Ties every record of the committed corpus back to the release text, and checks the figures against a table
// read off the source by a person (the expectations here are test data, never corpus data).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Fact, Release, Topic } from '../../src/core/types.js';
import { buildFromDisk, outputs } from '../../scripts/build-corpus.js';
import { parseNumber, parseQuantities } from '../../src/extract/numbers.js';

const read = <T>(p: string): T => JSON.parse(readFileSync(new URL(`../../data/${p}`, import.meta.url), 'utf8')) as T;
const facts = read<Fact[]>('facts.json');
const releases = read<Release[]>('releases.json');
const topics = read<Topic[]>('topics.json');
const releaseText = (f: Fact) => releases.find((r) => r.id === f.release)!.text;

type Row = [figure: string, value: number | null, unit: string | null, qualifier: Fact['qualifier'], scaled: number | null, baseUnit: string | null];

// The 61 figures in Arabic digits of the two release bodies, in order (SPEC.md §3).
const ARABIC: Row[] = [
  ['14个', 14, '个', 'exact', 14, '个'], ['10个', 10, '个', 'exact', 10, '个'], ['59项', 59, '项', 'exact', 59, '项'],
  ['130个', 130, '个', 'exact', 130, '个'], ['524亿元', 524, '亿元', 'exact', 52400000000, '元'], ['27公里', 27, '公里', 'exact', 27, '公里'],
  ['4条', 4, '条', 'exact', 4, '条'], ['273公里', 273, '公里', 'exact', 273, '公里'], ['721公里', 721, '公里', 'exact', 721, '公里'],
  ['41条', 41, '条', 'exact', 41, '条'], ['55条', 55, '条', 'exact', 55, '条'], ['4条', 4, '条', 'exact', 4, '条'],
  ['33个', 33, '个', 'exact', 33, '个'], ['160辆', 160, '辆', 'exact', 160, '辆'], ['50辆', 50, '辆', 'exact', 50, '辆'],
  ['27477套', 27477, '套', 'exact', 27477, '套'], ['46个', 46, '个', 'exact', 46, '个'], ['103万户', 103, '万户', 'exact', 1030000, '户'],
  ['11万户', 11, '万户', 'exact', 110000, '户'], ['195.3公里', 195.3, '公里', 'exact', 195.3, '公里'], ['56个', 56, '个', 'exact', 56, '个'],
  ['455.92公顷', 455.92, '公顷', 'exact', 455.92, '公顷'], ['107.17公里', 107.17, '公里', 'exact', 107.17, '公里'],
  ['201.87公里', 201.87, '公里', 'exact', 201.87, '公里'], ['106.5万立方', 106.5, '万立方', 'exact', 1065000, '立方'],
  ['2448户', 2448, '户', 'exact', 2448, '户'], ['48个', 48, '个', 'exact', 48, '个'], ['200处', 200, '处', 'exact', 200, '处'],
  ['1959家', 1959, '家', 'exact', 1959, '家'], ['8处', 8, '处', 'exact', 8, '处'], ['3处', 3, '处', 'exact', 3, '处'],
  ['2187场', 2187, '场', 'exact', 2187, '场'], ['59片', 59, '片', 'exact', 59, '片'], ['20处', 20, '处', 'exact', 20, '处'],
  ['8个', 8, '个', 'exact', 8, '个'], ['29个', 29, '个', 'exact', 29, '个'], ['72个', 72, '个', 'exact', 72, '个'],
  ['近70亿元', 70, '亿元', 'nearly', 7000000000, '元'],
  ['50个', 50, '个', 'exact', 50, '个'], ['5个', 5, '个', 'exact', 5, '个'], ['6方面', 6, '方面', 'exact', 6, '方面'],
  ['24条', 24, '条', 'exact', 24, '条'], ['200余次', 200, '次', 'more-than', 200, '次'],
  ['20万余人次', 20, '万人次', 'more-than', 200000, '人次'], ['1400余人', 1400, '人', 'more-than', 1400, '人'],
  ['2000余项', 2000, '项', 'more-than', 2000, '项'], ['253项', 253, '项', 'exact', 253, '项'], ['16项', 16, '项', 'exact', 16, '项'],
  ['75个', 75, '个', 'exact', 75, '个'], ['48个', 48, '个', 'exact', 48, '个'], ['456个', 456, '个', 'exact', 456, '个'],
  ['22个', 22, '个', 'exact', 22, '个'], ['7个', 7, '个', 'exact', 7, '个'], ['906万条', 906, '万条', 'exact', 9060000, '条'],
  ['50项', 50, '项', 'exact', 50, '项'], ['8000余户', 8000, '户', 'more-than', 8000, '户'], ['14个', 14, '个', 'exact', 14, '个'],
  ['超4.3万个', 4.3, '万个', 'more-than', 43000, '个'], ['2个', 2, '个', 'exact', 2, '个'], ['4个', 4, '个', 'exact', 4, '个'],
  ['551万', 551, '万', 'exact', 5510000, null],
];

// Counts written in Chinese numerals.
const CHINESE: Row[] = [
  ['三年', 3, '年', 'exact', 3, '年'], ['三年', 3, '年', 'exact', 3, '年'], ['两批', 2, '批', 'exact', 2, '批'],
  ['五大', 5, '大', 'exact', 5, '大'], ['五级', 5, '级', 'exact', 5, '级'], ['五个', 5, '个', 'exact', 5, '个'],
];

const pick = (f: Fact): Row => [f.figure!, f.value, f.unit, f.qualifier, f.scaled, f.baseUnit];
const quantities = facts.filter((f) => f.kind === 'quantity');

describe('the committed corpus', () => {
  it('is exactly what npm run corpus builds from the releases, overlay and topics', () => {
    const result = buildFromDisk();
    expect(result.problems).toEqual([]);
    for (const [path, content] of Object.entries(outputs(result))) {
      expect(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'), `${path} is stale: run npm run corpus`).toBe(content);
    }
  });

  it('holds every figure in Arabic digits, in order, with value, unit, qualifier, scaled and baseUnit right', () => {
    expect(quantities.filter((f) => /\d/.test(f.figure!)).map(pick)).toEqual(ARABIC);
  });

  it('holds the counts written in Chinese numerals', () => {
    expect(quantities.filter((f) => !/\d/.test(f.figure!)).map(pick)).toEqual(CHINESE);
  });

  it('dates the dated events', () => {
    const dated = facts.filter((f) => f.kind === 'date').map((f) => [f.figure, f.date, f.value, f.unit]);
    expect(dated).toEqual([['9月30日', '2022-09-30', null, null], ['11月16日', '2022-11-16', null, null]]);
    expect(facts.find((f) => f.date === '2022-09-30')!.text).toContain('济高高速9月30日建成通车');
  });

  it('holds milestones and honours stated without a number', () => {
    const kinds = facts.filter((f) => f.kind === 'milestone' || f.kind === 'honour');
    expect(kinds.length).toBeGreaterThanOrEqual(15);
    for (const word of ['投入使用', '完工', '建成通车', '入选', '被评为', '居首位', '框架基本形成']) {
      expect(facts.some((f) => f.text.includes(word) && f.kind !== 'quantity'), word).toBe(true);
    }
    for (const f of kinds) expect([f.value, f.unit, f.scaled]).toEqual([null, null, null]);
  });

  it('has text, sentence and offset verbatim from the repaired release text', () => {
    for (const f of facts) {
      const text = releaseText(f);
      expect(text.slice(f.offset[0], f.offset[1]), f.id).toBe(f.text);
      expect(f.sentence.includes(f.text), f.id).toBe(true);
      expect(text.includes(f.sentence), f.id).toBe(true);
      if (f.figure) expect(f.text.includes(f.figure), f.id).toBe(true);
    }
  });

  it('gives each fact a unique short id, a domain matching its release, topics and an English rendering', () => {
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
    const names = new Set(topics.map((t) => t.name));
    for (const f of facts) {
      expect(f.id).toMatch(/^(uc|dg)-\d{3}$/);
      expect(f.id.slice(0, 2)).toBe(releases.find((r) => r.id === f.release)!.prefix);
      expect(f.domain).toBe(releases.find((r) => r.id === f.release)!.domain);
      expect(f.topics.length, f.id).toBeGreaterThan(0);
      for (const t of f.topics) expect(names.has(t), `${f.id}: ${t}`).toBe(true);
      expect(f.en.trim().length, f.id).toBeGreaterThan(10);
      expect(f.section.length, f.id).toBeGreaterThan(0);
    }
  });

  it('has sections that are repaired headings', () => {
    const sections = new Set(facts.map((f) => f.section));
    expect(sections.has('加强顶层设计 制度体系保障有力')).toBe(true);
    expect(sections.has('夯实数字基建,筑牢互联互通安全底座')).toBe(true);
    expect([...sections].some((s) => s.includes('##'))).toBe(false);
  });

  it('puts exactly the bus-route facts under 公交', () => {
    const bus = facts.filter((f) => f.topics.includes('公交')).map((f) => f.figure);
    expect(bus).toEqual(['41条', '55条', '4条']);
  });

  it('has 30 to 60 topics, each with aliases, English and pinyin, and a count that matches', () => {
    expect(topics.length).toBeGreaterThanOrEqual(30);
    expect(topics.length).toBeLessThanOrEqual(60);
    for (const t of topics) {
      expect(t.pinyin).toMatch(/^[a-z]+$/);
      expect(t.en.length).toBeGreaterThan(0);
      expect(t.aliases.length).toBeGreaterThan(0);
      expect(t.count).toBe(facts.filter((f) => f.topics.includes(t.name)).length);
      expect(t.count).toBeGreaterThan(0);
    }
    expect(topics.find((t) => t.name === '公交')!.pinyin).toBe('gongjiao');
    expect(topics.find((t) => t.name === '绿道')!.pinyin).toBe('lvdao');
  });

  it('lists both releases with their metadata and fact counts', () => {
    expect(releases.map((r) => [r.id, r.domain, r.date, r.speaker])).toEqual([
      ['uc-2022-12-08', 'urban-construction', '2022-12-08', '孙振华'],
      ['dg-2022-12-08', 'digital-government', '2022-12-08', '范继英'],
    ]);
    for (const r of releases) expect(r.factCount).toBe(facts.filter((f) => f.release === r.id).length);
  });
});

/** Numbers written in an English rendering: `41`, `2,448`, `1.03 million` (→ 1030000), `52.4 billion`. */
function englishNumbers(en: string): number[] {
  const scale: Record<string, number> = { million: 1e6, billion: 1e9 };
  return [...en.matchAll(/(\d[\d,]*(?:\.\d+)?)(?:\s*(million|billion))?/g)].map((m) => {
    const n = Number(m[1]!.replace(/,/g, ''));
    return m[2] ? Math.round(n * scale[m[2]]! * 1000) / 1000 : n;
  });
}

/** Every number a Chinese text states: its quantities (value and scaled), bare digit runs (2022, 4.5T), Chinese numerals. */
function statedNumbers(zh: string): Set<number> {
  const out = new Set<number>();
  for (const q of parseQuantities(zh, { year: 2022 })) {
    for (const n of [q.value, q.scaled]) if (n !== null) out.add(n);
    if (q.date) q.date.split('-').map(Number).forEach((n) => out.add(n));
  }
  for (const m of zh.matchAll(/\d+(?:\.\d+)?/g)) out.add(Number(m[0]));
  for (const m of zh.matchAll(/[一二三四五六七八九十两百千]+/g)) {
    const n = parseNumber(m[0]);
    if (n !== null) out.add(n);
  }
  return out;
}

describe('English renderings', () => {
  it('state no number that the Chinese source does not state', () => {
    for (const f of facts) {
      const stated = statedNumbers(f.sentence);
      if (f.date) f.date.split('-').map(Number).forEach((n) => stated.add(n));
      for (const n of englishNumbers(f.en)) expect(stated.has(n), `${f.id}: ${n} in "${f.en}"`).toBe(true);
    }
    for (const r of releases) {
      const stated = statedNumbers(r.title);
      for (const n of englishNumbers(r.titleEn)) expect(stated.has(n), `${r.id}: ${n} in "${r.titleEn}"`).toBe(true);
    }
  });

  it('catches a mis-copied figure', () => {
    expect(statedNumbers('调整公交线路41条').has(englishNumbers('45 bus routes were adjusted.')[0]!)).toBe(false);
    expect(englishNumbers('1.03 million households, 52.4 billion yuan, 2,448 toilets')).toEqual([1030000, 52400000000, 2448]);
  });
});
