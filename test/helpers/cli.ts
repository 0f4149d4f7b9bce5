// Runs the CLI in-process through a fake IO (no spawning), on the fixture corpus.

import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import type { IO, Lang } from '../../src/io.js';
import { run } from '../../src/cli/program.js';
import { loadCorpus } from '../../src/core/corpus.js';
import type { Corpus } from '../../src/core/types.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
export const fixture = (): Corpus => loadCorpus({ dataDir: FIXTURE_DIR });

export interface FakeIOOptions {
  isTTY?: boolean;
  columns?: number;
  color?: boolean;
  lang?: Lang;
  env?: Record<string, string>;
}

export function fakeIO(o: FakeIOOptions = {}) {
  let out = '';
  let err = '';
  const io: IO = {
    stdout: { write: (s: string) => { out += s; return true; } },
    stderr: { write: (s: string) => { err += s; return true; } },
    isTTY: o.isTTY ?? false,
    columns: o.columns ?? 80,
    color: o.color ?? false,
    lang: o.lang ?? 'en',
    env: o.env ?? {},
  };
  return { io, out: () => out, err: () => err };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], o: FakeIOOptions & { corpus?: () => Corpus } = {}): Promise<CliResult> {
  const f = fakeIO(o);
  const code = await run(args, f.io, { loadCorpus: o.corpus ?? fixture });
  return { code, stdout: f.out(), stderr: f.err() };
}

export const ANSI = /\x1b\[[0-9;]*m/;
export const plain = (s: string) => stripVTControlCharacters(s);
export const widest = (s: string) => Math.max(0, ...plain(s).split('\n').map((l) => stringWidth(l)));
/** Lines of a stack trace, as Node prints them. */
export const STACK = /^\s+at .+:\d+:\d+\)?$|node:internal/m;
