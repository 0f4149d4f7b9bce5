// The one text normaliser shared by the extractor, check and search: Unicode NFKC (full-width digits and letters,
// superscript and circled digits, compatibility units such as ㎡ become their plain forms) with invisible characters
// (zero-width spaces and joiners, soft hyphen, BOM, bidi marks, C0 controls but tab and line breaks) removed.
// `foldMapped` does the same and keeps, for every character of the result, where it came from in the input, so a
// figure found in the folded text is reported with the input's own offsets.

/** Characters that carry no meaning in running text. Tab, line feed and carriage return are kept (they separate). */
export const INVISIBLE = /[\u00AD\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF\uFFFD\u0000-\u0008\u000E-\u001F\u007F]/g;
let invisibleOne: RegExp | undefined; // made on first use, as every pattern here that most runs never test
const INVISIBLE_ONE = () => (invisibleOne ??= new RegExp(`^${INVISIBLE.source}$`));

/** NFKC, invisible characters removed. */
export function foldText(s: string): string {
  return s.normalize('NFKC').replace(INVISIBLE, '');
}

export interface Folded {
  text: string;
  /** at[i] = offset in the input of the character that gave text[i]; at[text.length] = input length. */
  at: number[];
  /** end[i] = offset in the input right after the character (cluster) that gave text[i]. */
  end: number[];
}

/** Plain ASCII and CJK Unified Ideographs are unchanged by NFKC and visible: most text is copied as is. */
const PLAIN = /^[\u0009\u000A\u000D\u0020-\u007E\u4E00-\u9FFF\u3001-\u3011\u2013\u2014\u2018\u2019\u201C\u201D\u00B7]*$/;

/** Code points NFKC leaves alone and that are visible, learnt as they are met (text uses few distinct characters). */
const stable = new Map<number, boolean>();
const MARK = /\p{M}/u;

function isStable(cp: number, ch: string): boolean {
  let known = stable.get(cp);
  if (known === undefined) {
    known = ch.normalize('NFKC') === ch && !INVISIBLE_ONE().test(ch) && !MARK.test(ch);
    stable.set(cp, known);
  }
  return known;
}

/** NFKC and invisible removal, character by character (a base with its combining marks), with offsets kept. */
export function foldMapped(s: string): Folded {
  if (PLAIN.test(s)) return { text: s, at: Array.from({ length: s.length + 1 }, (_, i) => i), end: Array.from({ length: s.length }, (_, i) => i + 1) };
  let text = '';
  const at: number[] = [];
  const end: number[] = [];
  let i = 0;
  let run = 0; // start of the current run of stable characters, copied in one slice
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    const next = s.codePointAt(i + size);
    const markNext = next !== undefined && next >= 0x300 && MARK.test(String.fromCodePoint(next));
    if (!markNext && isStable(cp, size === 1 ? s[i]! : s.slice(i, i + 2))) {
      for (let k = 0; k < size; k++) {
        at.push(i);
        end.push(i + size);
      }
      i += size;
      continue;
    }
    text += s.slice(run, i);
    // A base with its combining marks, folded as one piece.
    let j = i + size;
    while (j < s.length) {
      const c = s.codePointAt(j)!;
      if (!(c >= 0x300 && MARK.test(String.fromCodePoint(c)))) break;
      j += c > 0xffff ? 2 : 1;
    }
    const piece = s.slice(i, j);
    const folded = INVISIBLE_ONE().test(piece) ? '' : piece.normalize('NFKC').replace(INVISIBLE, '');
    for (let k = 0; k < folded.length; k++) {
      at.push(i);
      end.push(j);
    }
    text += folded;
    i = j;
    run = j;
  }
  text += s.slice(run);
  at.push(s.length);
  return { text, at, end };
}
