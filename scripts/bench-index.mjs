// Index bench for big corpora (issue 16): zibo's first (cold, index built in the run) and later (warm) search
// against plain fuse.js's whole run over the same file, alternately in one run, with peak memory.
//   node scripts/bench-index.mjs [--facts 100000] [--rounds 3] [--json]
// End to end (spawned processes, medians):
//   plain fuse   scripts/scale/plain-fuse.mjs: read, JSON.parse, new Fuse(docs) (builds its index), one search
//   zibo cold    `zibo search <q> --data big.json --json` with an empty cache folder (reads, hashes, validates,
//                builds and writes the index, searches)
//   zibo warm    the same command again (opens the cached index)
// In process: the index build (record table and writeIndex, parts discarded) over the parsed records against
// Fuse.createIndex over the same records.
// Peak RSS comes from /usr/bin/time -f %M when present. Needs a build (bin/zibo.cjs → dist/).

import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpusFile, SCALE_DIR } from './scale/generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/zibo.cjs');
const PLAIN = join(ROOT, 'scripts/scale/plain-fuse.mjs');
const HAS_TIME = existsSync('/usr/bin/time');
const QUERY = '数据中心';

function args() {
  const a = process.argv.slice(2);
  const o = { facts: 100_000, rounds: 3, json: false };
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--facts') o.facts = Number(a[++i]);
    else if (a[i] === '--rounds') o.rounds = Number(a[++i]);
    else if (a[i] === '--json') o.json = true;
    else throw new Error(`unknown option ${a[i]}; usage: bench-index.mjs [--facts N] [--rounds N] [--json]`);
  }
  if (!Number.isInteger(o.facts) || o.facts < 1 || !Number.isInteger(o.rounds) || o.rounds < 1) throw new Error('--facts and --rounds take positive whole numbers');
  return o;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timed(argv, env) {
  const full = HAS_TIME ? ['/usr/bin/time', '-f', '__RSS %M', ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { env, maxBuffer: 1 << 28, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = /__RSS (\d+)/.exec(r.stderr ?? '')?.[1];
  return { ms, rssMB: rss ? Number(rss) / 1024 : NaN, out: r.stdout };
}

async function inProcess(file) {
  const out = join(SCALE_DIR, 'bench-index-engine.mjs');
  await build({
    stdin: {
      contents: [
        "export { writeIndex } from './src/core/index/store.ts';",
        "export { RecordScanner } from './src/core/index/json-scan.ts';",
        "export { crc32 } from './src/core/index/crc32.ts';",
        "export { postingsOf } from './src/core/index/postings.ts';",
        "export { default as Fuse } from 'fuse.js';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: out, logLevel: 'warning',
    banner: { js: "import { createRequire as __zcr } from 'node:module'; const require = __zcr(import.meta.url);" },
  });
  const mod = await import(pathToFileURL(out).href + `?t=${Date.now()}`);
  const bytes = readFileSync(file);
  const facts = JSON.parse(bytes.toString('utf8'));
  const z = [];
  const f = [];
  for (let r = 0; r < 2; r++) {
    let t0 = performance.now();
    mod.Fuse.createIndex(['text', 'en', 'topics'], facts);
    f.push(performance.now() - t0);
    t0 = performance.now();
    // The build alone: where each record lies (scan and CRC-32) and the postings, parts dropped as a file sink would.
    const sc = new mod.RecordScanner();
    sc.feed(bytes, 0, 0, bytes.length);
    const table = { at: sc.starts, len: sc.starts.map((s, i) => sc.ends[i] - s), crc: sc.starts.map((s, i) => mod.crc32(bytes.subarray(s, sc.ends[i]))) };
    mod.writeIndex(mod.postingsOf(facts), table, { hash: 'bench', size: bytes.length }, [], [], () => {});
    z.push(performance.now() - t0);
  }
  return { buildMs: Math.min(...z), fuseCreateIndexMs: Math.min(...f) };
}

async function main() {
  const o = args();
  if (!existsSync(join(ROOT, 'dist'))) throw new Error('run `npm run build` first');
  mkdirSync(SCALE_DIR, { recursive: true });
  const file = corpusFile(o.facts);
  const fileMB = statSync(file).size / 1024 / 1024;
  const cache = join(SCALE_DIR, 'bench-index-cache');
  const env = { ...process.env, ZIBO_CACHE_DIR: cache };
  delete env.ZIBO_DATA;
  const zibo = [process.execPath, BIN, 'search', QUERY, '--data', file, '--json'];
  const rows = { fuse: [], cold: [], warm: [] };
  for (let r = 0; r < o.rounds; r++) {
    rows.fuse.push(timed([process.execPath, PLAIN, file, QUERY], env));
    rmSync(cache, { recursive: true, force: true });
    rows.cold.push(timed(zibo, env));
    rows.warm.push(timed(zibo, env));
    if (!o.json) process.stderr.write(`round ${r + 1}/${o.rounds} done\n`);
  }
  rmSync(cache, { recursive: true, force: true });
  const ms = (k) => median(rows[k].map((x) => x.ms));
  const rss = (k) => Math.max(...rows[k].map((x) => x.rssMB));
  const ip = await inProcess(file);
  const result = {
    facts: o.facts, fileMB: +fileMB.toFixed(1), rounds: o.rounds,
    fuseMs: ms('fuse'), coldMs: ms('cold'), warmMs: ms('warm'),
    coldRatio: ms('cold') / ms('fuse'), warmRatio: ms('warm') / ms('fuse'),
    fuseRssMB: rss('fuse'), coldRssMB: rss('cold'), warmRssMB: rss('warm'), coldRssPerFileSize: rss('cold') / fileMB,
    ...ip, buildRatio: ip.buildMs / ip.fuseCreateIndexMs,
  };
  if (o.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
  const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
  process.stdout.write([
    `${o.facts} facts, ${result.fileMB} MB; medians of ${o.rounds} alternating rounds (plain fuse, zibo cold, zibo warm)`,
    '| run | ms | × plain fuse | bar | peak RSS MB | × file size |',
    '|---|---:|---:|---:|---:|---:|',
    `| plain fuse.js (whole run) | ${f0(result.fuseMs)} | 1.00 | | ${f0(result.fuseRssMB)} | ${f2(result.fuseRssMB / fileMB)} |`,
    `| zibo search, cold (index built) | ${f0(result.coldMs)} | ${f2(result.coldRatio)} | ≤ 1.0 | ${f0(result.coldRssMB)} | ${f2(result.coldRssPerFileSize)} (bar < 5) |`,
    `| zibo search, warm | ${f0(result.warmMs)} | ${f2(result.warmRatio)} | ≤ 0.2 | ${f0(result.warmRssMB)} | ${f2(result.warmRssMB / fileMB)} |`,
    '',
    `in process: zibo index build ${f0(result.buildMs)} ms, Fuse.createIndex ${f0(result.fuseCreateIndexMs)} ms (× ${f2(result.buildRatio)})`,
  ].join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench-index: ${e.message}\n`);
  process.exitCode = 2;
});
