// All colour goes through here, from the one decision made in io.ts: with colour off, text passes unchanged.
//
// The escape codes are written here rather than by chalk: loading chalk (its styles table and its own terminal
// detection, which we must not use anyway) cost ~1.5 ms of every terminal run. Output is byte for byte what
// `new Chalk({ level: 1 })` gives for the same styles, re-opening a style after a nested close and around line
// breaks as chalk does (test/render/style.test.ts compares them).

export interface Style {
  header(s: string): string;
  figure(s: string): string;
  id(s: string): string;
  dim(s: string): string;
  label(s: string): string;
  mark(s: string): string;
}

type Code = readonly [open: number, close: number];
const BOLD: Code = [1, 22];
const DIM: Code = [2, 22];
const UNDERLINE: Code = [4, 24];
const YELLOW: Code = [33, 39];
const CYAN: Code = [36, 39];

const esc = (n: number) => `\u001B[${n}m`;

/** Each occurrence of `sub` followed by `then` (chalk's stringReplaceAll). */
function reopenAfter(s: string, sub: string, then: string): string {
  return s.includes(sub) ? s.split(sub).join(sub + then) : s;
}

/** Closes the styles before each line break and re-opens them after it (CRLF kept whole). */
function encaseLines(s: string, close: string, open: string): string {
  return s.replace(/\r?\n/g, (lf) => close + lf + open);
}

/** A styling function for codes applied outermost first (bold then yellow = chalk's `bold.yellow`). */
function styler(codes: Code[]): (s: string) => string {
  const open = codes.map(([o]) => esc(o)).join('');
  const close = codes.map(([, c]) => esc(c)).reverse().join('');
  return (s) => {
    if (!s) return s;
    if (s.includes('\u001B')) {
      for (let i = codes.length - 1; i >= 0; i--) s = reopenAfter(s, esc(codes[i]![1]), esc(codes[i]![0]));
    }
    if (s.includes('\n')) s = encaseLines(s, close, open);
    return open + s + close;
  };
}

const plain = (s: string) => s;

export function createStyle(color: boolean): Style {
  if (!color) return { header: plain, figure: plain, id: plain, dim: plain, label: plain, mark: plain };
  return {
    header: styler([BOLD]),
    figure: styler([BOLD, YELLOW]),
    id: styler([CYAN]),
    dim: styler([DIM]),
    label: styler([BOLD]),
    mark: styler([UNDERLINE, YELLOW]),
  };
}
