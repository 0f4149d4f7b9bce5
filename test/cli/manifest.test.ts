// A run builds only the command its command line names; the manifest names every command exactly once.

import { describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../src/cli/manifest.js';
import { createCtx } from '../../src/cli/context.js';
import { cli, fakeIO, fixture } from '../helpers/cli.js';

const built: string[] = [];
vi.mock('../../src/cli/check.js', async (original) => ({
  ...(await original<object>()),
  checkCommand: () => {
    built.push('check');
    throw new Error('check was built');
  },
}));

describe('one command per run', () => {
  it('facts, search, show and a bad option of facts never build check', async () => {
    for (const args of [['facts', '--json'], ['search', '公交', '--json'], ['show', 'uc-002'], ['facts', '--nope'], ['fact'], ['--help']]) {
      const r = await cli(args);
      expect(r.stderr).not.toContain('check was built');
    }
    expect(built).toEqual([]);
  });
  it('check builds check (and its help loads it too)', async () => {
    expect((await cli(['check', 'x'])).stderr).toContain('check was built');
    expect((await cli(['help', 'check'])).stderr).toContain('check was built');
    expect(built).toEqual(['check', 'check']);
  });
});

describe('the manifest', () => {
  it('names each command once, and each module builds the command of its name', async () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const ctx = createCtx(fakeIO().io, { loadCorpus: fixture });
    const { Command } = await import('commander');
    for (const entry of COMMANDS.filter((c) => c.name !== 'check')) {
      expect((await entry.load())(ctx, new Command('zibo')).name()).toBe(entry.name);
    }
  });
});
