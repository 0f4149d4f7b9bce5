import { describe, expect, it } from 'vitest';
import { pinyinRuns, readings, segmentPinyin } from '../../../src/core/search/pinyin.js';

describe('segmentPinyin', () => {
  it.each([
    ['lvdao', ['lv', 'dao']],
    ['ludao', ['lu', 'dao']],
    ['qingnianzhijia', ['qing', 'nian', 'zhi', 'jia']],
    ['xian', ['xian']],
    ['ranqi', ['ran', 'qi']],
    ['shujuzhongxin', ['shu', 'ju', 'zhong', 'xin']],
  ])('%s → %j', (input, want) => expect(segmentPinyin(input)).toEqual(want));
  it.each(['greenway', 'bus', 'gas', 'youth'])('%s is not pinyin', (w) => expect(segmentPinyin(w)).toBeNull());
});

describe('readings', () => {
  it('everyday readings, and polyphones read as in the corpus', () => {
    expect(readings('绿')).toContain('lv');
    expect(readings('佳')).toEqual(['jia']);
    expect(readings('重')).toEqual(expect.arrayContaining(['zhong']));
    expect(readings('调')).toEqual(expect.arrayContaining(['tiao', 'diao'])); // 调整 and 调学习 both occur
  });
  it('runs end at non-Chinese characters; ü is also indexed as u', () => {
    const runs = pinyinRuns('绿道107公里');
    expect(runs).toHaveLength(2);
    expect(runs[0]![0]).toEqual(['lv', 'lu']);
  });
});
