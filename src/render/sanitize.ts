// The one sanitiser for text that comes from data or input (a corpus file, an added release, a draft, a query)
// on its way to a person: C0 and C1 controls, ESC, DEL, and the bidirectional formatting characters become
// visible escapes (`\x1b`, `\u202e`), so that nothing in the data can move the cursor, clear the screen, set the
// window title, write the clipboard (OSC 52) or reorder what is shown. Tab and line feed are kept unless the
// caller asks otherwise (a table cell or a TSV field escapes them itself). Only zibo's own colour codes, added
// after this, reach a terminal. JSON output does not go through here: JSON.stringify escapes controls itself.

/** C0 (except \t \n), DEL, C1, bidi embeddings/overrides/isolates, LRM/RLM/ALM. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, with tab and line feed too (for text that must stay on one line). */
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** Text made safe to print on a terminal; unchanged when it holds nothing unsafe (the common case costs one test). */
export function sanitize(s: string, opts: { oneLine?: boolean } = {}): string {
  const re = opts.oneLine ? UNSAFE_LINE : UNSAFE;
  re.lastIndex = 0;
  if (!re.test(s)) return s;
  re.lastIndex = 0;
  return s.replace(re, escapeChar);
}

/** Whether `s` holds anything `sanitize` would change. */
export function isUnsafe(s: string, opts: { oneLine?: boolean } = {}): boolean {
  const re = opts.oneLine ? UNSAFE_LINE : UNSAFE;
  re.lastIndex = 0;
  return re.test(s);
}
