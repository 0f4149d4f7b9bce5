// The common case stays at start-up speed: a Chinese query that matches directly reads neither the pinyin nor the
// Traditional-folding table, and builds no pinyin or English index. Each test starts from fresh modules.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus.js';

const corpus = loadCorpus();

async function freshEngine() {
  vi.resetModules();
  const lazy = await import('../../../src/core/search/lazy.js');
  const { createSearchEngine } = await import('../../../src/core/search/engine.js');
  return { lazy, engine: createSearchEngine(corpus) };
}

describe('lazy loading of language tables', () => {
  beforeEach(() => vi.resetModules());

  it.each(['公交线路', '数据中心', '绿道', '夜间经济', '青年之家', '电子证照'])('direct Chinese query %s loads nothing', async (q) => {
    const { lazy, engine } = await freshEngine();
    expect(engine.search(q, { limit: 5 }).length).toBeGreaterThan(0);
    expect(lazy.loadedTables).toEqual([]);
    expect(engine.internals.builtSpaces()).toEqual(['zh']);
  });

  it('a Traditional query reads the folding table, not pinyin', async () => {
    const { lazy, engine } = await freshEngine();
    expect(engine.search('證照', { limit: 5 }).length).toBeGreaterThan(0);
    expect(lazy.loadedTables).toEqual(['fold']);
  });

  it('a homophone typo reads the pinyin table', async () => {
    const { lazy, engine } = await freshEngine();
    expect(engine.search('青年之佳', { limit: 5 })[0]?.fact.id).toBe('uc-045');
    expect(lazy.loadedTables).toContain('pinyin');
  });

  it('a pinyin query reads the pinyin table', async () => {
    const { lazy, engine } = await freshEngine();
    engine.search('lvdao', { limit: 5 });
    expect(lazy.loadedTables).toEqual(['pinyin']);
  });

  it('a missing table disables its feature instead of failing the search', async () => {
    const { lazy, engine } = await freshEngine();
    lazy.setTableReader(() => {
      throw new Error('ENOENT');
    });
    expect(() => engine.search('青年之佳', { limit: 5 })).not.toThrow();
    expect(engine.search('公交', { limit: 5 }).length).toBeGreaterThan(0);
  });
});
