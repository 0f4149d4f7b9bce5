// Issue 15 "What it must show": on a pseudo-terminal of 40, 60, 100 and 160 columns, facts, search, show, topics,
// sources and help keep every line within the terminal and no id whole-or-nothing; tall output goes through the pager
// (a stand-in that marks the screen) and short output does not; a pipe never pages; q in less ends with exit 0.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { BIN, HAS_PTY, ROOT, zibo } from '../helpers/pty.js';

const RECORD = join(ROOT, 'test/fixtures/pager/record.sh');
const ROWS = 24;
const FACT_IDS = new Set((JSON.parse(readFileSync(join(ROOT, 'data/facts.json'), 'utf8')) as { id: string }[]).map((f) => f.id));
const RELEASE_IDS = new Set((JSON.parse(readFileSync(join(ROOT, 'data/releases.json'), 'utf8')) as { id: string }[]).map((r) => r.id));
const HAS_LESS = spawnSync('less', ['--version'], { stdio: 'ignore' }).status === 0;

const lines = (screen: string) => stripVTControlCharacters(screen).replace(/\n$/, '').split('\n');

const LISTINGS = [['facts'], ['search', '公交'], ['show', 'uc-017'], ['topics'], ['sources']];
const HELP = [['--help'], ['facts', '--help'], ['--lang', 'zh', 'facts', '--help']];

describe.skipIf(!HAS_PTY)('on a pseudo-terminal', () => {
  for (const cols of [40, 60, 100, 160]) {
    for (const args of LISTINGS) {
      it(`zibo ${args.join(' ')} at ${cols} columns: fits, ids whole, paged exactly when taller than the terminal`, () => {
        // The stand-in pager prints "[paged]" and then the text: the screen shows both what was paged and how.
        const r = zibo(args, { cols, rows: ROWS, env: { ZIBO_PAGER: RECORD } });
        expect(r.code).toBe(0);
        const all = lines(r.screen);
        const paged = all[0] === '[paged]';
        const shown = paged ? all.slice(1) : all;
        for (const l of shown) expect(stringWidth(l), l).toBeLessThanOrEqual(cols);
        expect(paged).toBe(shown.length >= ROWS);
        // An id is shown whole or not at all: any uc-/dg- run on screen is a fact id or a release id.
        for (const m of shown.join('\n').matchAll(/(?<![\w-])(?:uc|dg)-[\d-]*/g)) {
          expect(FACT_IDS.has(m[0]) || RELEASE_IDS.has(m[0]), `${m[0]} at ${cols} columns`).toBe(true);
        }
      });
    }
    for (const args of HELP) {
      it(`zibo ${args.join(' ')} at ${cols} columns: no line wider than the terminal`, () => {
        const r = zibo(args, { cols, rows: 200, env: { ZIBO_PAGER: 'cat' } });
        expect(r.code).toBe(0);
        for (const l of lines(r.screen)) expect(stringWidth(l), l).toBeLessThanOrEqual(cols);
      });
    }
  }

  it('every fact of the listing reaches the pager, then the count line', () => {
    const r = zibo(['facts'], { cols: 100, rows: ROWS, env: { ZIBO_PAGER: RECORD } });
    const text = stripVTControlCharacters(r.screen);
    expect(text.startsWith('[paged]\n')).toBe(true);
    expect(new Set(text.match(/\b(?:uc|dg)-\d{3}\b/g))).toEqual(FACT_IDS);
    expect(lines(r.screen).pop()).toBe(`${FACT_IDS.size} facts`);
  });

  it('--no-pager and ZIBO_PAGER=cat write directly; a pager that is not installed too, without a message', () => {
    for (const env of [{ ZIBO_PAGER: RECORD }, { ZIBO_PAGER: 'cat' }, { ZIBO_PAGER: '/nonexistent/pager' }]) {
      const args = env.ZIBO_PAGER === RECORD ? ['facts', '--no-pager'] : ['facts'];
      const r = zibo(args, { cols: 100, rows: ROWS, env });
      expect(r.code).toBe(0);
      const all = lines(r.screen);
      expect(all[0]).not.toBe('[paged]');
      expect(all[0]).toMatch(/^┌/);
      expect(all.pop()).toBe(`${FACT_IDS.size} facts`);
    }
  });

  it.skipIf(!HAS_LESS)('less -FRX is the default; q quits it with exit 0 and no error', () => {
    const env = { ZIBO_PAGER: undefined, PAGER: undefined, LESS: undefined };
    const r = zibo(['topics'], { cols: 100, rows: ROWS, env, keys: 'q', keysAfter: 1.5 });
    expect(r.code).toBe(0);
    const text = stripVTControlCharacters(r.screen);
    expect(text).toContain('公交');
    expect(text).not.toMatch(/EPIPE|Error|error/);
  });

  it('PAGER is used when ZIBO_PAGER is not set', () => {
    const r = zibo(['topics'], { cols: 100, rows: ROWS, env: { ZIBO_PAGER: undefined, PAGER: RECORD } });
    expect(lines(r.screen)[0]).toBe('[paged]');
  });
});

describe('in a pipe', () => {
  it('never pages, whatever the pager settings', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'zibo-pipe-')), 'pager.log');
    const r = spawnSync(process.execPath, [BIN, 'facts'], { encoding: 'utf8', env: { ...process.env, ZIBO_PAGER: RECORD, ZIBO_PAGER_LOG: log, PAGER: RECORD } });
    expect(r.status).toBe(0);
    expect(existsSync(log)).toBe(false);
    expect(r.stdout.trim().split('\n')).toHaveLength(FACT_IDS.size); // no count line either
  });
});
