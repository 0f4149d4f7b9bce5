// Fitting data text into terminal columns: never wider than asked (ambiguous-width characters counted wide),
// a prefix of the text, cut only when it must be, and no control character left.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { ELLIPSIS, columnsOf, cutTo, fit, oneLine } from '../../src/find/fit.js';
import { pageSize, scrollTop } from '../../src/find/view.js';

const pieces = ['公交', '线路', '41条', '“深化九大赋能”', '…', '①', 'abc', ' ', '👍', 'é', '\u0301', '\u001b[2J', '\t', '\n', '\u202e', 'Ａ', '·'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((xs) => xs.join(''));
const wide = (s: string) => stringWidth(s, { ambiguousIsNarrow: false });

describe('fit', () => {
  it('is never wider than the width, counting ambiguous characters as two columns', () => {
    fc.assert(fc.property(text, fc.integer({ min: 3, max: 60 }), (s, w) => {
      const out = fit(oneLine(s), w);
      expect(wide(out)).toBeLessThanOrEqual(w);
    }));
  });

  it('keeps a prefix of the text, and cuts (with the ASCII ellipsis) only when the text does not fit', () => {
    fc.assert(fc.property(text, fc.integer({ min: 3, max: 60 }), (s, w) => {
      const safe = oneLine(s);
      const c = cutTo(safe, w);
      expect(safe.startsWith(c.text)).toBe(true);
      expect(c.cut).toBe(columnsOf(safe) > w);
      expect(fit(safe, w)).toBe(c.cut ? c.text + ELLIPSIS : safe);
    }));
  });

  it('pads to the exact width when asked', () => {
    fc.assert(fc.property(text, fc.integer({ min: 3, max: 60 }), (s, w) => {
      expect(columnsOf(fit(oneLine(s), w, { pad: true }))).toBe(w);
    }));
  });

  it('oneLine leaves no control character, escape or bidi override', () => {
    fc.assert(fc.property(text, (s) => {
      expect(oneLine(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }));
  });

  it('marks the figure after cutting, so colour codes never count as width', () => {
    const mark = (s: string) => `<${s}>`;
    expect(fit('调整公交线路41条', 20, { ranges: [[6, 9]], mark })).toBe('调整公交线路<41条>');
    expect(fit('调整公交线路41条以上', 16, { ranges: [[6, 9]], mark })).toBe('调整公交线路<4>...');
    expect(fit('调整公交线路41条', 15, { ranges: [[6, 9]], mark })).toBe('调整公交线路...');
    expect(fit('“深化九大赋能”主题', 8)).toBe('“深...'); // “ counted as two columns
  });
});

describe('paging', () => {
  it('pageSize leaves room for the prompt, status and key lines, and stops at 12', () => {
    expect([pageSize(5), pageSize(10), pageSize(16), pageSize(100)]).toEqual([1, 6, 12, 12]);
  });

  it('scrollTop keeps the chosen hit on screen and moves as little as it can', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 12 }), fc.nat(), fc.nat(), (total, size, a, t0) => {
      const active = a % total;
      const top = scrollTop(t0 % total, active, size, total);
      expect(active).toBeGreaterThanOrEqual(top);
      expect(active).toBeLessThan(top + size);
      expect(top).toBeLessThanOrEqual(Math.max(0, total - size));
    }));
    expect(scrollTop(0, 5, 6, 20)).toBe(0);
    expect(scrollTop(0, 6, 6, 20)).toBe(1);
    expect(scrollTop(10, 3, 6, 20)).toBe(3);
  });
});
