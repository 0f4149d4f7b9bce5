// All colour comes from chalk, through one instance whose level follows the one colour decision made in io.ts:
// with colour off (level 0) chalk returns text unchanged. chalk's own terminal detection is never consulted.
// Imported only by code that draws for a terminal (the table, `show`, `check`), so pipes never load chalk.

import { Chalk, type ChalkInstance } from 'chalk';

/** The styles zibo uses, by role. */
export interface Style {
  header(s: string): string;
  figure(s: string): string;
  id(s: string): string;
  dim(s: string): string;
  label(s: string): string;
  mark(s: string): string;
}

/** What the colour decision needs from the IO: `color` (io.ts), and a level when the IO knows one. */
export interface ColorChoice {
  color: boolean;
  colorLevel?: 0 | 1 | 2 | 3;
}

/** The chalk instance for this run: level 0 when colour is off, else the IO's level (16 colours by default). */
export function chalkFor(io: ColorChoice): ChalkInstance {
  return new Chalk({ level: io.color ? (io.colorLevel ?? 1) || 1 : 0 });
}

export function paint(io: ColorChoice): Style {
  const c = chalkFor(io);
  return {
    header: (s) => c.bold(s),
    figure: (s) => c.bold.yellow(s),
    id: (s) => c.cyan(s),
    dim: (s) => c.dim(s),
    label: (s) => c.bold(s),
    mark: (s) => c.underline.yellow(s),
  };
}
