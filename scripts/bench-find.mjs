// Keystroke bench of `zibo find` (`npm run bench:find`): the time from a key reaching the finder to the end of its
// redraw, typing queries one character at a time (the worst case: an input method delivers a whole word at once),
// then moving down and opening the fact. The finder runs in-process exactly as `zibo find` runs it (runFind, real
// readline and @inquirer/core), on stand-in terminal streams, so the figure is the finder's own work: readline's
// key decoding, zibo's search with the filters, layout, and the frame handed to the terminal.
//   corpora  the bundled corpus, and a synthetic N-fact --data corpus (scripts/scale, candidate index on)
// --pty also times the built binary (bin/zibo.cjs, `npm run build` first) on a real pseudo-terminal (python3's pty
// module): from a key written to the terminal to the last byte of the redraw read back, i.e. what a person sees.
// Options: --sizes 100000 (0 = bundled only)  --rounds 5  --pty  --json
// Bars (issue 14): every keystroke under 50 ms on the bundled corpus, under 200 ms on 100k facts.

import { bundleSources } from './lib/bundle-sources.mjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { corpusFile, SCALE_DIR } from './scale/generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, '.cache/bench-find');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const SIZES = opt('--sizes', '100000').split(',').map(Number).filter((n) => n > 0);
const ROUNDS = Number(opt('--rounds', '5'));
const JSON_OUT = args.includes('--json');
const PTY = args.includes('--pty');

/** Queries a reporter types, by kind. */
const QUERIES = [
  ['zh', '公交线路'], ['zh', '数据中心'], ['zh', '污水管网改造'], ['trad', '夜間經濟'], ['question', '青年之家建了几处'],
  ['pinyin', 'gongjiao'], ['en', 'greenway'], ['number', '524亿'],
];
const DOWN = '\u001b[B';

async function modules() {
  mkdirSync(OUT_DIR, { recursive: true });
  const out = join(OUT_DIR, 'find.mjs');
  return bundleSources([
        "export { runFind } from './src/cli/find.ts';",
        "export { createCtx } from './src/cli/context.ts';",
        "export { loadCorpus } from './src/core/corpus.ts';",
        "export { loadDataFile } from './src/core/data-file.ts';",
  ], out);
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const settle = () => new Promise((r) => setImmediate(r));

/**
 * One finder session: types `keys` one at a time; for each key, the wall-clock milliseconds from the key to its last
 * drawn byte, and the CPU milliseconds the process spent meanwhile (the build machine is shared: wall time there
 * includes waiting for a core, CPU time does not).
 */
async function session(mod, corpus, keys) {
  let lastWrite = 0;
  const input = new PassThrough();
  const output = Object.assign(new Writable({ write(_c, _e, cb) { lastWrite = performance.now(); cb(); } }), { columns: 100, rows: 30 });
  const io = { stdout: { write: () => true }, stderr: { write: (s) => process.stderr.write(s) }, isTTY: true, columns: 100, color: true, lang: 'en', env: {} };
  const ctx = mod.createCtx(io, { loadCorpus: () => corpus });
  const done = mod.runFind([], {}, ctx, { input, output, inputIsTTY: true });
  for (let i = 0; i < 5; i++) await settle(); // first frame drawn
  const times = [];
  for (const k of keys) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    lastWrite = t0;
    input.write(k);
    for (let i = 0; i < 3; i++) await settle();
    const c = process.cpuUsage(c0);
    times.push({ wall: lastWrite - t0, cpu: (c.user + c.system) / 1000 });
  }
  input.write('\u0003');
  await done;
  return times;
}

async function benchCorpus(mod, label, corpus) {
  const byKind = {};
  const all = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    for (const [kind, q] of QUERIES) {
      const keys = [...q, DOWN, '\r'];
      const times = await session(mod, corpus, keys);
      if (r === 0) continue; // warm-up: lazy tables, JIT
      (byKind[kind] ??= []).push(...times.slice(0, q.length));
      (byKind.move ??= []).push(times[q.length]);
      (byKind.open ??= []).push(times[q.length + 1]);
      all.push(...times);
    }
  }
  const row = (ts) => {
    const wall = ts.map((t) => t.wall);
    const cpu = ts.map((t) => t.cpu);
    return { n: ts.length, p50: pct(wall, 50), p95: pct(wall, 95), max: Math.max(...wall), cpuP50: pct(cpu, 50), cpuP95: pct(cpu, 95), cpuMax: Math.max(...cpu) };
  };
  return { corpus: label, facts: corpus.facts.length, all: row(all), kinds: Object.fromEntries(Object.entries(byKind).map(([k, xs]) => [k, row(xs)])) };
}

const mod = await modules();
const results = [];
results.push(await benchCorpus(mod, 'bundled', mod.loadCorpus()));
for (const n of SIZES) {
  const file = corpusFile(n);
  const t0 = performance.now();
  const corpus = mod.loadDataFile(file, { env: { ZIBO_CACHE_DIR: join(SCALE_DIR, 'zibo-cache') } });
  const loadMs = performance.now() - t0;
  results.push({ ...(await benchCorpus(mod, `--data ${n}`, corpus)), loadMs });
}

