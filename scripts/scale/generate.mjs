// Synthetic corpora for the scale bench: N facts in the schema of data/facts.json, made by recombining the real
// facts' texts with other figures and places. Deterministic: the same N and seed give the same bytes.
//   node scripts/scale/generate.mjs 100000 [out.json] [--seed 42]

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCALE_DIR = join(ROOT, '.cache/scale');

/** mulberry32: small, fast, good enough to vary figures. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['淄博', '张店区', '淄川区', '博山区', '周村区', '临淄区', '桓台县', '高青县', '沂源县', '高新区', '经开区', '文昌湖区'];
const PLACES_EN = ['Zibo', 'Zhangdian District', 'Zichuan District', 'Boshan District', 'Zhoucun District', 'Linzi District',
  'Huantai County', 'Gaoqing County', 'Yiyuan County', 'the high-tech zone', 'the development zone', 'Wenchang Lake District'];
const YEARS = ['2019', '2020', '2021', '2022', '2023', '2024'];

/** A new figure like the old one: same number of decimals, within ×0.2–×5. */
function vary(numText, r) {
  const decimals = numText.includes('.') ? numText.split('.')[1].length : 0;
  const n = Number(numText) * (0.2 + r() * 4.8);
  const v = decimals ? n.toFixed(decimals) : String(Math.max(1, Math.round(n)));
  return v;
}

function recombine(base, other, i, r) {
  const swaps = new Map();
  const swapNum = (s) =>
    s.replace(/\d+(?:\.\d+)?/g, (m) => {
      if (/^(19|20)\d\d$/.test(m)) return swaps.get(m) ?? (swaps.set(m, YEARS[Math.floor(r() * YEARS.length)]), swaps.get(m));
      if (!swaps.has(m)) swaps.set(m, vary(m, r));
      return swaps.get(m);
    });
  const p = Math.floor(r() * PLACES.length);
  const place = (s) => s.replace(/淄博市?/g, PLACES[p]);
  const placeEn = (s) => s.replace(/Zibo/g, PLACES_EN[p]);
  const text = place(swapNum(base.text));
  // Half the records carry a second clause from another fact, as long sentences do.
  const tail = r() < 0.5 ? '，' + place(swapNum(other.text)) : '';
  const sentence = text + tail + '。';
  const value = base.value === null ? null : Number(swapNum(String(base.value)));
  const scale = base.value ? (base.scaled ?? base.value) / base.value : 1;
  const scaled = value === null ? null : Number((value * scale).toPrecision(12));
  return {
    id: `s-${String(i + 1).padStart(6, '0')}`,
    release: base.release, // a bundled release: a --data fact must name a release zibo knows (issue 15 item 8)
    domain: base.domain,
    section: base.section,
    topics: r() < 0.3 ? [...new Set([...base.topics, ...other.topics])] : base.topics,
    text,
    sentence,
    en: placeEn(swapNum(base.en)),
    value,
    unit: base.unit,
    qualifier: base.qualifier,
    scaled,
    baseUnit: base.baseUnit,
    date: base.date,
    offset: [0, text.length],
    kind: base.kind,
    figure: base.figure === null ? null : swapNum(base.figure),
    label: base.label,
  };
}

export function generate(n, seed = 42) {
  const real = JSON.parse(readFileSync(join(ROOT, 'data/facts.json'), 'utf8'));
  const r = rng(seed);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const base = real[Math.floor(r() * real.length)];
    const other = real[Math.floor(r() * real.length)];
    out[i] = recombine(base, other, i, r);
  }
  return out;
}

/** Path of the N-fact corpus, generated (atomically) if missing. */
export function corpusFile(n, seed = 42) {
  const file = join(SCALE_DIR, `facts-${n}-s${seed}-r2.json`); // r2: bundled release ids
  if (existsSync(file)) return file;
  mkdirSync(SCALE_DIR, { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(generate(n, seed)));
  renameSync(tmp, file);
  return file;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args.splice(seedAt, 2)[1]) : 42;
  const n = Number(args[0] ?? 1000);
  if (!Number.isInteger(n) || n < 0) throw new Error('usage: generate.mjs <count> [out.json] [--seed N]');
  const facts = generate(n, seed);
  if (args[1]) writeFileSync(args[1], JSON.stringify(facts));
  else process.stdout.write(JSON.stringify(facts));
}
