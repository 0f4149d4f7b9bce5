import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { highlightLines, wrapText } from '../../src/render/width.js';

const texts = (s: string, w: number) => wrapText(s, w).map((l) => l.text);

describe('wrapText', () => {
  it('wraps Chinese by display width (2 columns a character)', () => {
    expect(texts('调整公交线路41条', 8)).toEqual(['调整公交', '线路41条']);
  });
  it('breaks Latin text at spaces, cutting only words longer than the line', () => {
    expect(texts('41 bus routes were adjusted', 10)).toEqual(['41 bus', 'routes', 'were', 'adjusted']);
    expect(texts('supercalifragilistic', 8)).toEqual(['supercal', 'ifragili', 'stic']);
  });
  it('keeps closing punctuation off the start of a line', () => {
    const lines = texts('新增公交线路4条，开通线路', 12);
    expect(lines.every((l) => !/^[，。、]/.test(l))).toBe(true);
    expect(lines.join('')).toBe('新增公交线路4条，开通线路');
  });
  it('keeps explicit line breaks', () => {
    expect(texts('a\n\nb', 5)).toEqual(['a', '', 'b']);
  });
  it('offsets point at the line text in the original (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('公', '交', 'a', 'b', ' ', '，', '1', '\n'), maxLength: 80 }), fc.integer({ min: 2, max: 30 }), (s, w) => {
        const lines = wrapText(s, w);
        for (const l of lines) {
          expect(stringWidth(l.text)).toBeLessThanOrEqual(w);
          expect(s.slice(l.start, l.end)).toBe(l.text);
        }
        // nothing but spaces and line breaks is lost
        expect(lines.map((l) => l.text).join('').replace(/\s/g, '')).toBe(s.replace(/\s/g, ''));
      }),
    );
  });
});

describe('highlightLines', () => {
  it('styles the part of each line inside the range, across a line break', () => {
    const s = '调整公交线路41条';
    const out = highlightLines(wrapText(s, 10), [[6, 9]], (x) => `[${x}]`);
    expect(out).toEqual(['调整公交线', '路[41条]']);
    const split = highlightLines(wrapText(s, 8), [[2, 6]], (x) => `[${x}]`);
    expect(split).toEqual(['调整[公交]', '[线路]41条']);
  });
});
