import { describe, expect, it } from 'vitest';
import { isUnsafe, sanitize } from '../../src/render/sanitize.js';

describe('sanitize', () => {
  it.each([
    ['\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'], // OSC 0 window title
    ['\u001b[2J', '\\x1b[2J'], // clear screen
    ['\u001b]52;c;aGk=\u0007', '\\x1b]52;c;aGk=\\x07'], // OSC 52 clipboard
    ['\u001bP1$r\u001b\\', '\\x1bP1$r\\x1b\\'], // DCS
    ['a\u0000b', 'a\\x00b'], // NUL
    ['\u009b31m', '\\x9b31m'], // 8-bit CSI
    ['abc\u202edef', 'abc\\u202edef'], // right-to-left override
    ['x\u2066y\u2069', 'x\\u2066y\\u2069'], // isolates
    ['del\u007f', 'del\\x7f'],
    ['\r\n', '\\x0d\n'],
  ])('escapes %j', (input, out) => {
    expect(sanitize(input)).toBe(out);
    expect(isUnsafe(input)).toBe(true);
  });

  it('keeps tab and line feed unless one line is asked for', () => {
    expect(sanitize('a\tb\nc')).toBe('a\tb\nc');
    expect(sanitize('a\tb\nc', { oneLine: true })).toBe('a\\x09b\\x0ac');
  });

  it('leaves Chinese, full-width punctuation and emoji alone', () => {
    const s = '调整公交线路41条，“四好农村路”（一期）😀';
    expect(sanitize(s)).toBe(s);
    expect(isUnsafe(s)).toBe(false);
  });

  it('leaves no ESC, BEL or U+202E in any output (every code unit below U+0100 and the bidi range)', () => {
    let all = '';
    for (let c = 0; c < 0x100; c++) all += String.fromCharCode(c);
    all += '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    const out = sanitize(all);
    expect(out).not.toMatch(/[\u001b\u0007\u009b\u202e\u0000]/);
    expect(out.replace(/[\t\n]/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
