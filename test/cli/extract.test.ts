import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ANSI, STACK, cli, fakeIO, widest } from '../helpers/cli.js';
import { createCtx } from '../../src/cli/context.js';
import { handleError } from '../../src/cli/program.js';
import { runExtract } from '../../src/cli/extract.js';
import { extractQuantities } from '../../src/extract/quantities.js';
import { readFileSync } from 'node:fs';

const NEWS = fileURLToPath(new URL('../fixtures/news/traditional.txt', import.meta.url));
const DRAFT = fileURLToPath(new URL('../fixtures/drafts/bus-parks.txt', import.meta.url));

async function extractStdin(bytes: Buffer, args: { json?: boolean } = {}) {
  const f = fakeIO();
  const ctx = createCtx(f.io);
  let code: number;
  try {
    await runExtract('-', args, ctx, { readStdin: async () => bytes, readFile: () => Buffer.alloc(0) });
    code = ctx.exitCode;
  } catch (e) {
    code = handleError(e, ctx);
  }
  return { code, stdout: f.out(), stderr: f.err() };
}

describe('zibo extract', () => {
  it('--json prints the extractor records of the file', async () => {
    const r = await cli(['extract', DRAFT, '--json']);
    expect(r.code).toBe(0);
    const expected = extractQuantities(readFileSync(DRAFT, 'utf8'));
    const got = JSON.parse(r.stdout);
    expect(got).toHaveLength(expected.length);
    expect(got.map((q: { text: string }) => q.text)).toEqual(expected.map((q) => q.text));
    expect(got[1]).toMatchObject({ text: '41条', value: 41, unit: '条', qualifier: 'exact', scaled: 41, baseUnit: '条', kind: 'count' });
    expect(Object.keys(got[0])).toEqual(['text', 'value', 'unit', 'qualifier', 'scaled', 'baseUnit', 'kind', 'date', 'high', 'highScaled', 'offset', 'sentence']);
  });

  it('piped: TSV, one quantity per line (figure, value, unit, scaled, qualifier, sentence)', async () => {
    const r = await cli(['extract', DRAFT]);
    const first = r.stdout.split('\n')[1]!.split('\t');
    expect(first.slice(0, 5)).toEqual(['41条', '41', '条', '41', 'exact']);
    expect(r.stdout).not.toMatch(/\x1b/);
  });

  it('Traditional characters, on a terminal: a coloured table fitting the width', async () => {
    const r = await cli(['extract', NEWS], { isTTY: true, columns: 80, color: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(ANSI);
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
  });

  it('--year sets the year of dates written without one', async () => {
    const r = await cli(['extract', DRAFT, '--json', '--year', '2021']);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ text: '12月8日', kind: 'date', date: '2021-12-08' });
  });

  it('csv and md through the renderer registry', async () => {
    expect((await cli(['extract', DRAFT, '--format', 'csv'])).stdout.split('\n')[0]).toContain('text');
    expect((await cli(['extract', DRAFT, '--format', 'md'])).stdout).toMatch(/^\| Figure \|/);
  });

  it('reads stdin with -', async () => {
    const r = await extractStdin(Buffer.from('共 235 个项目,总投资1035 亿元。'), { json: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((q: { scaled: number }) => q.scaled)).toEqual([235, 103500000000]);
  });

  it('no quantities: exit 1, and --json prints []', async () => {
    const r = await extractStdin(Buffer.from('淄博是一座历史文化名城。'), { json: true });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('bad input: missing file, empty, binary: exit 2 with a message, no stack trace', async () => {
    const missing = await cli(['extract', '/nonexistent.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read /nonexistent.txt');
    for (const bytes of [Buffer.alloc(0), Buffer.from('  \n'), Buffer.from([0xff, 0xfe, 0x00, 0x41])]) {
      const r = await extractStdin(bytes);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/empty|not UTF-8/);
      expect(r.stderr).not.toMatch(STACK);
    }
  });
});
