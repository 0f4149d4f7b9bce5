import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Chalk } from 'chalk';
import { createStyle, type Style } from '../../src/render/style.js';

const chalkStyle = (level: 0 | 1): Style => {
  const c = new Chalk({ level });
  return {
    header: (s) => c.bold(s),
    figure: (s) => c.bold.yellow(s),
    id: (s) => c.cyan(s),
    dim: (s) => c.dim(s),
    label: (s) => c.bold(s),
    mark: (s) => c.underline.yellow(s),
  };
};
const NAMES = ['header', 'figure', 'id', 'dim', 'label', 'mark'] as const;

describe('createStyle', () => {
  it('colour off: every style returns the text unchanged, no escape code', () => {
    const s = createStyle(false);
    for (const n of NAMES) expect(s[n]('公交 41条\n')).toBe('公交 41条\n');
  });
  it('colour on: the codes of chalk level 1', () => {
    const s = createStyle(true);
    expect(s.figure('41条')).toBe('\x1b[1m\x1b[33m41条\x1b[39m\x1b[22m');
    expect(s.id('uc-017')).toBe('\x1b[36muc-017\x1b[39m');
  });
  it('byte for byte what chalk prints, nested codes and line breaks included (property)', () => {
    const unit = fc.constantFrom('a', '公', ' ', '\n', '\r\n', '\r', '\x1b[39m', '\x1b[22m', '\x1b[24m', '\x1b[1m', '\x1b');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }).map((a) => a.join('')), fc.boolean(), (text, on) => {
        const ours = createStyle(on);
        const theirs = chalkStyle(on ? 1 : 0);
        for (const n of NAMES) expect(ours[n](text)).toBe(theirs[n](text));
      }),
      { numRuns: 1000 },
    );
  });
});
