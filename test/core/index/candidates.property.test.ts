// Index correctness: every fact that contains the query as a substring is a candidate, and such facts come first.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex, openIndex } from '../../../src/core/index/store.js';
import { factTokens, queryTokens } from '../../../src/core/index/tokens.js';
import type { Fact } from '../../../src/core/types.js';

const REAL: Fact[] = JSON.parse(readFileSync(fileURLToPath(new URL('../../../data/facts.json', import.meta.url)), 'utf8'));
const HAN_ONLY = /^\p{Script=Han}+$/u;

function indexOver(facts: Fact[]) {
  const dir = mkdtempSync(join(tmpdir(), 'zibo-prop-'));
  const file = join(dir, 'i.zix');
  writeFileSync(file, buildIndex(facts, 'h', [], []));
  const index = openIndex(file, 'h');
  return { index, done: () => (index.close(), rmSync(dir, { recursive: true, force: true })) };
}

describe('candidate index', () => {
  it('candidates include every fact whose text contains the query (random facts, random substrings)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: REAL.length - 1 }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 8 }),
        (picks, which, start, len) => {
          const facts = picks.map((p, i) => ({ ...REAL[p]!, id: `p-${i}` }));
          const source = facts[which % facts.length]!;
          const chars = Array.from(source.text);
          const from = start % chars.length;
          const query = chars.slice(from, from + len).join('');
          fc.pre(HAN_ONLY.test(query));
          const { index, done } = indexOver(facts);
          try {
            const got = index.candidateDocs(query, Infinity);
            const want = facts.flatMap((f, i) => (f.text.includes(query) ? [i] : []));
            for (const doc of want) expect(got).toContain(doc);
            // Facts containing the whole query share every query token, the highest score: they survive any limit
            // that keeps all facts holding every token.
            const q = queryTokens(query);
            const full = facts.filter((f) => {
              const t = factTokens(f);
              return q.every((x) => t.has(x));
            }).length;
            const top = index.candidateDocs(query, full);
            for (const doc of want) expect(top).toContain(doc);
          } finally {
            done();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds numbers, English stems, Traditional characters and pinyin', () => {
    const { index, done } = indexOver(REAL);
    try {
      const has = (q: string, pred: (f: Fact) => boolean) => {
        const docs = index.candidateDocs(q, Infinity);
        const want = REAL.flatMap((f, i) => (pred(f) ? [i] : []));
        expect(want.length).toBeGreaterThan(0);
        for (const d of want) expect(docs).toContain(d);
      };
      const withNumber = REAL.find((f) => /\d+\.\d+/.test(f.text))!;
      const num = /\d+\.\d+/.exec(withNumber.text)![0];
      has(num, (f) => f.text.includes(num));
      has('greenways', (f) => /greenway/i.test(f.en));
      has('數據中心', (f) => f.text.includes('数据中心'));
      has('gongjiao', (f) => f.text.includes('公交'));
      has('lvdao', (f) => f.text.includes('绿道'));
    } finally {
      done();
    }
  });

  it('limits candidates, best first', () => {
    const { index, done } = indexOver(REAL);
    try {
      const all = index.candidateDocs('数据中心', Infinity);
      expect(index.candidateDocs('数据中心', 3)).toEqual(all.slice(0, 3));
      expect(index.candidateDocs('', 10)).toEqual([]);
    } finally {
      done();
    }
  });
});
