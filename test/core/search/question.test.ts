import { describe, expect, it } from 'vitest';
import { MEASURE_WORDS, stripQuestion } from '../../../src/core/search/question.js';

describe('stripQuestion', () => {
  it.each([
    ['青年之家建了几处', ['青年之家建'], '处', false],
    ['淄博有多少个夜间经济街区', ['淄博', '夜间经济街区'], '个', false],
    ['公交线路调整了多少条', ['公交线路调整'], '条', false],
    ['绿道新建改造了多少公里', ['绿道新建改造'], '公里', false],
    ['济高高速什么时候通车的', ['济高高速', '通车'], null, true],
    ['数据中心', ['数据中心'], null, false],
  ] as const)('%s', (q, segments, unit, when) => {
    const r = stripQuestion(q, MEASURE_WORDS);
    expect(r.segments).toEqual(segments);
    expect(r.unit).toBe(unit);
    expect(r.when).toBe(when);
  });
});
