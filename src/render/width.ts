// Display width and grapheme splitting, without ICU for the characters zibo's data is made of.
//
// string-width (and Intl.Segmenter, which it and the wrapper need) costs ~7 ms on first use: ICU loads its break
// rules. Text made only of "simple" characters (printable ASCII, Latin-1, general punctuation, CJK ideographs, CJK
// and full-width punctuation) needs neither: each such character is a grapheme of its own, and its width is fixed.
// Any other character (combining marks, emoji, control characters, other scripts, …) sends the whole string to
// string-width and Intl.Segmenter, so results are always theirs (test/render/width.test.ts checks every simple
// character against them).

import stringWidth from 'string-width';

/** Width of a simple code point (1 or 2); 0 when the code point is not simple. */
export function simpleWidth(cp: number): number {
  if (cp >= 0x20 && cp <= 0x7e) return 1; // printable ASCII
  if (cp >= 0x4e00 && cp <= 0x9fff) return 2; // CJK Unified Ideographs
  if (cp >= 0xff01 && cp <= 0xff60) return 2; // full-width forms (，：（）)
  if (cp >= 0x3000 && cp <= 0x3029) return 2; // CJK punctuation (、。「」【】); 302A–302F are combining marks
  if (cp >= 0x3030 && cp <= 0x303e) return 2;
  if (cp >= 0x3400 && cp <= 0x4dbf) return 2; // CJK Extension A
  if (cp >= 0x2010 && cp <= 0x2027) return 1; // dashes, quotes, ellipsis (ambiguous width: narrow, as string-width)
  // Latin-1, but the soft hyphen (invisible) and © ® (string-width counts them as emoji, two columns)
  if (cp >= 0xa0 && cp <= 0xff && cp !== 0xad && cp !== 0xa9 && cp !== 0xae) return 1;
  if (cp >= 0xffe0 && cp <= 0xffe6) return 2; // full-width signs (￥)
  return 0;
}

/** Display width of `s` when every character is simple; -1 otherwise. */
function simpleStringWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const x = simpleWidth(s.charCodeAt(i)); // a surrogate is never simple
    if (x === 0) return -1;
    w += x;
  }
  return w;
}

/** Terminal columns of `s`, as string-width counts them (CJK characters take two). */
export function displayWidth(s: string): number {
  if (s.length === 0) return 0;
  const w = simpleStringWidth(s);
  return w >= 0 ? w : stringWidth(s);
}

export interface Grapheme {
  segment: string;
  /** Offset in `s` (UTF-16 units). */
  index: number;
}

let segmenter: Intl.Segmenter | undefined;

/** The user-perceived characters of `s`, as Intl.Segmenter splits them. */
export function graphemes(s: string): Grapheme[] {
  if (simpleStringWidth(s) >= 0) return Array.from(s, (segment, index) => ({ segment, index }));
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (g) => ({ segment: g.segment, index: g.index }));
}
