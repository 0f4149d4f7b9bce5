import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus.js';
import { createSearchEngine } from '../../../src/core/search/index.js';

const corpus = loadCorpus();
const engine = createSearchEngine(corpus);
const search = (q: string, limit = 5) => engine.search(q, { limit });
const top = (q: string, limit = 5) => search(q, limit).map((h) => h.fact.id);
const explain = (q: string) => search(q, 1)[0]?.explain.join('\n') ?? '';

// Each row: a query form, a query, a fact it must rank first, and what --explain must name.
describe('each query form finds its fact and says how', () => {
  it.each([
    ['keyword', '美家超市', 'uc-043', /label(, [a-z]+)*: "美家超市" \(keyword\)/],
    ['topic alias', '煤气', 'uc-030', /燃气 ← "煤气" \(topic alias\)/],
    ['synonym', '货车', 'uc-023', /重卡 ← "货车" \(synonym\)/],
    ['topic alias in a phrase', '下水道改造', 'uc-031', /管网改造 ← "下水道" \(topic alias\)/],
    ['question', '青年之家建了几处', 'uc-045', /question words dropped: 了 几[\s\S]*unit asked for: 处/],
    ['pinyin joined', 'qingnianzhijia', 'uc-045', /青年之家 ← "qingnianzhijia" \(pinyin qing nian zhi jia\)/],
    ['pinyin spaced', 'lv dao', 'uc-034', /绿道 ← "lv dao" \(pinyin lv dao\)/],
    ['English', 'consumption vouchers', 'uc-054', /en(, [a-zA-Z() ]+)*: "voucher" \(English\)/],
    ['English misspelt', 'consumtion vouchers', 'uc-054', /"consumption" ← "consumtion" \(English, fuzzy\)/],
    ['Traditional', '夜間經濟示範街區', 'uc-051', /Traditional folding: 夜間經濟示範街區 → 夜间经济示范街区/],
    ['homophone typo', '夜间经际示范街区', 'uc-051', /homophone typo, read ye jian jing ji/],
    ['number', '455.92', 'uc-033', /number: 455.92 = value 455.92公顷/],
    ['number with magnitude', '103万', 'uc-029', /number: 103万 = scaled 1030000/],
  ])('%s: %s → %s', (_form, q, id, why) => {
    expect(top(q)[0]).toBe(id);
    expect(explain(q)).toMatch(why);
  });
});

describe('ranking', () => {
  it('scores are in [0, 1], best first, ties ordered by id', () => {
    const hits = search('公交', 10);
    expect(hits.length).toBeGreaterThan(2);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(0), expect(h.score).toBeLessThanOrEqual(1);
    for (let i = 1; i < hits.length; i++) {
      const [a, b] = [hits[i - 1]!, hits[i]!];
      expect(a.score).toBeLessThanOrEqual(b.score);
      if (a.score === b.score) expect(a.fact.id.localeCompare(b.fact.id, 'en', { numeric: true })).toBeLessThan(0);
    }
  });
  it('is deterministic across engines and repeated queries', () => {
    const other = createSearchEngine(corpus);
    for (const q of ['公交', 'lvdao', '證照', '青年之佳', 'youth', '1959']) {
      const a = engine.search(q, { limit: 10 }).map((h) => [h.fact.id, h.score]);
      expect(other.search(q, { limit: 10 }).map((h) => [h.fact.id, h.score])).toEqual(a);
      expect(engine.search(q, { limit: 10 }).map((h) => [h.fact.id, h.score])).toEqual(a);
    }
  });
  it('a question for a number prefers facts counted in the unit asked for', () => {
    expect(top('数据中心有几个')[0]).toBe('dg-032');
  });
  it('the figure of a fact beats a number that only occurs in its sentence', () => {
    expect(top('1959')).toEqual(['uc-043', 'uc-042']);
  });
});

describe('what is not a match', () => {
  // (医院 is no longer here: it is general vocabulary for 助医, medical-trip bus lines; data/curation/synonyms.json.)
  it.each(['公安', '地铁', '警察', '学校', 'qqqq', '多少', 'the', '?!', '\u200b'])('%j finds nothing', (q) => {
    expect(top(q)).toEqual([]);
  });
  it('one syllable of pinyin is a weak match only', () => {
    for (const h of search('xian')) expect(h.score).toBeGreaterThan(0.4);
  });
});

describe('limits and filters', () => {
  it('limit and filter apply before ranking output', () => {
    expect(top('公交', 2)).toHaveLength(2);
    expect(engine.search('公交', { limit: 10, filter: (f) => f.id === 'uc-019' }).map((h) => h.fact.id)).toEqual(['uc-019']);
    expect(engine.search('公交', { limit: 0 })).toEqual([]);
  });
  it('a 120 kB query is cut, not a crash', () => {
    const hits = search('夜间经济'.repeat(30000));
    expect(hits[0]?.fact.topics).toContain('夜间经济');
  });
  it('full-width and mixed input', () => {
    expect(top('ｌｖｄａｏ')[0]).toBe('uc-034');
    expect(top('公交 41')[0]).toBe('uc-017');
    expect(top('gongjiao 41条')[0]).toBe('uc-017');
  });
});
