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
