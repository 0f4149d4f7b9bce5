// Issue 15 "The README runs": every `$ …` example of README.md with its output is run on the built CLI (piped
// examples in a pipe, examples of blocks marked `<!-- readme-test: terminal N -->` on a pseudo-terminal N columns
// wide) and must print what the README shows, `…` standing for elided text. After a change of output, run
// `npm run build && npm run readme-examples -- --update` and review the README diff.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_PTY, ROOT } from '../helpers/pty.js';
import { matches, normalise, parseReadme, runExample } from '../helpers/readme.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const EXAMPLES = parseReadme(README);

describe('README examples', () => {
  it('there are examples of both kinds, each with its output', () => {
    expect(EXAMPLES.filter((e) => e.mode === 'pipe').length).toBeGreaterThanOrEqual(15);
    expect(EXAMPLES.filter((e) => e.mode === 'terminal').length).toBeGreaterThanOrEqual(4);
    for (const e of EXAMPLES) expect(e.expected.trim(), `README.md:${e.line} $ ${e.command}`).not.toBe('');
  });

  for (const ex of EXAMPLES) {
    it.skipIf(ex.mode === 'terminal' && !HAS_PTY)(`README.md:${ex.line} (${ex.mode}${ex.mode === 'terminal' ? ` ${ex.cols}` : ''}) $ ${ex.command}`, () => {
      const got = runExample(ex);
      // On a mismatch, show the whole output against the README's text.
      if (!matches(ex.expected, got)) expect(normalise(got)).toBe(normalise(ex.expected));
    });
  }

  it("the Set-up block gives a real zibo and runs it; the tests are one command", () => {
    const setup = /^## Set-up\n[\s\S]*?```sh\n([\s\S]*?)```/m.exec(README)![1]!;
    const steps = setup.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
    expect(steps).toEqual(['npm install', 'npm link', 'zibo facts --topic 公交']);
    expect(README).toContain('`npm test`');
  });
});

describe('the doc-test itself', () => {
  const md = [
    'text',
    '<!-- readme-test: terminal 60 -->',
    '```',
    '$ zibo a   # note',
    'one',
    '',
    'two',
    '',
    '$ zibo b | cat',
    '```',
    '<!-- readme-test: skip -->',
    '```',
    '$ zibo c',
    'x',
    '```',
    '```sh',
    '$ zibo d',
    'y',
    '```',
  ].join('\n');

  it('parses commands, outputs, modes and skips', () => {
    const ex = parseReadme(md);
    expect(ex.map((e) => [e.command, e.expected, e.mode, e.cols, e.line])).toEqual([
      ['zibo a', 'one\n\ntwo', 'terminal', 60, 4],
      ['zibo b | cat', '', 'terminal', 60, 9],
      ['zibo d', 'y', 'pipe', 100, 17],
    ]);
    expect(md.slice(ex[0]!.start, ex[0]!.end)).toBe('one\n\ntwo');
    expect(md.slice(ex[2]!.start, ex[2]!.end)).toBe('y');
  });

  it.each<[string, string, boolean]>([
    ['a\nb', 'a\nb\n', true],
    ['a\nb', '\x1b[1ma\x1b[22m  \r\nb', true],
    ['a\nb', 'a\nc', false],
    ['a …', 'a b c', true],
    ['a\n…\nd', 'a\nb\nc\nd', true],
    ['a\n…\nd', 'a\nd', true],
    ['a\n…', 'a\nb', true],
    ['…\nd', 'x\ny\nd', true],
    ['a\n…\nd', 'a\nb\nc', false],
    ['a.b', 'axb', false],
  ])('matches(%j, %j) = %s', (want, got, ok) => expect(matches(want, got)).toBe(ok));
});
