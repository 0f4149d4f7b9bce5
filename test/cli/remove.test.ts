import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STACK, fakeIO } from '../helpers/cli.js';
import { createCtx } from '../../src/cli/context.js';
import { handleError } from '../../src/cli/program.js';
import { runAdd } from '../../src/cli/add.js';
import { runRemove, type Confirm, type RemoveOptions } from '../../src/cli/remove.js';

const FX = (name: string) => fileURLToPath(new URL(`../core/library/fixtures/${name}`, import.meta.url));
let home: string;
beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'zibo-rm-'));
  const f = fakeIO({ env: { ZIBO_HOME: home } });
  await runAdd(FX('environment.md'), {}, createCtx(f.io));
  await runAdd(FX('transport-tw.txt'), { domain: 'transport' }, createCtx(f.io));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function remove(id: string, opts: RemoveOptions = {}, confirm?: Confirm, lang: 'en' | 'zh' = 'en') {
  const f = fakeIO({ env: { ZIBO_HOME: home }, lang });
  const ctx = createCtx(f.io);
  let code: number;
  try {
    await runRemove(id, opts, ctx, confirm);
    code = ctx.exitCode;
  } catch (e) {
    code = handleError(e, ctx);
  }
  return { code, stdout: f.out(), stderr: f.err() };
}
const files = () => readdirSync(join(home, 'releases')).sort();

describe('zibo remove', () => {
  it('says what it removes, then removes it (no question when not on a terminal)', async () => {
    const r = await remove('environment-2023-03-15');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^removing environment-2023-03-15: 淄博市生态环境质量持续改善 空气优良天数达到265天 \(19 facts, added \d{4}-\d\d-\d\d from .*environment\.md\)\n$/);
    expect(r.stdout).toBe('removed environment-2023-03-15 (19 facts)\n');
    expect(files()).toEqual(['transport-2023-05-09.json']);
  });

  it('--json', async () => {
    const r = await remove('transport-2023-05-09', { json: true });
    expect(JSON.parse(r.stdout)).toEqual({ status: 'removed', id: 'transport-2023-05-09', facts: 11, file: join(home, 'releases', 'transport-2023-05-09.json') });
  });

  it('asks on a terminal; anything but yes keeps it (exit 1); --yes skips the question', async () => {
    const asked: string[] = [];
    const no: Confirm = async (q) => (asked.push(q), false);
    const r = await remove('environment-2023-03-15', {}, no);
    expect(asked).toEqual(['remove it? [y/N] ']);
    expect(r.code).toBe(1);
    expect(r.stderr.endsWith('nothing removed\n')).toBe(true);
    expect(files()).toHaveLength(2);
    const y = await remove('environment-2023-03-15', { yes: true }, no);
    expect(y.code).toBe(0);
    expect(asked).toHaveLength(1);
    expect(files()).toEqual(['transport-2023-05-09.json']);
  });

  it('a bundled release cannot be removed: exit 2', async () => {
    const r = await remove('uc-2022-12-08');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'zibo: uc-2022-12-08 is a bundled release and cannot be removed; only releases added with zibo add can\n' });
  });

  it('an unknown id: exit 2 with the nearest ids and the list', async () => {
    const r = await remove('environment-2023-03-16');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`zibo: no added release "environment-2023-03-16" in the library ${home}\n`
      + '  did you mean environment-2023-03-15?\n  added releases: environment-2023-03-15, transport-2023-05-09\n');
    expect(r.stderr).not.toMatch(STACK);
    const byPrefix = await remove('tra');
    expect(byPrefix.stderr).toContain('  did you mean transport-2023-05-09?\n');
  });

  it('removes a broken record file by its id', async () => {
    writeFileSync(join(home, 'releases', 'junk-1.json'), 'not json');
    const r = await remove('junk-1');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`removing junk-1: a broken record file ${join(home, 'releases', 'junk-1.json')}\n`);
    expect(files()).toHaveLength(2);
  });
});