// Starts argv on a 100x30 pseudo-terminal, waits for the first screen, then writes each key and times the redraw:
// the first byte may take up to 2 s; then, once the terminal has been quiet for 30 ms, the time of the last byte read.
// Each session is a new process, so its first keys include the search engine's first use (tables loaded, code
// compiled): the in-process figures above leave that out with a warm-up round. Prints JSON.
const PTY_DRIVER = String.raw`
import sys, os, pty, fcntl, termios, struct, subprocess, json, select, time
cfg = json.loads(sys.argv[1])
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 30, 100, 0, 0))
p = subprocess.Popen(cfg['argv'], stdin=slave, stdout=slave, stderr=slave, close_fds=True, start_new_session=True, env=cfg['env'])
os.close(slave)
def drain(quiet, first=2.0):
    last = None
    while True:
        r, _, _ = select.select([master], [], [], first if last is None else quiet)
        if not r: return last
        try:
            if not os.read(master, 65536): return last
        except OSError:
            return last
        last = time.perf_counter()
buf = b''
end = time.time() + 20
while b'/' not in buf and time.time() < end:
    r, _, _ = select.select([master], [], [], 0.1)
    if r:
        try:
            buf += os.read(master, 65536)
        except OSError:
            sys.exit('zibo find ended before its first screen (is find in the build?): ' + buf.decode('utf8', 'replace'))
drain(0.2, 0.2)
times = []
for k in cfg['keys']:
    t0 = time.perf_counter()
    os.write(master, k.encode())
    last = drain(0.03)
    times.append(None if last is None else (last - t0) * 1000)
os.write(master, b'')
drain(0.2)
p.wait()
print(json.dumps(times))
`;

function ptyBench(n) {
  const env = { ...process.env, LANG: 'en_US.UTF-8', TERM: 'xterm-256color', ZIBO_CACHE_DIR: join(SCALE_DIR, 'zibo-cache') };
  delete env.NO_COLOR;
  const argv = ['node', join(ROOT, 'bin/zibo.cjs'), 'find', ...(n ? ['--data', corpusFile(n)] : [])];
  const byKind = {};
  for (let r = 0; r < ROUNDS + 1; r++) {
    for (const [kind, q] of QUERIES) {
      const keys = [...q, DOWN, '\r'];
      const out = spawnSync('python3', ['-c', PTY_DRIVER, JSON.stringify({ argv, env, keys })], { encoding: 'utf8', timeout: 120_000 });
      if (out.status !== 0) throw new Error(`pty driver failed: ${out.stderr}`);
      const times = JSON.parse(out.stdout);
      if (r === 0) continue;
      (byKind[kind] ??= []).push(...times.slice(0, q.length));
      (byKind.move ??= []).push(times[q.length]);
      (byKind.open ??= []).push(times[q.length + 1]);
    }
  }
  const all = Object.values(byKind).flat();
  const row = (xs) => ({ n: xs.length, missed: xs.filter((x) => x === null).length, p50: pct(xs.filter((x) => x !== null), 50), p95: pct(xs.filter((x) => x !== null), 95), max: Math.max(...xs.filter((x) => x !== null)) });
  return { corpus: n ? `pty --data ${n}` : 'pty bundled', all: row(all), kinds: Object.fromEntries(Object.entries(byKind).map(([k, xs]) => [k, row(xs)])) };
}

const ptyResults = PTY ? [ptyBench(0), ...SIZES.map(ptyBench)] : [];

if (JSON_OUT) {
  process.stdout.write(JSON.stringify({ node: process.version, rounds: ROUNDS, results, ptyResults }, null, 2) + '\n');
} else {
  const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  console.log(`zibo find: key → end of redraw, ms (node ${process.version}, ${ROUNDS} rounds, 100x30 terminal, colour on)`);
  for (const r of results) {
    console.log(`\n${r.corpus} (${r.facts} facts${r.loadMs ? `, loaded in ${f(r.loadMs)} ms` : ''})`);
    console.log(`  ${'keys'.padEnd(9)}   wall p50    p95    max   cpu p50    p95    max      n`);
    for (const [k, v] of [['all', r.all], ...Object.entries(r.kinds)]) {
      console.log(`  ${k.padEnd(9)} ${[v.p50, v.p95, v.max].map((x) => f(x).padStart(6)).join(' ')}    ${[v.cpuP50, v.cpuP95, v.cpuMax].map((x) => f(x).padStart(6)).join(' ')}  ${String(v.n).padStart(5)}`);
    }
  }
  for (const r of ptyResults) {
    console.log(`\n${r.corpus}: key written to the terminal → last byte of the redraw read back`);
    console.log(`  ${'keys'.padEnd(9)}   wall p50    p95    max      n  no redraw`);
    for (const [k, v] of [['all', r.all], ...Object.entries(r.kinds)]) {
      console.log(`  ${k.padEnd(9)} ${[v.p50, v.p95, v.max].map((x) => f(x).padStart(6)).join(' ')}  ${String(v.n).padStart(5)}  ${v.missed}`);
    }
  }
}
