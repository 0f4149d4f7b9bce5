import { describe, expect, it } from 'vitest';
import { foldTraditional } from '../../../src/core/search/fold.js';

describe('foldTraditional (generated table)', () => {
  it.each([
    ['證照', '证照'],
    ['夜間經濟', '夜间经济'],
    ['綠道', '绿道'],
    ['數據中心', '数据中心'],
    ['燃氣設施', '燃气设施'],
    ['臺灣', '台湾'],
    ['公交', '公交'], // Simplified passes through
    ['著作', '著作'], // 著 is standard Simplified too: never rewritten
    ['abc 123', 'abc 123'],
  ])('%s → %s', (input, want) => expect(foldTraditional(input)).toBe(want));
});

describe('foldTraditional lookups', () => {
  it('folds every pair of the generated table, and nothing else', async () => {
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(new URL('../../../data/search/fold.json', import.meta.url), 'utf8')) as { from: string[]; to: string[] };
    const from = Array.from(json.from.join(''));
    const to = Array.from(json.to.join(''));
    expect(foldTraditional(from.join(''))).toBe(to.join(''));
    expect(foldTraditional(to.join(''))).toBe(to.join('')); // Simplified forms are not folded again
  });

  it('uses a map when the table holds characters outside the BMP', async () => {
    const lazy = await import('../../../src/core/search/lazy.js');
    try {
      lazy.setTableReader(() => ({ from: ['𠀀壹'], to: ['一一'] }));
      expect(foldTraditional('𠀀壹二')).toBe('一一二');
      lazy.setTableReader(() => ({ from: ['壹貳'], to: ['一二'] }));
      expect(foldTraditional('壹貳三')).toBe('一二三');
    } finally {
      lazy.resetTableReader();
    }
  });
});
