// `zibo extract` core on news texts the corpus never saw (test/fixtures/news) and on the source release.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractQuantities, splitSentences, type ExtractedQuantity } from '../../src/extract/quantities.js';

const NEWS = new URL('../fixtures/news/', import.meta.url);
const names = readdirSync(NEWS).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();

interface Expected {
  text: string;
  value: number | null;
  unit: string | null;
  scaled: number | null;
  qualifier: string;
  date: string | null;
}

const key = (q: { value: number | null; unit: string | null; scaled: number | null }) => JSON.stringify([q.value, q.unit, q.scaled]);

/** Recall and precision of (value, unit, scaled) as multisets. */
function score(expected: Expected[], got: ExtractedQuantity[]) {
  const pool = got.map(key);
  let hits = 0;
  for (const e of expected) {
    const at = pool.indexOf(key(e));
    if (at >= 0) {
      hits++;
      pool.splice(at, 1);
    }
  }
  return { recall: hits / expected.length, precision: got.length ? hits / got.length : 1, extra: pool };
}

describe('extractQuantities on unseen news', () => {
  it('has at least five texts of 300–800 characters, one in Traditional characters', () => {
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const n of names) {
      const len = readFileSync(new URL(`${n}.txt`, NEWS), 'utf8').length;
      expect(len, n).toBeGreaterThanOrEqual(300);
      expect(len, n).toBeLessThanOrEqual(800);
    }
    expect(readFileSync(new URL('traditional.txt', NEWS), 'utf8')).toMatch(/億.*萬.*個.*項/s);
  });

  it.each(names)('%s: recall and precision of value, unit and scaled at least 0.9', (name) => {
    const text = readFileSync(new URL(`${name}.txt`, NEWS), 'utf8');
    const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, NEWS), 'utf8')) as Expected[];
    const got = extractQuantities(text, { year: 2022 });
    const { recall, precision, extra } = score(expected, got);
    expect(recall, `recall of ${name}`).toBeGreaterThanOrEqual(0.9);
    expect(precision, `precision of ${name}; extra: ${extra.join(' ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it.each(names)('%s: each figure has its written text, qualifier, date, sentence and offset', (name) => {
    const text = readFileSync(new URL(`${name}.txt`, NEWS), 'utf8');
    const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, NEWS), 'utf8')) as Expected[];
    const got = extractQuantities(text, { year: 2022 });
    expect(got.map((q) => [q.text, q.qualifier, q.date])).toEqual(expected.map((e) => [e.text, e.qualifier, e.date]));
    for (const q of got) {
      expect(text.slice(...q.offset)).toBe(q.text);
      expect(text.includes(q.sentence)).toBe(true);
      expect(q.sentence.includes(q.text)).toBe(true);
      expect(q.sentence).not.toMatch(/\n/);
    }
  });
});

describe('extractQuantities on the source release', () => {
  // The body paragraphs after the first '# ' title, with the cut sentences joined as the lead's repair does
  // (a blank line after a character that ends no sentence is a page break), heading lines dropped.
  const raw = readFileSync(new URL('../../data/source/zibo-2022-12-08.txt', import.meta.url), 'utf8');
  const paragraphs: string[] = [];
  for (const line of raw.split('\n')) {
    if (!line.trim()) continue;
    const prev = paragraphs[paragraphs.length - 1];
    const cut = prev !== undefined && !prev.startsWith('#') && !line.startsWith('#') && !/[。！？；;:：,，、”》）)]$/.test(prev);
    if (cut) paragraphs[paragraphs.length - 1] = prev + line;
    else paragraphs.push(line);
  }
  const body = paragraphs.slice(paragraphs.findIndex((p) => p.startsWith('# '))).filter((p) => !p.startsWith('#')).join('\n\n');
  const found = extractQuantities(body, { year: 2022 });

  it('finds exactly the 61 figures in Arabic digits, in order, and none of the years, names or classes', () => {
    const arabic = found.filter((q) => /[0-9]/.test(q.text) && q.kind !== 'date').map((q) => q.text);
    expect(arabic).toEqual([
      '14个', '10个', '59项', '130个', '524亿元', '27公里', '4条', '273公里', '721公里', '41条', '55条', '4条', '33个', '160辆',
      '50辆', '27477套', '46个', '103万户', '11万户', '195.3公里', '56个', '455.92公顷', '107.17公里', '201.87公里', '106.5万立方',
      '2448户', '48个', '200处', '1959家', '8处', '3处', '2187场', '59片', '20处', '8个', '29个', '72个', '近70亿元', '50个', '5个',
      '6方面', '24条', '200余次', '20万余人次', '1400余人', '2000余项', '253项', '16项', '75个', '48个', '456个', '22个', '7个',
      '906万条', '50项', '8000余户', '14个', '超4.3万个', '2个', '4个', '551万',
    ]);
  });

  it('dates the two dated events and reads the Chinese-numeral counts', () => {
    expect(found.filter((q) => q.kind === 'date').map((q) => [q.text, q.date])).toEqual([['9月30日', '2022-09-30'], ['11月16日', '2022-11-16']]);
    expect(found.filter((q) => !/[0-9]/.test(q.text)).map((q) => q.text)).toEqual(['三年', '三年', '两批', '五大', '五级', '五个']);
  });

  it('gives the sentence each figure sits in', () => {
    const q = found.find((x) => x.text === '41条')!;
    // ';' ends a sentence for extract (the corpus has its own clause segmenter).
    expect(q.sentence).toBe('优化大众公交线路,调整公交线路41条,开通助学、助医定制公交线路55条,新增公交线路4条;');
    expect(body.slice(...q.offset)).toBe('41条');
  });
});

describe('splitSentences', () => {
  it('ends sentences at 。！？；; and keeps closing quotes with them', () => {
    const s = splitSentences('他说：“完成了。”然后呢？好！一;二；三');
    expect(s.map((x) => x.text)).toEqual(['他说：“完成了。”', '然后呢？', '好！', '一;', '二；', '三']);
  });

  it('ends a sentence at a paragraph break, but not at a hard wrap inside a long line', () => {
    const wrapped = '老旧小区改造项目完工46个，城市雨污合流管网改造195.3公里，全力推进全域公园城市建设\n工作取得新进展。';
    expect(splitSentences(wrapped)).toHaveLength(1);
    expect(splitSentences('标题\n\n正文第一句。')).toHaveLength(2);
  });

  it('points at the input', () => {
    const text = '  第一句。\n\n  第二句有12个。 ';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('returns [] for empty input', () => {
    expect(extractQuantities('')).toEqual([]);
    expect(splitSentences('')).toEqual([]);
  });
});

describe('extractQuantities across a line break that cuts a figure from its unit', () => {
  it('reads 46⏎⏎个 as one figure whose text (and offset) keeps the break', () => {
    const input = '今年以来,全市完工46\n\n个项目,总投资12 \n\n亿元。\n\n下一步,继续推进。';
    const got = extractQuantities(input);
    expect(got.map((q) => [q.text, q.value, q.unit, q.scaled])).toEqual([
      ['46\n\n个', 46, '个', 46],
      ['12 \n\n亿元', 12, '亿元', 1200000000],
    ]);
    for (const q of got) {
      expect(input.slice(...q.offset)).toBe(q.text);
      expect(q.sentence).toBe('今年以来,全市完工46\n\n个项目,总投资12 \n\n亿元。');
    }
  });

  it('does not join headings, labels, bare numbers or lines that do not start with a unit', () => {
    for (const input of ['## 2022\n\n年回顾', '见表1\n\n家庭收入情况', '46\n\n个', '全市完工46\n\n下一步推进']) {
      expect(extractQuantities(input).filter((q) => q.kind !== 'date'), input).toEqual([]);
    }
  });
});
