import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { displayWidth, graphemes, simpleWidth } from '../../src/render/width.js';

const segment = (s: string) => Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s), (g) => ({ segment: g.segment, index: g.index }));
const SIMPLE: number[] = [];
for (let cp = 0; cp <= 0xffff; cp++) if (simpleWidth(cp)) SIMPLE.push(cp);

describe('simple characters agree with string-width and Intl.Segmenter', () => {
  it('covers ASCII, CJK ideographs and full-width punctuation', () => {
    for (const c of ['a', ' ', '公', '，', '。', '（', '“', '…', '·', '×', '￥']) expect(simpleWidth(c.codePointAt(0)!), c).toBeGreaterThan(0);
    for (const c of ['\n', '\t', '\u00ad', '\u200b', '\u0301', '\u302a', '\u3099', '©', '®']) {
      expect(simpleWidth(c.codePointAt(0)!), c).toBe(0);
    }
  });
  it('every simple character: same width as string-width, a grapheme on its own between others', () => {
    const seg = new Intl.Segmenter('en', { granularity: 'grapheme' });
    for (const cp of SIMPLE) {
      const c = String.fromCodePoint(cp);
      expect(simpleWidth(cp), `U+${cp.toString(16)}`).toBe(stringWidth(c));
      const s = `a${c}公${c}${c}，${c}`;
      expect([...seg.segment(s)].length, `U+${cp.toString(16)}`).toBe(s.length);
    }
  });
  it('any string: displayWidth = string-width, graphemes = Intl.Segmenter (property)', () => {
    const unit = fc.oneof(
      fc.constantFrom(...SIMPLE.map((cp) => String.fromCodePoint(cp))),
      fc.constantFrom('\n', '\t', '\u0301', '\u200d', '👍', '👍🏽', '🇨🇳', 'é', '가', '\u1100\u1161', '\r\n', '\x1b[1m', 'ｶﾞ'),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }).map((a) => a.join('')), (s) => {
        expect(displayWidth(s)).toBe(stringWidth(s));
        expect(graphemes(s)).toEqual(segment(s));
      }),
      { numRuns: 2000 },
    );
  });
});
