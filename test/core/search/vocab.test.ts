// The fuse.js vocabulary index: built at build time (data/search/vocab.json), read on first need, and used only
// to expand an out-of-vocabulary term to its nearest terms; pinyin initials.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus.js';
import { createSearchEngine } from '../../../src/core/search/index.js';
import { preparedFor } from '../../../src/core/search/prepared.js';
import { VOCAB_PARTS, VocabIndex, initialsOf, pinyinWord, type VocabEntry, type VocabGroups } from '../../../src/core/search/vocab.js';

const corpus = loadCorpus();
const prepared = preparedFor(corpus)!;

describe('vocabulary index', () => {
  const vocab = new VocabIndex((part) => prepared.vocab(part));
  it('is committed with the corpus, in parts, and holds each kind of term grouped by length', () => {
    for (const part of VOCAB_PARTS) expect(prepared.vocab(part), part).toBeTruthy();
    const entries: VocabEntry[] = (['zh', 'py', 'en'] as const).flatMap((k) =>
      Object.entries(prepared.vocab(k) as VocabGroups).flatMap(([len, g]) => {
        for (const e of g.entries) expect(Array.from(e.t).length).toBe(Number(len));
        return g.entries;
      }));
    const terms = new Set(entries.map((e) => e.t));
    for (const t of ['公交', '孙振华', '大数据局', '住建局', 'gongjiao', 'greenway', '淄博']) expect(terms.has(t), t).toBe(true);
  });
  it('expands a misspelt English word, pinyin word or Chinese word to its nearest terms', () => {
    expect(vocab.nearest('grenway', ['en'])[0]?.entry.t).toBe('greenway');
    expect(vocab.nearest('qingnain', ['py'])[0]?.entry.w).toBe('青年');
    expect(vocab.nearest('lvdoa', ['py'])[0]?.entry.w).toBe('绿道');
    expect(vocab.nearest('数据种心', ['zh'])[0]?.entry.t).toBe('数据中心');
  });
  it('proposes nothing far away', () => {
    expect(vocab.nearest('qqqqqqqq', ['en', 'py', 'zh'])).toEqual([]);
  });
  it('initials name the words they spell, commonest first', () => {
    expect(vocab.initials('gjxl')[0]).toBe('公交线路');
    expect(vocab.initials('szh')[0]).toBe('孙振华');
    expect(vocab.initials('fjy')).toEqual(['范继英']);
    expect(vocab.initials('constructor')).toEqual([]);
  });
  it('initials and pinyin words of a Chinese word', () => {
    expect(initialsOf('公交')).toEqual(['gj']);
    expect(initialsOf('孙振华')).toContain('szh');
    expect(initialsOf('abc')).toEqual([]);
    expect(pinyinWord('公交')).toBe('gongjiao');
  });
});

describe('the engine reads the vocabulary only for an out-of-vocabulary term', () => {
  function counted() {
    let reads = 0;
    const wrapped = { ...prepared, vocab: (part: (typeof VOCAB_PARTS)[number]) => (reads++, prepared.vocab(part)) };
    return { engine: createSearchEngine(corpus, wrapped), reads: () => reads };
  }
  it('not for words the corpus holds', () => {
    const { engine, reads } = counted();
    for (const q of ['数据中心', 'gongjiao', 'greenway', '青年之家建了几处']) engine.search(q, { limit: 5 });
    expect(reads()).toBe(0);
  });
  it('for a misspelt word, and the expansion ranks the meant fact first', () => {
    const { engine, reads } = counted();
    const hit = engine.search('grenway', { limit: 1 })[0]!;
    expect(hit.fact.id).toBe('uc-034');
    expect(hit.explain.join('\n')).toMatch(/"greenway" ← "grenway" \(English, fuzzy\)/);
    expect(reads()).toBeGreaterThan(0);
  });
  it('pinyin initials and misspelt pinyin become Chinese terms', () => {
    const { engine } = counted();
    const gj = engine.search('gjxl', { limit: 3 });
    expect(gj.map((h) => h.fact.id).sort()).toEqual(['uc-017', 'uc-018', 'uc-019']);
    expect(gj[0]!.explain.join('\n')).toMatch(/公交线路 ← "gjxl" \(pinyin initials\)/);
    expect(engine.search('cjzdxm', { limit: 1 })[0]!.fact.id).toBe('uc-007');
    const fuzzy = engine.search('qingnain zhijia', { limit: 1 })[0]!;
    expect(fuzzy.fact.id).toBe('uc-045');
    expect(fuzzy.explain.join('\n')).toMatch(/青年 ← "qingnain" \(pinyin, fuzzy\)/);
  });
});
