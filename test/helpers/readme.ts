// The README's examples as a doc-test: every `$ command` line in a fenced block of README.md, with the lines under
// it as its expected output. Shared by test/e2e/readme.test.ts (compares) and scripts/readme-examples.ts (rewrites).
//
// - An example runs in a pipe (stdout captured, no terminal) unless its block is marked, on the line just before
//   the fence, `<!-- readme-test: terminal 100 -->`: then it runs on a pseudo-terminal 100 columns wide.
//   `<!-- readme-test: skip -->` leaves a block out.
// - `zibo` is the built bin (bin/zibo.cjs), found on PATH; commands run with `sh -c` in the project root, so
//   pipelines (`| jq`, `| head`) and files the examples read (data/examples/) work as a reader's shell would.
// - In the expected output `…` stands for any text (a line of only `…`: any number of lines). Trailing spaces and
//   trailing blank lines are ignored, escape codes are stripped.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { BIN, ROOT, onTerminal } from './pty.js';

export interface Example {
  /** The command as the README shows it (without `$ ` and without a trailing `# comment`). */
  command: string;
  expected: string;
  mode: 'pipe' | 'terminal';
  cols: number;
  /** 1-based line of the `$ ` line in README.md. */
  line: number;
  /** Offsets in README.md of the expected output (end exclusive), for rewriting it. */
  start: number;
  end: number;
}

const MARK = /<!--\s*readme-test:\s*(skip|terminal(?:\s+(\d+))?)\s*-->\s*$/;

/** A trailing shell comment set off by two spaces or more (`zibo check --file d.txt   # on a terminal`). */
const stripComment = (cmd: string) => cmd.replace(/\s{2,}#\s[^'"]*$/, '').trim();

export function parseReadme(text: string): Example[] {
  const examples: Example[] = [];
  const lines = text.split('\n');
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += l.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    if (!/^```/.test(lines[i]!)) continue;
    const mark = i > 0 ? MARK.exec(lines[i - 1]!) : null;
    let j = i + 1;
    while (j < lines.length && !/^```/.test(lines[j]!)) j++;
    // lines i+1 .. j-1 are the block's body; j is the closing fence
    if (!mark || mark[1] !== 'skip') {
      const mode = mark ? 'terminal' : 'pipe';
      const cols = mark?.[2] ? Number(mark[2]) : 100;
      for (let k = i + 1; k < j; k++) {
        if (!lines[k]!.startsWith('$ ')) continue;
        let end = k + 1;
        while (end < j && !lines[end]!.startsWith('$ ')) end++;
        let last = end; // trailing blank lines are not output
        while (last > k + 1 && lines[last - 1]!.trim() === '') last--;
        examples.push({
          command: stripComment(lines[k]!.slice(2)),
          expected: lines.slice(k + 1, last).join('\n'),
          mode,
          cols,
          line: k + 1,
          start: offsets[k + 1]!,
          end: last > k + 1 ? offsets[last - 1]! + lines[last - 1]!.length : offsets[k + 1]!,
        });
        k = end - 1;
      }
    }
    i = j;
  }
  return examples;
}

/** Output as compared: no escape codes, no carriage returns, no trailing spaces, no trailing blank lines. */
export function normalise(output: string): string {
  return stripVTControlCharacters(output)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `actual` is `expected` with every `…` standing for any text. */
export function matches(expected: string, actual: string): boolean {
  const want = normalise(expected);
  const got = normalise(actual);
  if (!want.includes('…')) return want === got;
  const lines = want.split('\n');
  let pattern = '';
  lines.forEach((l, i) => {
    // Next to a line of only `…` the line break is optional, so that it may stand for no lines at all.
    if (i > 0) pattern += l === '…' || lines[i - 1] === '…' ? '\n?' : '\n';
    pattern += l === '…' ? '[\\s\\S]*?' : l.split('…').map(escapeRe).join('[\\s\\S]*?');
  });
  return new RegExp(`^${pattern}$`).test(got);
}

let shimDir: string | undefined;

/** A folder with a `zibo` that runs the built bin, to put first on PATH. */
function shim(): string {
  if (shimDir) return shimDir;
  shimDir = join(tmpdir(), `zibo-readme-${process.pid}`);
  mkdirSync(shimDir, { recursive: true });
  writeFileSync(join(shimDir, 'zibo'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
  return shimDir;
}

/** The environment of a reader's shell, in English, without settings that change zibo's output. */
function env(): Record<string, string | undefined> {
  const e: Record<string, string | undefined> = { ...process.env, PATH: `${shim()}:${process.env.PATH ?? ''}`, LANG: 'C.UTF-8' };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'ZIBO_DATA', 'ZIBO_HOME', 'ZIBO_PAGER', 'PAGER']) e[k] = undefined;
  return e;
}

/** Runs an example as the README says (pipe or terminal) and returns what it printed. */
export function runExample(ex: Example): string {
  if (ex.mode === 'terminal') {
    // A pager would wait for a key; the doc shows what reaches the terminal.
    return onTerminal(['sh', '-c', ex.command], { cols: ex.cols, rows: 200, env: { ...env(), ZIBO_PAGER: 'cat' }, cwd: ROOT }).screen;
  }
  const e = env();
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  const r = spawnSync('sh', ['-c', ex.command], { cwd: ROOT, env: e as NodeJS.ProcessEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return r.stdout;
}
