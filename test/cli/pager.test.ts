// Issue 15 item 2: long output on a terminal goes through $ZIBO_PAGER, $PAGER or less -FRX; never in a pipe, never
// with --no-pager; a missing pager or one closed early is no error.

import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lineCount, pagerCommand, shouldPage, startPager, writePaged } from '../../src/cli/pager.js';
import { run } from '../../src/cli/program.js';
import { fakeIO, fixture } from '../helpers/cli.js';

const RECORD = fileURLToPath(new URL('../fixtures/pager/record.sh', import.meta.url));

describe('pagerCommand', () => {
  it.each<[Record<string, string>, string | undefined]>([
    [{}, 'less -FRX'],
    [{ PAGER: 'more' }, 'more'],
    [{ PAGER: 'more', ZIBO_PAGER: 'less -R' }, 'less -R'],
    [{ PAGER: 'more', ZIBO_PAGER: '' }, undefined],
    [{ PAGER: 'cat' }, undefined],
    [{ ZIBO_PAGER: '  ' }, undefined],
  ])('%j → %j', (env, want) => expect(pagerCommand(env)).toBe(want));
});

describe('shouldPage', () => {
  const tty = fakeIO({ isTTY: true }).io;
  const pipe = fakeIO({ isTTY: false }).io;
  const text = (n: number) => 'x\n'.repeat(n);
  it.each<[string, boolean]>([['', 0 as unknown as boolean]])('lineCount', () => {
    expect([lineCount(''), lineCount('a'), lineCount('a\n'), lineCount('a\nb'), lineCount(text(40))]).toEqual([0, 1, 1, 2, 40]);
  });
  it.each<[string, typeof tty, number, boolean, number | undefined, boolean]>([
    ['taller than the terminal', tty, 40, false, 24, true],
    ['exactly the terminal height (no room for the prompt)', tty, 24, false, 24, true],
    ['fits', tty, 23, false, 24, false],
    ['--no-pager', tty, 400, true, 24, false],
    ['a pipe', pipe, 400, false, 24, false],
    ['height unknown', tty, 400, false, undefined, false],
  ])('%s', (_, io, lines, noPager, rows, want) => expect(shouldPage(io, text(lines), noPager, rows)).toBe(want));

  it('no pager configured (ZIBO_PAGER=cat) is no paging, and the height is then not even looked up', () => {
    const io = fakeIO({ isTTY: true, env: { ZIBO_PAGER: 'cat' } }).io;
    expect(shouldPage(io, text(400), false, () => { throw new Error('looked up'); })).toBe(false);
  });

  it('a fake IO (not the process) never finds a terminal height by itself', () => {
    expect(shouldPage(tty, text(10_000), false)).toBe(false);
  });
});

describe('writePaged', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'zibo-pager-'));
  const big = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n') + '\n';

  it('sends tall terminal output through $ZIBO_PAGER, with LESS=FRX and LV=-c', async () => {
    const log = join(tmp, 'a.log');
    const f = fakeIO({ isTTY: true, env: { ZIBO_PAGER: `${RECORD} --flag`, ZIBO_PAGER_LOG: log, PATH: process.env.PATH ?? '' } });
    await writePaged(f.io, big, false, { rows: 24 });
    expect(f.out()).toBe('');
    expect(readFileSync(log, 'utf8')).toBe(`PAGER args=--flag LESS=FRX LV=-c\n${big}`);
  });

  it('keeps the LESS the user set', async () => {
    const log = join(tmp, 'b.log');
    const f = fakeIO({ isTTY: true, env: { PAGER: RECORD, LESS: 'R', ZIBO_PAGER_LOG: log } });
    await writePaged(f.io, big, false, { rows: 24 });
    expect(readFileSync(log, 'utf8').split('\n')[0]).toBe('PAGER args= LESS=R LV=-c');
  });

  it.each([['a path', 'no-such-pager'], ['a command', 'no-such-pager-zibo --x']])('writes directly when the pager is not installed (%s), without a word on stderr', async (_, name) => {
    const f = fakeIO({ isTTY: true, env: { ZIBO_PAGER: name.includes(' ') ? name : join(tmp, name), PATH: process.env.PATH ?? '' } });
    await writePaged(f.io, big, false, { rows: 24 });
    expect([f.out(), f.err()]).toEqual([big, '']);
  });

  it('quoting in the pager command works as in the shell', async () => {
    const log = join(tmp, 'q.log');
    const f = fakeIO({ isTTY: true, env: { ZIBO_PAGER: `'${RECORD}' "two words"`, ZIBO_PAGER_LOG: log, PATH: process.env.PATH ?? '' } });
    await writePaged(f.io, big, false, { rows: 24 });
    expect(readFileSync(log, 'utf8').split('\n')[0]).toBe('PAGER args=two words LESS=FRX LV=-c');
  });

  it('a pager that quits before reading everything (q in less) is no error', async () => {
    const f = fakeIO({ isTTY: true, env: { ZIBO_PAGER: 'sh -c "exit 0"', PATH: process.env.PATH ?? '' } });
    await expect(writePaged(f.io, 'x'.repeat(80) + '\n'.repeat(200_000), false, { rows: 24 })).resolves.toBeUndefined();
    expect(f.out()).toBe('');
  });

  it('short output, a pipe and --no-pager are written directly', async () => {
    const log = join(tmp, 'c.log');
    for (const [isTTY, text, noPager] of [[true, 'short\n', false], [false, big, false], [true, big, true]] as const) {
      const f = fakeIO({ isTTY, env: { ZIBO_PAGER: RECORD, ZIBO_PAGER_LOG: log } });
      await writePaged(f.io, text, noPager, { rows: 24 });
      expect(f.out()).toBe(text);
    }
    expect(existsSync(log)).toBe(false);
  });

  it('startPager is undefined when no pager is configured', async () => {
    expect(await startPager(fakeIO({ isTTY: true, env: { PAGER: 'cat' } }).io)).toBeUndefined();
  });
});

describe('commands page through the IO', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'zibo-pager-cmd-'));
  async function zibo(args: string[], rows: number) {
    const log = join(tmp, `${args.join('_').replace(/\W/g, '')}-${rows}.log`);
    const f = fakeIO({ isTTY: true, columns: 100, env: { ZIBO_PAGER: RECORD, ZIBO_PAGER_LOG: log } });
    Object.assign(f.io, { rows });
    const code = await run(args, f.io, { loadCorpus: fixture });
    return { code, out: f.out(), paged: existsSync(log) ? readFileSync(log, 'utf8') : '' };
  }

  it('facts taller than the terminal go to the pager, count line included', async () => {
    const r = await zibo(['facts'], 10);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.paged).toMatch(/^PAGER /);
    expect(r.paged).toContain('uc-001');
    expect(r.paged.trimEnd().endsWith('10 facts')).toBe(true);
  });

  it('--no-pager and output that fits skip it', async () => {
    expect((await zibo(['facts', '--no-pager'], 10)).paged).toBe('');
    const fits = await zibo(['facts', '-t', '青年'], 200);
    expect(fits.paged).toBe('');
    expect(fits.out).toContain('1 fact');
  });

  it.each([['topics'], ['sources'], ['show', 'uc-002'], ['search', '公交']])('%s pages when tall', async (...args) => {
    const r = await zibo(args, 5);
    expect(r.out).toBe('');
    expect(r.paged).toMatch(/^PAGER /);
  });
});
