// Mutation benchmark of `zibo check` (the way AggChecker, SIGMOD 2019, evaluates a claim checker): from every
// quantity fact of the corpus, the sentence as written and true restatements of it (must not be flagged), and the
// sentence with one figure slipped (a changed digit, 万↔亿, the figure of a sibling claim, another unit, the
// opposite hedge: each must be flagged). Plus hand-written drafts in data/eval/check/drafts.json, in other words
// than the releases'. Prints caught and false-alarm rates per type, then the time to check a 5 MB draft.
//
//   npm run eval:check [-- --seed N] [-- --no-timing]

import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCorpus } from '../src/core/corpus.js';
import { checkDraft, type Claim } from '../src/core/check.js';
import type { Corpus, Fact } from '../src/core/types.js';

export type Expect = 'match' | 'mismatch';

export interface Case {
  type: string;
  expect: Expect;
  draft: string;
  /** Where the figure under test starts in the draft. */
  at: number;
  fact: string;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same cases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CN = '一二三四五六七八九';
/** Other measure words a slip may write: same number, another unit. */
const OTHER_UNIT: Record<string, string> = { 个: '项', 条: '个', 项: '个', 处: '个', 户: '人', 公里: '米', 公顷: '亩', 套: '户', 家: '个', 辆: '台', 场: '次', 片: '处', 次: '场', 人次: '人', 人: '户', 元: '美元', 立方: '吨', 批: '个', 年: '个月', 方面: '项', 级: '个', 大: '项' };

/** Where the fact's figure sits in its sentence, or -1. */
function figureAt(f: Fact): number {
  const t = f.sentence.indexOf(f.text);
  if (t < 0 || !f.figure) return -1;
  const i = f.text.indexOf(f.figure);
  return i < 0 ? -1 : t + i;
}

const replaceAt = (s: string, at: number, len: number, by: string) => s.slice(0, at) + by + s.slice(at + len);

/** One digit of the figure changed (Arabic or Chinese); null when it has none. */
function changeDigit(figure: string, r: () => number): string | null {
  const spots = [...figure].map((c, i) => [c, i] as const).filter(([c]) => /[0-9]/.test(c) || CN.includes(c));
  if (spots.length === 0) return null;
  const [c, i] = spots[Math.floor(r() * spots.length)]!;
  // 一 alone is an article (一年行动), not a count: it is not a slip the checker could see.
  const pool = /[0-9]/.test(c) ? '0123456789'.replace(c, '') : CN.replace(c, '').replace('一', '');
  let d = pool[Math.floor(r() * pool.length)]!;
  if (d === '0' && (i === 0 || !/[0-9.]/.test(figure[i - 1] ?? ''))) d = '9'; // no leading zero
  if (d === c) return null;
  const out = figure.slice(0, i) + d + figure.slice(i + 1);
  // A date slipped into no date (9月70日, 91月16日) is not a figure any more.
  const date = /^(\d+)月(\d+)日$/.exec(out);
  if (date && (Number(date[1]) > 12 || Number(date[2]) > 31 || Number(date[2]) === 0 || Number(date[1]) === 0)) return null;
  return out;
}

/** 万↔亿, or 万 added before a unit without a magnitude. */
function changeMagnitude(f: Fact): string | null {
  const fig = f.figure!;
  if (fig.includes('万')) return fig.replace('万', '亿');
  if (fig.includes('亿')) return fig.replace('亿', '万');
  if (!f.baseUnit || f.kind !== 'quantity' || !/[0-9]/.test(fig)) return null;
  const at = fig.lastIndexOf(f.baseUnit);
  return at < 0 ? null : fig.slice(0, at) + '万' + fig.slice(at);
}

function changeUnit(f: Fact): string | null {
  const fig = f.figure!;
  const u = f.baseUnit;
  if (!u || !OTHER_UNIT[u]) return null;
  const at = fig.lastIndexOf(u);
  return at < 0 ? null : fig.slice(0, at) + OTHER_UNIT[u] + fig.slice(at + u.length);
}

/** The opposite hedge: 近70亿元 → 超过70亿元, 超4.3万个 → 近4.3万个. */
function flipHedge(f: Fact): string | null {
  const fig = f.figure!;
  if (f.qualifier === 'nearly') return fig.replace(/^(将近|接近|近)/, '超过');
  if (f.qualifier === 'more-than') {
    const bare = fig.replace(/^(超过|超|逾)/, '').replace(/[余多](?=\D*$)/, '');
    return '不到' + bare;
  }
  return null;
}

/** True restatements: rounded (195公里 for 195.3公里), hedged round (约…), a hedge dropped or added. */
function restatements(f: Fact): Array<[string, string]> {
  const fig = f.figure!;
  const out: Array<[string, string]> = [];
  const v = f.value;
  if (v === null || f.kind !== 'quantity' || !/[0-9]/.test(fig)) return out;
  const num = /[0-9]+(?:\.[0-9]+)?/.exec(fig)![0];
  if (f.qualifier === 'exact') {
    if (num.includes('.') && Math.abs(Math.round(v) - v) <= 0.01 * v) out.push(['rounded', fig.replace(num, String(Math.round(v)))]);
    if (v >= 20) {
      const p = 10 ** (String(Math.trunc(v)).length - 2);
      const round = Math.round(v / p) * p;
      if (round !== v) out.push(['hedged round', '约' + fig.replace(num, String(round))]);
    }
    out.push(['hedge added', '超过' + fig]);
  } else {
    const bare = fig.replace(/^(将近|接近|近|超过|超|逾|约)/, '').replace(/余(?=\D*$)/, '');
    out.push(['hedge dropped', bare]);
  }
  return out;
}

/** Other wordings around the figure: prefixes and the clause alone. */
const FRAMES: ReadonlyArray<(clause: string) => string> = [
  (c) => `据了解,今年淄博${c}。`,
  (c) => `记者从发布会上获悉,${c}。`,
  (c) => `${c},相关工作正在推进。`,
];

export function buildCases(corpus: Corpus, seed = 12): Case[] {
  const r = rng(seed);
  const out: Case[] = [];
  const facts = corpus.facts.filter((f) => f.figure && (f.kind === 'quantity' || f.kind === 'date') && figureAt(f) >= 0);
  for (const f of facts) {
    const at = figureAt(f);
    const fig = f.figure!;
    const s = f.sentence;
    const add = (type: string, expect: Expect, figure: string | null, frame?: (c: string) => string) => {
      if (figure === null || figure === fig) return;
      if (frame) {
        const i = f.text.indexOf(fig);
        const clause = replaceAt(f.text, i, fig.length, figure);
        const draft = frame(clause);
        out.push({ type, expect, draft, at: draft.indexOf(clause) + i, fact: f.id });
      } else out.push({ type, expect, draft: replaceAt(s, at, fig.length, figure), at, fact: f.id });
    };
    out.push({ type: 'as written', expect: 'match', draft: s, at, fact: f.id });
    const frame = FRAMES[Math.floor(r() * FRAMES.length)]!;
    const i = f.text.indexOf(fig);
    const reworded = frame(f.text);
    out.push({ type: 'reworded', expect: 'match', draft: reworded, at: reworded.indexOf(f.text) + i, fact: f.id });
    for (const [type, figure] of restatements(f)) add(type, 'match', figure);
    add('digit', 'mismatch', changeDigit(fig, r));
    add('digit, reworded', 'mismatch', changeDigit(fig, r), frame);
    add('万↔亿', 'mismatch', changeMagnitude(f));
    add('unit', 'mismatch', changeUnit(f));
    add('hedge flipped', 'mismatch', flipHedge(f));
    const siblings = corpus.facts.filter((g) => g !== f && g.sentence === s && g.figure && g.baseUnit === f.baseUnit && g.scaled !== f.scaled && g.kind === f.kind);
    for (const g of siblings) add('sibling swap', 'mismatch', g.figure);
  }
  return out;
}

export interface HandDraft {
  draft: string;
  /** The figure under test as written in the draft. */
  figure: string;
  expect: Expect | 'unverified';
}

export function handCases(): HandDraft[] {
  const file = fileURLToPath(new URL('../data/eval/check/drafts.json', import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as HandDraft[];
}

export interface Tally {
  n: number;
  ok: number;
  /** Figures not found at the expected place (a parse miss counts as a failure). */
  missing: number;
  fails: string[];
}

export interface Report {
  byType: Map<string, Tally>;
  caught: number;
  slips: number;
  falseAlarms: number;
  trues: number;
  hand: Tally;
}

const claimAt = (claims: readonly Claim[], at: number) => claims.find((c) => c.offset[0] <= at && at < c.offset[1]);

export function evaluate(corpus: Corpus, seed = 12): Report {
  const byType = new Map<string, Tally>();
  let caught = 0, slips = 0, falseAlarms = 0, trues = 0;
  for (const c of buildCases(corpus, seed)) {
    const t = byType.get(c.type) ?? byType.set(c.type, { n: 0, ok: 0, missing: 0, fails: [] }).get(c.type)!;
    const claim = claimAt(checkDraft(c.draft, corpus).claims, c.at);
    t.n++;
    if (!claim) t.missing++;
    const flagged = claim?.status === 'mismatch';
    if (c.expect === 'mismatch') {
      slips++;
      if (flagged) (caught++, t.ok++);
      else t.fails.push(`${c.fact} ${c.draft} → ${claim?.status ?? 'not found'}`);
    } else {
      trues++;
      if (flagged) (falseAlarms++, t.fails.push(`${c.fact} ${c.draft} → mismatch ${claim!.note}`));
      else t.ok++;
    }
  }
  const hand: Tally = { n: 0, ok: 0, missing: 0, fails: [] };
  for (const h of handCases()) {
    const at = h.draft.indexOf(h.figure);
    const claim = claimAt(checkDraft(h.draft, corpus).claims, at);
    hand.n++;
    if (!claim) hand.missing++;
    if (claim?.status === h.expect) hand.ok++;
    else hand.fails.push(`${h.draft} [${h.figure}] expected ${h.expect}, got ${claim?.status ?? 'not found'} ${claim?.note ?? ''}`);
    if (h.expect === 'mismatch') (slips++, claim?.status === 'mismatch' && caught++);
    else if (h.expect === 'match') (trues++, claim?.status === 'mismatch' && falseAlarms++);
  }
  return { byType, caught, slips, falseAlarms, trues, hand };
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-') + '%';

/** Wall-clock and CPU milliseconds of checking a 5 MB draft (CPU time shows what a shared machine's load hides). */
function timeBigDraft(corpus: Corpus): { wall: number; cpu: number } {
  const base = readFileSync(fileURLToPath(new URL('../data/source/zibo-2022-12-08.txt', import.meta.url)), 'utf8');
  const parts: string[] = [];
  let bytes = 0;
  // Every copy with other numbers, so that no sentence repeats.
  for (let i = 1; bytes < 5 * 1024 * 1024; i++) {
    const t = base.replace(/\d+/g, (m) => String(Number(m) + i)) + '\n';
    parts.push(t);
    bytes += Buffer.byteLength(t);
  }
  const text = parts.join('');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  checkDraft(text, corpus);
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

function main(): void {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 12;
  const corpus = loadCorpus();
  const rep = evaluate(corpus, seed);
  const lines = [`zibo check mutation benchmark (seed ${seed})`, '', 'type                  expect     cases   right'];
  for (const [type, t] of rep.byType) {
    const expect = ['as written', 'reworded', 'rounded', 'hedged round', 'hedge added', 'hedge dropped'].includes(type) ? 'match' : 'mismatch';
    lines.push(`${type.padEnd(20)}  ${expect.padEnd(9)} ${String(t.n).padStart(6)}  ${pct(t.ok, t.n).padStart(6)}`);
  }
  lines.push(`hand-written drafts   (mixed)   ${String(rep.hand.n).padStart(6)}  ${pct(rep.hand.ok, rep.hand.n).padStart(6)}`);
  lines.push('', `slips caught:  ${rep.caught}/${rep.slips} = ${pct(rep.caught, rep.slips)} (bar ≥ 95%)`);
  lines.push(`false alarms:  ${rep.falseAlarms}/${rep.trues} = ${pct(rep.falseAlarms, rep.trues)} (bar ≤ 2%)`);
  const fails = [...[...rep.byType.values()].flatMap((t) => t.fails), ...rep.hand.fails];
  if (fails.length) lines.push('', 'not right:', ...fails.slice(0, 40).map((f) => '  ' + f));
  if (!args.includes('--no-timing')) {
    const t = timeBigDraft(corpus);
    lines.push('', `5 MB draft: checked in ${(t.wall / 1000).toFixed(2)} s wall, ${(t.cpu / 1000).toFixed(2)} s CPU (bar < 3 s)`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  const ok = rep.caught / rep.slips >= 0.95 && rep.falseAlarms / rep.trues <= 0.02;
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
