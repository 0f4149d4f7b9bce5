#!/usr/bin/env node
// Start-up bench: `node -e 0` and each zibo command run alternately in one run, medians and ratios.
//   npm run bench                       20 rounds, table on stdout
//   npm run bench -- --rounds 40 --json machine output
//   npm run bench -- --scale            search at 1k/10k/100k facts (see scripts/scale/run.mjs)
//   npm run bench -- --index            100k facts: zibo cold and warm against plain fuse.js, peak memory
//                                       (scripts/bench-index.mjs; its options follow: --facts N --rounds N)
// Commands on a terminal run under a pseudo-terminal made by a small python3 helper that times the child itself,
// so the helper's own start-up is not counted; the baseline runs the same way, so ratios compare like with like.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/zibo.cjs');

export function parseArgs(argv) {
  const opts = { rounds: 20, json: false, build: true, scale: false, index: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds' || a === '-n') (opts.rounds = Number(argv[++i])), (opts.roundsGiven = true);
    else if (a.startsWith('--rounds=')) (opts.rounds = Number(a.slice(9))), (opts.roundsGiven = true);
    else if (a === '--json') opts.json = true;
    else if (a === '--no-build') opts.build = false;
    else if (a === '--scale') opts.scale = true;
    else if (a === '--index') opts.index = true;
    else opts.rest.push(a);
  }
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) throw new Error('--rounds takes a positive integer');
  return opts;
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newestMtime(join(path, name)));
  return max;
}

/** Rebuilds dist/ when any source, the corpus or the build script is newer than the bundle. */
export function ensureBuilt(log = (s) => process.stderr.write(s)) {
  const bundle = join(ROOT, 'dist/main.cjs');
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  const inputs = ['src', 'data/facts.json', 'data/releases.json', 'data/topics.json', 'scripts/build.mjs', 'package.json'];
  if (Math.max(...inputs.map((p) => newestMtime(join(ROOT, p)))) <= built) return;
  log('bench: dist/ is stale, building…\n');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

// Persistent pty runner: reads one JSON argv per line, runs it on a fresh pseudo-terminal (120x40), drains the
// output, and answers with the child's wall time in ms and its exit code.
const PTY_HELPER = String.raw`
import sys, os, pty, json, time, fcntl, termios, struct, subprocess
for line in sys.stdin:
    argv = json.loads(line)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, close_fds=True, start_new_session=True)
    os.close(slave)
    n = 0
    while True:
        try:
            b = os.read(master, 65536)
        except OSError:
            break
        if not b:
            break
        n += len(b)
    code = p.wait()
    ms = (time.perf_counter() - t0) * 1000
    os.close(master)
    sys.stdout.write(json.dumps({'ms': ms, 'code': code, 'bytes': n}) + '\n')
    sys.stdout.flush()
`;

function startPty() {
  const py = spawnSync('python3', ['-c', 'import pty, termios'], { stdio: 'ignore' });
  if (py.status !== 0) return null;
  const child = spawn('python3', ['-c', PTY_HELPER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (l) => waiting.shift()?.(JSON.parse(l)));
  return {
    run(argv) {
      return new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(JSON.stringify(argv) + '\n');
      });
    },
    close() {
      child.stdin.end();
    },
  };
}

function runPipe(argv, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, code: r.status, bytes: r.stdout.length, stderr: r.stderr.toString() };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function machine() {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const info = spawnSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo"], { encoding: 'utf8' }).stdout;
    if (info) model = info.split(':').slice(1).join(':').trim();
  } catch {}
  return { node: process.version, nproc: cpus().length, cpu: model, platform: `${process.platform} ${process.arch}` };
}

function firstFactId() {
  const r = spawnSync(process.execPath, [BIN, 'facts', '--limit', '1', '--fields', 'id', '--format', 'tsv'], { encoding: 'utf8' });
  return r.stdout.trim().split('\n').pop() || 'uc-001';
}

/** Whether the main help lists the command (`zibo x --help` shows the main help for an unknown x). */
function hasCommand(name) {
  const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  return new RegExp(`^\\s+${name}\\b`, 'm').test(r.stdout);
}

