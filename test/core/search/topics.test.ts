import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus.js';
import { resolveTopic } from '../../../src/core/search/topics.js';

const { topics } = loadCorpus();
const name = (input: string) => {
  const r = resolveTopic(topics, input);
  return 'topic' in r ? r.topic.name : { suggestions: r.suggestions };
};

describe('resolveTopic', () => {
  it.each([
    ['燃气', '燃气'],
    ['gas', '燃气'],
    ['ranqi', '燃气'],
    ['RanQi', '燃气'],
    ['ran qi', '燃气'],
    ['燃氣', '燃气'],
    ['煤气', '燃气'],
    ['bus', '公交'],
    ['gongjiao', '公交'],
    ['公交線路', '公交'],
    ['Data Centres', '数据中心'],
    ['ｂｕｓ', '公交'],
  ])('%j → %s', (input, want) => expect(name(input)).toBe(want));

  it('an unknown topic gets the nearest ones', () => {
    expect(name('gongjaio')).toEqual({ suggestions: expect.arrayContaining(['公交']) });
    expect(name('燃器')).toEqual({ suggestions: expect.arrayContaining(['燃气']) });
    expect(name('公交车辆')).toEqual({ suggestions: expect.arrayContaining(['公交']) });
  });
  it('nothing near: no suggestions, never a wrong topic', () => {
    expect(name('qqqqqq')).toEqual({ suggestions: [] });
    expect(name('')).toEqual({ suggestions: [] });
  });
});

describe('PLAIN_KEY', () => {
  it('admits only characters that are letters or digits (so skipping the Unicode-class pass changes nothing)', async () => {
    const { PLAIN_KEY } = await import('../../../src/core/search/topics.js');
    for (const [a, b] of [[0x30, 0x39], [0x61, 0x7a], [0x3400, 0x4dbf], [0x4e00, 0x9fff]] as const) {
      for (let cp = a; cp <= b; cp++) {
        const c = String.fromCodePoint(cp);
        expect(PLAIN_KEY.test(c)).toBe(true);
        expect(c.replace(/[^\p{L}\p{N}]/gu, '')).toBe(c);
      }
    }
    for (const c of ['-', ' ', '·', '，', 'A', '\u3000']) expect(PLAIN_KEY.test(c)).toBe(false);
  });
});
