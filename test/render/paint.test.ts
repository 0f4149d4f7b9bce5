import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import { chalkFor, paint } from '../../src/render/paint.js';

describe('paint: every colour is chalk, at the level of the one decision', () => {
  it('colour off: text passes unchanged, whatever the terminal says', () => {
    const old = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = '3';
    try {
      const s = paint({ color: false });
      for (const f of Object.values(s)) expect(f('超4.3万个\nline')).toBe('超4.3万个\nline');
      expect(chalkFor({ color: false }).level).toBe(0);
    } finally {
      if (old === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = old;
    }
  });

  it('colour on: chalk codes (bold yellow figure, cyan id, bold header)', () => {
    const s = paint({ color: true });
    expect(s.figure('41条')).toBe('\x1b[1m\x1b[33m41条\x1b[39m\x1b[22m');
    expect(s.id('uc-002')).toBe('\x1b[36muc-002\x1b[39m');
    expect(s.header('ID')).toBe('\x1b[1mID\x1b[22m');
    expect(s.mark('x')).toBe(new Chalk({ level: 1 }).underline.yellow('x'));
  });

  it('the level follows the IO when it knows one', () => {
    expect(chalkFor({ color: true }).level).toBe(1);
    expect(chalkFor({ color: true, colorLevel: 3 }).level).toBe(3);
    expect(chalkFor({ color: true, colorLevel: 0 }).level).toBe(1);
  });
});

// The modules a pipe loads (TSV, JSON, …) must not load chalk or cli-table3: only the table renderer, itself
// loaded through import(), brings them. Follows the static imports from the renderer registry.
describe('pipes never load chalk or cli-table3', () => {
  const ROOT = fileURLToPath(new URL('../../src/', import.meta.url));
  function staticImports(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|^export\s+\*\s+from\s+['"]([^'"]+)['"]/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) staticImports(resolve(dirname(file), spec.replace(/\.js$/, '.ts')), seen);
      else seen.add(spec);
    }
    return seen;
  }
  it('src/render/index.ts reaches neither statically; table.ts does', () => {
    const fromIndex = staticImports(join(ROOT, 'render/index.ts'));
    expect(fromIndex.has('chalk')).toBe(false);
    expect(fromIndex.has('cli-table3')).toBe(false);
    expect([...fromIndex].some((f) => f.endsWith('table.ts'))).toBe(false);
    const fromTable = staticImports(join(ROOT, 'render/table.ts'));
    expect(fromTable.has('chalk')).toBe(true);
    expect(fromTable.has('cli-table3')).toBe(true);
  });
  it('neither do show.ts and cite.ts (show loads paint only for its terminal view)', () => {
    for (const f of ['cli/show.ts', 'cli/cite.ts']) expect(staticImports(join(ROOT, f)).has('chalk'), f).toBe(false);
  });
});