/** Display width: CJK characters take two columns. */
const width = (s) => [...s].reduce((n, c) => n + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(c) ? 2 : 1), 0);
const pad = (s, w) => s + ' '.repeat(Math.max(0, w - width(s)));

async function startup(opts) {
  if (opts.build) ensureBuilt();
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.ZIBO_DATA;
  const node = process.execPath;
  const pty = startPty();
  const zibo = (...args) => [node, BIN, ...args];
  const cases = [
    { name: 'node -e 0 (pipe)', argv: [node, '-e', '0'], tty: false, base: true },
    { name: 'facts --topic 公交 (pipe)', argv: zibo('facts', '--topic', '公交'), tty: false, goal: 1.2 },
    { name: 'search 数据中心 --json (pipe)', argv: zibo('search', '数据中心', '--json'), tty: false, goal: 1.3 },
    { name: `show ${firstFactId()} (pipe)`, argv: zibo('show', firstFactId()), tty: false },
  ];
  if (hasCommand('check')) {
    cases.push({ name: 'check "<draft>" (pipe)', argv: zibo('check', '淄博130个城建重点项目全部开工，完成投资524亿元。'), tty: false });
  }
  if (pty) {
    cases.push({ name: 'node -e 0 (tty)', argv: [node, '-e', '0'], tty: true, base: true });
    cases.push({ name: 'facts --topic 公交 (tty)', argv: zibo('facts', '--topic', '公交'), tty: true, goal: 1.5 });
  } else {
    process.stderr.write('bench: python3 with pty not found; terminal cases skipped\n');
  }
  const times = new Map(cases.map((c) => [c.name, []]));
  const codes = new Map();
  // Warm-up: the file cache and the bundle's first read are not what a user waits for on the 2nd run.
  for (const c of cases) c.tty ? await pty.run(c.argv) : runPipe(c.argv, env);
  for (let round = 0; round < opts.rounds; round++) {
    for (const c of cases) {
      const r = c.tty ? await pty.run(c.argv) : runPipe(c.argv, env);
      times.get(c.name).push(r.ms);
      codes.set(c.name, r.code);
    }
  }
  pty?.close();
  const baseOf = (c) => cases.find((b) => b.base && b.tty === c.tty);
  const rows = cases.map((c) => {
    const med = median(times.get(c.name));
    const base = median(times.get(baseOf(c).name));
    return {
      name: c.name,
      medianMs: +med.toFixed(1),
      minMs: +Math.min(...times.get(c.name)).toFixed(1),
      ratio: +(med / base).toFixed(3),
      exit: codes.get(c.name),
      goal: c.goal ? `${med / base <= c.goal ? 'met' : 'MISSED'} (≤${c.goal}×)` : '',
    };
  });
  return { rounds: opts.rounds, machine: machine(), rows };
}

function printTable(result) {
  const { machine: m, rounds, rows } = result;
  const out = [];
  out.push(`node ${m.node}, ${m.nproc} cpus, ${m.cpu}; ${rounds} rounds, alternating; ratio = median / median of node -e 0 in the same mode`);
  const w = Math.max(...rows.map((r) => width(r.name))) + 2;
  out.push(`${pad('command', w)}${'median ms'.padStart(10)}${'min ms'.padStart(9)}${'ratio'.padStart(8)}  exit  goal`);
  for (const r of rows) {
    out.push(`${pad(r.name, w)}${r.medianMs.toFixed(1).padStart(10)}${r.minMs.toFixed(1).padStart(9)}${r.ratio.toFixed(2).padStart(8)}  ${String(r.exit).padStart(4)}  ${r.goal}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.index) {
    if (opts.build) ensureBuilt();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/bench-index.mjs'), ...opts.rest, ...(opts.roundsGiven ? ['--rounds', String(opts.rounds)] : []), ...(opts.json ? ['--json'] : [])], { stdio: 'inherit' });
    process.exitCode = r.status ?? 1;
    return;
  }
  if (opts.scale) {
    if (opts.build) ensureBuilt();
    const { runScale } = await import('./scale/run.mjs');
    await runScale(opts);
    return;
  }
  const result = await startup(opts);
  if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else printTable(result);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exitCode = 2;
  });
}
