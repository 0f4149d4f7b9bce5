// Scale bench (`npm run bench -- --scale`): search over 1k, 10k and 100k synthetic facts.
//   in-process  p50/p95 per query of zibo's engine (behind the candidate index when the corpus is large), and of
//               plain fuse.js with its index already built, over a query mix (Chinese, Traditional, question,
//               pinyin, English, numbers)
//   end to end  `zibo search <q> --data big.json --json` against scripts/scale/plain-fuse.mjs on the same file,
//               run alternately, medians, with peak RSS (/usr/bin/time -f %M when present)
// Options: --sizes 1000,10000,100000  --rounds 5  --json

import { bundleSources } from '../lib/bundle-sources.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFile, SCALE_DIR } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/zibo.cjs');
const CACHE = join(SCALE_DIR, 'zibo-cache');

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs) => pct(xs, 50);

function parse(rest) {
  const o = { sizes: [1000, 10000, 100000], rounds: 5 };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--sizes') o.sizes = rest[++i].split(',').map(Number);
    else if (rest[i] === '--scale-rounds') o.rounds = Number(rest[++i]);
  }
  return o;
}

/** Queries of every kind a reporter types; the number is taken from the corpus so that it exists there. */
function queryMix(file) {
  const head = readFileSync(file, 'utf8').slice(0, 200_000);
  const num = /"text":"[^"]*?(\d+\.\d+)/.exec(head)?.[1] ?? '524';
  return [
    ['zh', '数据中心'], ['zh', '公交线路'], ['zh', '污水管网改造'], ['trad', '夜間經濟'], ['question', '青年之家建了几处'],
    ['pinyin', 'gongjiao'], ['pinyin', 'lvdao'], ['en', 'greenway'], ['en', 'consumption vouchers'], ['number', num],
  ];
}

async function engineModule() {
  const out = join(SCALE_DIR, 'engine.mjs');
  return bundleSources([
        "export { loadDataFile } from './src/core/data-file.ts';",
        "export { createIndexedSearch, indexOf } from './src/core/index/indexed-search.ts';",
        "export { createSearchEngine } from './src/core/search.ts';",
        "export { default as Fuse } from 'fuse.js';",
  ], out);
}

const HAS_TIME = existsSync('/usr/bin/time');

function timed(argv, env) {
  const full = HAS_TIME ? ['/usr/bin/time', '-f', '__RSS %M', ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { env, maxBuffer: 1 << 28, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = /__RSS (\d+)/.exec(r.stderr ?? '')?.[1];
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return { ms, rssMB: rss ? Number(rss) / 1024 : NaN, out: r.stdout };
}

async function inProcess(mod, file, queries, rounds) {
  const env = { ZIBO_CACHE_DIR: CACHE };
  let t0 = performance.now();
  const corpus = mod.loadDataFile(file, { env });
  const loadMs = performance.now() - t0;
  const indexed = !!mod.indexOf(corpus);
  const zibo = [];
  const byKind = {};
  for (let r = 0; r < rounds + 1; r++) {
    for (const [kind, q] of queries) {
      t0 = performance.now();
      mod.createIndexedSearch(corpus, mod.createSearchEngine).search(q, { limit: 10 });
      const ms = performance.now() - t0;
      if (r === 0) continue; // warm-up round: first use of lazy tables and JIT
      zibo.push(ms);
      (byKind[kind] ??= []).push(ms);
    }
  }
  const docs = JSON.parse(readFileSync(file, 'utf8'));
  t0 = performance.now();
  const fuse = new mod.Fuse(docs, { keys: ['text', 'en', 'topics'], ignoreLocation: true, threshold: 0.3 });
  const fuseBuildMs = performance.now() - t0;
  const plain = [];
  for (const [, q] of queries) {
    t0 = performance.now();
    fuse.search(q, { limit: 10 });
    plain.push(performance.now() - t0);
  }
  return {
    indexed, loadMs, p50: median(zibo), p95: pct(zibo, 95),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, +median(v).toFixed(1)])),
    fuseBuildMs, fuseP50: median(plain), fuseP95: pct(plain, 95),
  };
}

function endToEnd(file, queries, rounds) {
  const env = { ...process.env, ZIBO_CACHE_DIR: CACHE };
  delete env.ZIBO_DATA;
  const cold = timed([process.execPath, BIN, 'search', queries[0][1], '--data', file, '--json'], env);
  const z = [];
  const f = [];
  let zRss = 0;
  let fRss = 0;
  const mix = queries.filter((_, i) => i % 3 === 0); // a slice of the mix: every kind of cost, fewer runs
  for (let r = 0; r < rounds; r++) {
    for (const [, q] of mix) {
      const a = timed([process.execPath, BIN, 'search', q, '--data', file, '--json'], env);
      const b = timed([process.execPath, join(ROOT, 'scripts/scale/plain-fuse.mjs'), file, q], env);
      z.push(a.ms);
      f.push(b.ms);
      zRss = Math.max(zRss, a.rssMB || 0);
      fRss = Math.max(fRss, b.rssMB || 0);
    }
  }
  return { coldMs: cold.ms, coldRssMB: cold.rssMB, zibo: median(z), fuse: median(f), ratio: median(z) / median(f), ziboRssMB: zRss, fuseRssMB: fRss };
}

export async function runScale(opts) {
  const o = parse(opts.rest);
  const rounds = Number.isInteger(o.rounds) && o.rounds > 0 ? o.rounds : 5;
  mkdirSync(SCALE_DIR, { recursive: true });
  rmSync(CACHE, { recursive: true, force: true }); // cold start: the first end-to-end run builds the index
  const mod = await engineModule();
  const rows = [];
  for (const n of o.sizes) {
    const file = corpusFile(n);
    const queries = queryMix(file);
    const e2e = endToEnd(file, queries, rounds);
    const ip = await inProcess(mod, file, queries, rounds);
    const row = { facts: n, mb: +(readFileSync(file).length / 1e6).toFixed(1), ...ip, ...e2e };
    rows.push(row);
    if (!opts.json) process.stderr.write(`scale: ${n} facts done\n`);
  }
  const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  if (opts.json) {
    process.stdout.write(JSON.stringify({ rounds, rows }, null, 2) + '\n');
    return;
  }
  const lines = [
    `in-process: ${rounds} rounds of ${queryMix(corpusFile(o.sizes[0])).length} queries (after one warm-up round); end to end: medians of alternating runs`,
    '| facts | MB | index | zibo p50 ms | zibo p95 ms | plain fuse p50 ms (index prebuilt) | e2e zibo ms | e2e plain fuse ms | ratio | peak RSS zibo / fuse MB | first run (builds index) ms / peak RSS MB |',
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.facts} | ${r.mb} | ${r.indexed ? 'yes' : 'no'} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.fuseP50)} | ${f1(r.zibo)} | ${f1(r.fuse)} | ${r.ratio.toFixed(2)} | ${f1(r.ziboRssMB)} / ${f1(r.fuseRssMB)} | ${f1(r.coldMs)} / ${f1(r.coldRssMB)} |`);
  }
  lines.push('', 'in-process p50 by kind of query (ms):');
  for (const r of rows) lines.push(`  ${r.facts}: ${Object.entries(r.byKind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  process.stdout.write(lines.join('\n') + '\n');
}
