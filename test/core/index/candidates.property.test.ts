// Index correctness: every fact that contains the query as a substring is a candidate, and such facts come first;
// the postings, which keep a bigram for its characters and pinyin, score every record exactly as the full token
// sets of factTokens would; the index file and the index in memory agree.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIndex, openIndex, writeIndex, type OpenIndex } from '../../../src/core/index/store.js';
import { RecordScanner } from '../../../src/core/index/json-scan.js';
import { postingsOf } from '../../../src/core/index/postings.js';
import { crc32 } from '../../../src/core/index/crc32.js';
import { factTokens, queryTokens } from '../../../src/core/index/tokens.js';
import type { Fact } from '../../../src/core/types.js';

const REAL: Fact[] = JSON.parse(readFileSync(fileURLToPath(new URL('../../../data/facts.json', import.meta.url)), 'utf8'));
const HAN_ONLY = /^\p{Script=Han}+$/u;

/** The index of `facts` as a cache file over a data file holding them, and the same index in memory. */
function indexOver(facts: Fact[]): { index: OpenIndex; memory: OpenIndex; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'zibo-prop-'));
  const dataFile = join(dir, 'facts.json');
  const bytes = Buffer.from(JSON.stringify(facts, null, 1));
  writeFileSync(dataFile, bytes);
  const scanner = new RecordScanner();
  expect(scanner.feed(bytes, 0, 0, bytes.length) && scanner.done).toBe(true);
  const { starts, ends } = scanner;
  const table = { at: starts, len: starts.map((s, i) => ends[i]! - s), crc: starts.map((s, i) => crc32(bytes.subarray(s, ends[i]))) };
  const parts: Buffer[] = [];
  parts[0] = writeIndex(postingsOf(facts), table, { hash: 'h', size: bytes.length }, [], [], (p) => parts.push(Buffer.from(p)));
  const file = join(dir, 'i.zix');
  writeFileSync(file, Buffer.concat(parts));
  const index = openIndex(file, 'h', { dataFile, check: (raw) => raw as Fact });
  return { index, memory: memoryIndex(facts, [], []), done: () => (index.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** Candidates as the full token sets give them: each query token weighs log(1 + n / df) for every record that holds it. */
function reference(facts: Fact[], query: string): number[] {
  const sets = facts.map(factTokens);
  const score = new Map<number, number>();
  for (const t of queryTokens(query)) {
    const docs = sets.flatMap((set, i) => (set.has(t) ? [i] : []));
    if (docs.length === 0) continue;
    const w = Math.log(1 + facts.length / docs.length);
    for (const d of docs) score.set(d, (score.get(d) ?? 0) + w);
  }
  return [...score.keys()].sort((a, b) => score.get(b)! - score.get(a)! || a - b);
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

  it('scores every record as the full token sets do: bigrams stand in for their characters and pinyin', () => {
    const chars = [...new Set(REAL.flatMap((f) => Array.from(f.text)).filter((c) => HAN_ONLY.test(c)))];
    const query = fc.oneof(
      fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 4 }).map((cs) => cs.join('')), // Han, single characters too
      fc.constantFrom('gongjiao', 'shuju zhongxin', 'qingnianzhijia', 'lvdao', 'zibo', 'chang', 'buses', '5G'), // pinyin, English
      fc.tuple(fc.constantFrom(...chars), fc.constantFrom(' ', ' 5G ', '，'), fc.constantFrom(...chars)).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: REAL.length - 1 }), { minLength: 1, maxLength: 40 }), fc.array(query, { minLength: 1, maxLength: 5 }), (picks, queries) => {
        const facts = picks.map((p, i) => ({ ...REAL[p]!, id: `p-${i}` }));
        const { index, memory, done } = indexOver(facts);
        try {
          for (const q of queries) {
            const want = reference(facts, q);
            expect(index.candidateDocs(q, Infinity), q).toEqual(want);
            expect(memory.candidateDocs(q, Infinity), q).toEqual(want);
          }
        } finally {
          done();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reads records back from the data file, checked against their checksums', () => {
    const { index, done } = indexOver(REAL.slice(0, 30));
    try {
      expect(index.records([3, 0, 29])).toEqual([REAL[3], REAL[0], REAL[29]]);
      expect(() => index.verify()).not.toThrow();
    } finally {
      done();
    }
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
