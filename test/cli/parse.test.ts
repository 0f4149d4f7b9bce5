import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { loadCorpus } from '../../src/core/corpus.js';
import { parseNumber } from '../../src/cli/parse.js';

describe('--min/--max read compound magnitudes', () => {
  it('parseNumber is the shared parser', () => {
    expect(parseNumber('1千亿')).toBe(1e11);
    expect(parseNumber('3百亿')).toBe(3e10);
    expect(parseNumber('5十万')).toBe(5e5);
  });

  it('zibo facts --min 3百亿 keeps only figures of at least 3e10; --min 1千亿 none', async () => {
    const big = loadCorpus().facts.filter((f) => (f.scaled ?? -1) >= 3e10).map((f) => f.id);
    expect(big.length).toBeGreaterThan(0);
    const r = await cli(['facts', '--min', '3百亿', '--fields', 'id'], { corpus: loadCorpus });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(big);
    const none = await cli(['facts', '--min', '1千亿', '--json'], { corpus: loadCorpus });
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toEqual([]);
    const some = await cli(['facts', '--max', '1千亿', '--min', '3百亿', '--fields', 'id'], { corpus: loadCorpus });
    expect(some.stdout.trim().split('\n')).toEqual(big);
  });
});
