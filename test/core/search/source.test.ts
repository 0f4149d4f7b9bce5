// Release metadata (issue 11): who said it, where and when is searchable, and every fact carries it.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus.js';
import { createSearchEngine } from '../../../src/core/search/index.js';
import { bureauOf, sourceStrings } from '../../../src/core/search/source.js';
import { sourceOf } from '../../../src/core/source.js';
import { stripQuestion, ZH_STOP_WORDS } from '../../../src/core/search/question.js';

const corpus = loadCorpus();
const engine = createSearchEngine(corpus);
const ids = (q: string, limit = 100) => engine.search(q, { limit }).map((h) => h.fact.id);
const uc = corpus.facts.filter((f) => f.release === 'uc-2022-12-08').map((f) => f.id);
const dg = corpus.facts.filter((f) => f.release === 'dg-2022-12-08').map((f) => f.id);

describe('source', () => {
  it('names the bureau in a speaker title', () => {
    expect(bureauOf('淄博市住房和城乡建设局党组成员、副局长')).toBe('淄博市住房和城乡建设局');
    expect(bureauOf('淄博市大数据局党组书记、局长')).toBe('淄博市大数据局');
    expect(bureauOf('主任')).toBeNull();
  });
  it('the source object says who, where and when', () => {
    const r = corpus.releases.find((x) => x.id === 'dg-2022-12-08')!;
    expect(sourceOf({ release: r.id }, corpus)).toEqual({
      release: 'dg-2022-12-08',
      title: r.title,
      date: '2022-12-08',
      conference: '“品质提升走在前列”主题系列新闻发布会第二十场',
      speaker: '范继英',
      speakerTitle: '淄博市大数据局党组书记、局长',
      organiser: '淄博市政府新闻办公室',
    });
  });
  it('the searched metadata holds short names and English, not the title', () => {
    const r = corpus.releases.find((x) => x.id === 'uc-2022-12-08')!;
    const s = sourceStrings(r);
    for (const w of ['孙振华', '住建局', '大数据局'.replace('大数据', '住建'), '新闻办', 'Sun Zhenhua', '第六场']) expect(s, w).toContain(w);
    expect(s).not.toContain(r.title);
  });
});

describe('metadata queries', () => {
  it.each([
    ['孙振华', uc],
    ['sun zhenhua', uc],
    ['szh', uc],
    ['住建局', uc],
    ['深化九大赋能', uc],
    ['范继英', dg],
    ['fanjiying', dg],
    ['大数据局', dg],
    ['第二十场', dg],
    ['big data bureau', dg],
  ])('a query naming only %s lists that release’s facts first', (q, want) => {
    // Facts that share a word with the name (赋能 in 数字赋能) may follow, never come before.
    const got = ids(q).slice(0, want.length);
    expect([...got].sort()).toEqual([...want].sort());
  });
  it('metadata narrows, content ranks: 孙振华 公交线路', () => {
    expect(ids('孙振华 公交线路', 3).sort()).toEqual(['uc-017', 'uc-018', 'uc-019']);
    expect(ids('范继英 数据中心', 4).sort()).toEqual(['dg-032', 'dg-033', 'dg-034', 'dg-035']);
  });
  it('a content word outweighs the metadata: 公交 without a speaker still finds the bus facts first', () => {
    expect(ids('大数据局 公交', 3).sort()).toEqual(['uc-017', 'uc-018', 'uc-019']);
  });
});

describe('filler and question words weigh nothing', () => {
  it('are a reviewed list', () => {
    for (const w of ['有多少', '了吗', '啊', '到底', '听说', '请问', '多少', '是什么', '哪些']) expect(ZH_STOP_WORDS).toContain(w);
    // A stop word must not cut a word of the releases.
    const text = corpus.releases.map((r) => r.text).join('');
    for (const w of ZH_STOP_WORDS.filter((x) => x.length > 1)) expect(text.includes(w), w).toBe(false);
  });
  it('are removed, the rest is kept in order', () => {
    const q = stripQuestion('听说青年之家到底建了几处啊', ['处']);
    expect(q.segments).toEqual(['青年之家', '建']);
    expect(q.removed).toEqual(['听说', '到底', '了', '几', '啊']);
    expect(q.unit).toBe('处');
  });
  it('do not change the ranking', () => {
    expect(ids('请问听说青年之家到底有多少了吗啊', 5)).toEqual(ids('青年之家', 5));
  });
});
