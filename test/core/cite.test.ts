import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/corpus.js';
import { PEOPLE, cite, citations, enDate, ordinal, standAloneClaim, zhDate } from '../../src/core/cite.js';
import type { Fact, Release } from '../../src/core/types.js';

const corpus = loadCorpus();
const byFigure = (figure: string, inText: string): Fact => {
  const hits = corpus.facts.filter((f) => f.figure === figure && f.text.includes(inText));
  expect(hits).toHaveLength(1);
  return hits[0]!;
};
const releaseOf = (f: Fact): Release => corpus.releases.find((r) => r.id === f.release)!;

describe('cite', () => {
  it('zh: 据{title}{speaker}{date}在{series}上介绍，{claim}。', () => {
    const f = byFigure('41条', '调整公交线路');
    expect(cite(f, releaseOf(f), 'zh')).toBe(
      '据淄博市住房和城乡建设局党组成员、副局长孙振华2022年12月8日在“深化九大赋能”主题系列新闻发布会上介绍，淄博调整公交线路41条。',
    );
  });

  it('en: speaker, title, session of the series, date, then the English rendering', () => {
    const f = byFigure('41条', '调整公交线路');
    expect(cite(f, releaseOf(f), 'en')).toBe(
      'According to Sun Zhenhua, Party Leadership Group member and deputy director of the Zibo Municipal Bureau of ' +
        'Housing and Urban-Rural Development, speaking at the 6th session of the “Deepening Nine Empowerments” press ' +
        `conference series on 8 December 2022, ${f.en}`,
    );
  });

  it('every fact of the corpus gets a citation in both languages that keeps its figure verbatim', () => {
    for (const f of corpus.facts) {
      const c = citations(f, releaseOf(f));
      const r = releaseOf(f);
      expect(c.zh.startsWith(`据${r.speakerTitle}${r.speaker}2022年12月8日在${r.series}上介绍，`), f.id).toBe(true);
      expect(c.zh.endsWith('。'), f.id).toBe(true);
      if (f.figure) expect(c.zh, f.id).toContain(f.figure);
      expect(c.en.startsWith('According to '), f.id).toBe(true);
      expect(c.en, f.id).toMatch(/on 8 December 2022, .+\.$/);
      // The attribution itself is all English (names, title, series come from people.json).
      expect(c.en.slice(0, c.en.indexOf(' on 8 December')), f.id).not.toMatch(/\p{Script=Han}/u);
    }
  });

  it('the claim stands alone: connectives dropped, 淄博 put in, 。 at the end', () => {
    expect(standAloneClaim('同时建立了分级负责的落实体系')).toBe('淄博建立了分级负责的落实体系。');
    expect(standAloneClaim('特别是积极落实制度;')).toBe('淄博积极落实制度。');
    expect(standAloneClaim('其中2个数据中心列为省大中型试点')).toBe('淄博2个数据中心列为省大中型试点。');
    expect(standAloneClaim('淄博市入选首批试点城市')).toBe('淄博市入选首批试点城市。');
    expect(standAloneClaim('市政府投资审计中心的案例入围')).toBe('淄博市政府投资审计中心的案例入围。');
    expect(standAloneClaim('11月16日,在大会上,市政府案例入围名单;')).toBe('11月16日,在大会上,淄博市政府案例入围名单。');
    // 淄博 inside a title names a document, not the subject.
    expect(standAloneClaim('印发《淄博市行动方案》')).toBe('淄博印发《淄博市行动方案》。');
    expect(standAloneClaim('带动消费近70亿元')).toBe('淄博带动消费近70亿元。');
  });

  it('a clause that is only a circumstance runs on to the end of its sentence', () => {
    expect(standAloneClaim('在统筹谋划三年总体目标的基础上', '按照方案,在统筹谋划三年总体目标的基础上,制定实施方案。')).toBe(
      '在统筹谋划三年总体目标的基础上,淄博制定实施方案。',
    );
  });

  it('English sentence start: lower-cased after the comma unless a proper noun', () => {
    const zibo = corpus.facts.find((f) => f.en.startsWith('Zibo '));
    const the = corpus.facts.find((f) => f.en.startsWith('The '));
    expect(zibo && the).toBeTruthy();
    expect(cite(zibo!, releaseOf(zibo!), 'en')).toContain(', Zibo ');
    expect(cite(the!, releaseOf(the!), 'en')).toContain(', the ' + the!.en.slice(4));
  });

  it('dates and ordinals', () => {
    expect(zhDate('2022-12-08')).toBe('2022年12月8日');
    expect(enDate('2022-09-30')).toBe('30 September 2022');
    expect([1, 2, 3, 4, 6, 11, 12, 13, 20, 21, 22, 101].map(ordinal)).toEqual(
      ['1st', '2nd', '3rd', '4th', '6th', '11th', '12th', '13th', '20th', '21st', '22nd', '101st'],
    );
  });
});

describe('data/curation/people.json', () => {
  it('every Chinese string in it appears in the release metadata', () => {
    const meta = corpus.releases.map((r) => [r.speaker, r.speakerTitle, r.series, r.organiser]).flat();
    const keys = [PEOPLE.speakers, PEOPLE.titles, PEOPLE.series, PEOPLE.organisers].flatMap((m) => Object.keys(m));
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(meta, k).toContain(k);
  });

  it('every release has an English speaker, title and series', () => {
    for (const r of corpus.releases) {
      expect(PEOPLE.speakers[r.speaker], r.id).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(PEOPLE.titles[r.speakerTitle], r.id).toBeTruthy();
      expect(PEOPLE.series[r.series], r.id).toBeTruthy();
      expect(PEOPLE.organisers[r.organiser], r.id).toBeTruthy();
    }
  });
});

describe('cite: a fact without an English rendering', () => {
  it('quotes the Chinese claim instead of leaving the English line without one', () => {
    const f = { ...byFigure('41条', '调整公交线路'), en: '' };
    expect(cite(f, releaseOf(f), 'en')).toMatch(/on 8 December 2022, the release states: 淄博调整公交线路41条。$/);
  });
});
