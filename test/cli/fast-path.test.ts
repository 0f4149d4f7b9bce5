// The start-up fast path must pass the run functions exactly what commander would, or step aside.

import { describe, expect, it } from 'vitest';
import { linkCommand, planFast, runMain } from '../../src/cli/fast-path.js';
import { buildProgram } from '../../src/cli/program.js';
import { createCtx } from '../../src/cli/context.js';
import { fakeIO, fixture } from '../helpers/cli.js';

/** What commander hands to the facts/search actions for argv (null: it failed, printed help, or ran another command). */
async function commanderPlan(argv: string[]) {
  const ctx = createCtx(fakeIO().io, { loadCorpus: fixture });
  const program = buildProgram(ctx);
  let got: { command: string; opts: Record<string, unknown>; words: string[] } | null = null;
  for (const cmd of program.commands) {
    const name = cmd.name();
    if (name === 'facts') cmd.action((opts: Record<string, unknown>) => void (got = { command: name, opts: { ...opts }, words: [] }));
    if (name === 'show') cmd.action((id: string, opts: Record<string, unknown>) => void (got = { command: name, opts: { ...opts }, words: [id] }));
    if (name === 'search') {
      cmd.action((words: string[], opts: Record<string, unknown>) => void (got = { command: name, opts: { ...opts }, words }));
    }
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch {
    return null;
  }
  return got;
}

const TAKEN: string[][] = [
  ['facts'],
  ['facts', '--topic', '公交'],
  ['facts', '--topic=公交', '--json'],
  ['facts', '--domain', 'dg', '--sort', 'scaled', '--limit', '5'],
  ['facts', '--desc', '--format', 'csv', '--fields', 'id,value'],
  ['--no-color', 'facts', '--unit', '亿元', '--section', '数字'],
  ['--lang', 'zh', 'facts', '--topic', 'bus'],
  ['facts', '--topic', '公交', '--no-color', '--lang=en'],
  ['--data', 'x.json', 'facts'],
  ['facts', '--data=x.json', '--json'],
  ['search', '数据中心'],
  ['search', '数据中心', '--json'],
  ['search', '--json', 'qingnian', 'zhi', 'jia', '--limit', '3'],
  ['search', '公交', '--domain', 'uc', '--explain', '--topic', '公交'],
  ['search', '', '--json'],
  ['show', 'uc-1'],
  ['show', 'uc-017', '--json'],
  ['--lang', 'zh', 'show', '--fields', 'id,value', 'uc-017', '--format', 'csv'],
  ['show', 'nosuch', '--no-color'],
];

const STEPS_ASIDE: string[][] = [
  [], ['--help'], ['-h'], ['-V'], ['facts', '--help'], ['search', '-h'], ['show'], ['show', 'a', 'b'], ['show', 'uc-1', '--limit', '2'], ['show', 'uc-1', '--topic', 'x'],
  ['show', '--help'], ['show', '-x'], ['topics'], ['help', 'facts'],
  ['facts', 'extra'], ['facts', '--topic'], ['facts', '--topic', '--json'], ['facts', '--topic', 'a', '--topic', 'b'],
  ['facts', '--min', '1万'], ['facts', '--limit', '0'], ['facts', '--limit', '+3'], ['facts', '--limit', '1e3'],
  ['facts', '--json=1'], ['facts', '--explain'], ['search'], ['search', '--', '-x'], ['search', '-5'],
  ['search', 'x', '--sort', 'id'], ['search', 'x', '--lang', 'fr'], ['facts', '--bogus'], ['--limit', '3', 'facts'],
  ['--topic', '公交', 'facts'], ['facts', '--no-color', '--no-color'], ['facts', '--sort', '-scaled'],
];

describe('fast path', () => {
  for (const argv of TAKEN) {
    it(`takes ${JSON.stringify(argv)} with commander's options`, async () => {
      const plan = planFast(argv);
      expect(plan).not.toBeNull();
      expect(plan).toEqual(await commanderPlan(argv));
    });
  }
  for (const argv of STEPS_ASIDE) {
    it(`steps aside for ${JSON.stringify(argv)}`, () => expect(planFast(argv)).toBeNull());
  }

  it('prints exactly what the commander program prints (bundled corpus, pipe and terminal)', async () => {
    const cases = [['facts', '--topic', '公交'], ['search', '数据中心', '--json'], ['facts', '--domain', 'dg', '--limit', '2'],
      ['facts', '--topic', 'nope'], ['search', '', '--json'], ['search', 'zzzzqqq', '--json'], ['show', 'uc-017'],
      ['show', 'uc-017', '--json'], ['show', 'uc-017', '--format', 'md'], ['show', 'uc-17x']];
    for (const argv of cases) {
      for (const isTTY of [false, true]) {
        const fast = fakeIO({ isTTY, columns: 100 });
        const slow = fakeIO({ isTTY, columns: 100, env: { ZIBO_FAST_PATH: '0' } });
        const a = await runMain(argv, fast.io);
        const b = await runMain(argv, slow.io);
        expect([a, fast.out(), fast.err()]).toEqual([b, slow.out(), slow.err()]);
      }
    }
  });
});

describe('linkCommand (a bundle with its command linked in)', () => {
  it('runs the linked function with the plan, and output stays that of the command', async () => {
    const seen: unknown[] = [];
    const { runSearch } = await import('../../src/cli/search.js');
    linkCommand('search', (plan, ctx) => {
      seen.push(plan.words);
      return runSearch(plan.words, plan.opts, ctx);
    });
    const linked = fakeIO({ isTTY: false, columns: 100 });
    const slow = fakeIO({ isTTY: false, columns: 100, env: { ZIBO_FAST_PATH: '0' } });
    expect(await runMain(['search', '公交', '--json'], linked.io)).toBe(await runMain(['search', '公交', '--json'], slow.io));
    expect(linked.out()).toBe(slow.out());
    expect(seen).toEqual([['公交']]);
  });
});
