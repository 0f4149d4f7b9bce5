// Scoring for the blind news fixtures (test/fixtures/news-blind): recall and precision of (value, unit, scaled).
// Shared by news-blind.test.ts and by `npx tsx test/extract/news-blind.score.ts` (prints every miss).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractQuantities } from '../../src/extract/quantities.js';

export const BLIND_DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/news-blind');

interface Triple {
  value: number;
  unit: string | null;
  scaled: number;
}
interface ExpectedQuantity extends Triple {
  text: string;
  qualifier: string;
  alt?: Triple[];
}
interface Expected {
  quantities: ExpectedQuantity[];
  /** Figures whose reading is legitimately open (数十个, 1:7): extracting them is neither a hit nor a false positive. */
  ignore: string[];
  traps: string[];
}
export interface Found extends Triple {
  text: string;
  qualifier: string;
  start: number;
}
export interface TextScore {
  name: string;
  expected: number;
  found: number;
  matched: number;
  qualifierRight: number;
  missed: ExpectedQuantity[];
  spurious: Found[];
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) || Math.abs(a - b) < 1e-4 && Math.abs(a) < 1;
const same = (e: Triple, f: Triple): boolean => e.unit === f.unit && close(e.value, f.value) && close(e.scaled, f.scaled);

/** Quantities as scored: dates are not quantities; a range counts as its two ends, each with the range's unit. */
export function found(text: string): Found[] {
  const out: Found[] = [];
  for (const q of extractQuantities(text)) {
    if (q.kind === 'date' || q.value === null) continue;
    const base = { text: q.text, qualifier: q.qualifier, start: q.offset[0], unit: q.unit };
    out.push({ ...base, value: q.value, scaled: q.scaled ?? q.value });
    if (q.kind === 'range' && q.high != null) out.push({ ...base, value: q.high, scaled: q.highScaled ?? q.high });
  }
  return out;
}

export function scoreText(name: string): TextScore {
  const text = readFileSync(join(BLIND_DIR, `${name}.txt`), 'utf8');
  const expected = JSON.parse(readFileSync(join(BLIND_DIR, `${name}.expected.json`), 'utf8')) as Expected;
  const ignored = (f: Found): boolean =>
    expected.ignore.some((s) => {
      for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) if (f.start >= i && f.start < i + s.length) return true;
      return false;
    });
  const pool = found(text).filter((f) => !ignored(f));
  const used = new Set<number>();
  const missed: ExpectedQuantity[] = [];
  let qualifierRight = 0;
  for (const e of expected.quantities) {
    const i = pool.findIndex((f, k) => !used.has(k) && [e, ...(e.alt ?? [])].some((t) => same(t, f)));
    if (i < 0) {
      missed.push(e);
      continue;
    }
    used.add(i);
    if (pool[i]!.qualifier === e.qualifier) qualifierRight++;
  }
  return {
    name,
    expected: expected.quantities.length,
    found: pool.length,
    matched: used.size,
    qualifierRight,
    missed,
    spurious: pool.filter((_, k) => !used.has(k)),
  };
}

export const blindNames = (): string[] =>
  readdirSync(BLIND_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);

export function report(scores: TextScore[]): string {
  const lines = ['text          exp  found  hit  recall  precision  qualifier'];
  const row = (n: string, s: { expected: number; found: number; matched: number; qualifierRight: number }) =>
    `${n.padEnd(13)} ${String(s.expected).padStart(3)}  ${String(s.found).padStart(5)}  ${String(s.matched).padStart(3)}  ` +
    `${pct(s.matched, s.expected).padStart(6)}  ${pct(s.matched, s.found).padStart(9)}  ${pct(s.qualifierRight, s.matched).padStart(9)}`;
  for (const s of scores) lines.push(row(s.name, s));
  const sum = (k: 'expected' | 'found' | 'matched' | 'qualifierRight') => scores.reduce((a, s) => a + s[k], 0);
  lines.push(row('ALL', { expected: sum('expected'), found: sum('found'), matched: sum('matched'), qualifierRight: sum('qualifierRight') }));
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const scores = blindNames().map(scoreText);
  for (const s of scores) {
    for (const m of s.missed) console.log(`${s.name}\tMISS\t${m.text}\t${m.value} ${m.unit} ${m.scaled}`);
    for (const f of s.spurious) console.log(`${s.name}\tEXTRA\t${f.text}\t${f.value} ${f.unit} ${f.scaled}`);
  }
  console.log(report(scores));
}
