// All colour goes through here, from the one decision made in io.ts. chalk never decides by itself.

import { Chalk } from 'chalk';

export interface Style {
  header(s: string): string;
  figure(s: string): string;
  id(s: string): string;
  dim(s: string): string;
  label(s: string): string;
  mark(s: string): string;
}

export function createStyle(color: boolean): Style {
  const c = new Chalk({ level: color ? 1 : 0 });
  return {
    header: (s) => c.bold(s),
    figure: (s) => c.bold.yellow(s),
    id: (s) => c.cyan(s),
    dim: (s) => c.dim(s),
    label: (s) => c.bold(s),
    mark: (s) => c.underline.yellow(s),
  };
}
