// End-to-end on a real pseudo-terminal (python3's pty module, as the bench uses): the width comes from the
// terminal, tables and colour are drawn, and Node's own process.stdout path gives the same screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_PTY, ROOT, zibo } from '../helpers/pty.js';

function onTerminal(cols: number, args: string[], env: Record<string, string> = {}) {
  return zibo(args, { cols, env });
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const width = (line: string) => [...plain(line)].reduce((n, c) => n + (/[\u2E80-\u9FFF\uFF00-\uFF60]/.test(c) ? 2 : 1), 0);

describe.skipIf(!HAS_PTY)('on a terminal', () => {
  it.each([100, 60])('facts --topic 公交 draws a coloured table within %i columns', (cols) => {
    const r = onTerminal(cols, ['facts', '--topic', '公交']);
    expect(r.code).toBe(0);
    expect(r.screen).toContain('┌');
    expect(r.screen).toContain('\x1b[');
    expect(plain(r.screen)).toContain('调整公交线路41条');
    const lines = r.screen.split('\n').filter(Boolean);
    expect(Math.max(...lines.map(width))).toBeLessThanOrEqual(cols);
    expect(Math.max(...lines.map(width))).toBeGreaterThan(cols - 45);
  });

  it('gives the same screen with pending deprecations asked for, and no warning (no process.binding)', () => {
    const fast = onTerminal(80, ['facts', '--topic', '公交']);
    const node = onTerminal(80, ['facts', '--topic', '公交'], { NODE_OPTIONS: '--pending-deprecation' });
    expect(node.code).toBe(0);
    expect(node.screen).toBe(fast.screen); // and no deprecation warning on the terminal
  });

  it('COLUMNS overrides the terminal width', () => {
    const r = onTerminal(120, ['facts', '--topic', '公交'], { COLUMNS: '60' });
    expect(r.code).toBe(0);
    const lines = r.screen.split('\n').filter(Boolean);
    expect(Math.max(...lines.map(width))).toBeLessThanOrEqual(60);
  });

  it('help on a terminal wraps at its width (Chinese counts two columns)', () => {
    for (const cols of [60, 80]) {
      const r = onTerminal(cols, ['--lang', 'zh', 'facts', '--help']);
      expect(r.code).toBe(0);
      expect(Math.max(...r.screen.split('\n').map(width))).toBeLessThanOrEqual(cols);
    }
  });

  it('a long listing reaches the terminal whole', () => {
    const r = onTerminal(120, ['facts'], { ZIBO_PAGER: 'cat' }); // 'cat': no pager (src/cli/pager.ts)
    expect(r.code).toBe(0);
    const ids = new Set(plain(r.screen).match(/\b(?:uc|dg)-\d{3}\b/g));
    expect(ids.size).toBe((JSON.parse(readFileSync(join(ROOT, 'data/facts.json'), 'utf8')) as unknown[]).length);
  });
});
