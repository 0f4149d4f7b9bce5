// npm run corpus: regenerates data/facts.json, data/releases.json and data/topics.json from the release
// files, data/curation/facts.json and data/curation/topics.json.
//   npm run corpus -- --check     exit 1 if the committed files differ from what the build produces
//   npm run corpus -- --scaffold  append a skeleton curated entry (next free id, empty en/label) for every
//                                 extracted figure that has none, so a reviewer can fill them in
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { validateFacts, validateReleases, validateTopics } from '../src/core/schema.js';
import { buildCorpus, type CuratedFact, type Draft, type TopicDef } from '../src/extract/corpus.js';
import { parseReleaseFile, type ReleaseFile } from '../src/extract/release-file.js';
import { repairText } from '../src/extract/repair.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const path = (...p: string[]) => join(root, ...p);
const readJson = <T>(p: string): T => JSON.parse(readFileSync(path(p), 'utf8')) as T;
export const toJson = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
/**
 * A generated file: an array with one record a line. A diff still shows each changed record, and every run reads
 * ~20% less: indentation was a fifth of facts.json's text, and the text is read as UTF-16, two bytes a space.
 */
export const toRecords = (v: readonly unknown[]) => (v.length ? `[\n${v.map((x) => JSON.stringify(x)).join(',\n')}\n]\n` : '[\n]\n');

export function readReleases(): ReleaseFile[] {
  const files = readdirSync(path('data/releases')).filter((f) => f.endsWith('.md'));
  const releases = files.map((f) => parseReleaseFile(readFileSync(path('data/releases', f), 'utf8'), `data/releases/${f}`));
  // Keep the order the releases have in their source.
  const position = (r: ReleaseFile) => readFileSync(path(r.meta.source), 'utf8').indexOf(r.raw.trim());
  return releases.sort((a, b) => position(a) - position(b));
}

export const toPinyin = (s: string) => pinyin(s, { toneType: 'none', separator: '', v: true, nonZh: 'consecutive' }).toLowerCase();

export function buildFromDisk() {
  return buildCorpus({
    releases: readReleases(),
    curated: readJson<CuratedFact[]>('data/curation/facts.json'),
    topics: readJson<TopicDef[]>('data/curation/topics.json'),
    pinyin: toPinyin,
  });
}

/** The generated files; the records pass the same runtime schema the CLI checks at load time. */
export function outputs(result = buildFromDisk()): Record<string, string> {
  const { facts, releases, topics } = result.corpus;
  validateFacts('data/facts.json', facts);
  validateReleases('data/releases.json', releases);
  validateTopics('data/topics.json', topics);
  return { 'data/facts.json': toRecords(facts), 'data/releases.json': toRecords(releases), 'data/topics.json': toRecords(topics) };
}

/** The shortest piece of text around a figure that occurs once in the release and holds no other figure. */
function anchorFor(d: Draft, text: string, all: Draft[]): string {
  let [s, e] = d.span;
  const others = all.filter((o) => o !== d && o.release === d.release);
  const ok = () => text.indexOf(text.slice(s, e)) === text.lastIndexOf(text.slice(s, e)) && s !== e;
  const clean = () => !others.some((o) => s <= o.span[0] && o.span[1] <= e);
  while (!ok() && s > d.clause.start) s--;
  while (!ok() && e < d.clause.end) e++;
  if (!clean()) throw new Error(`no clean anchor for ${d.figure.text}`);
  return text.slice(s, e);
}

function scaffold(): void {
  const curated = readJson<CuratedFact[]>('data/curation/facts.json');
  const result = buildFromDisk();
  const texts = new Map(readReleases().map((r) => [r.meta.id, repairText(r.raw).text]));
  const next = (prefix: string) => {
    const nums = curated.filter((c) => c.id.startsWith(prefix + '-')).map((c) => Number(c.id.split('-')[1]));
    return `${prefix}-${String(Math.max(0, ...nums) + 1).padStart(3, '0')}`;
  };
  for (const d of result.uncurated) {
    curated.push({ id: next(d.prefix), at: anchorFor(d, texts.get(d.release)!, result.uncurated), label: '', en: '' });
  }
  writeFileSync(path('data/curation/facts.json'), toJson(curated));
  console.error(`added ${result.uncurated.length} skeleton entries to data/curation/facts.json`);
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--scaffold')) return scaffold();
  const result = buildFromDisk();
  if (result.problems.length) {
    console.error(`corpus build failed with ${result.problems.length} problem(s):\n  ` + result.problems.join('\n  '));
    process.exitCode = 1;
    return;
  }
  const files = outputs(result);
  if (args.includes('--check')) {
    const stale = Object.entries(files).filter(([p, s]) => readFileSync(path(p), 'utf8') !== s).map(([p]) => p);
    if (stale.length) {
      console.error(`out of date: ${stale.join(', ')}; run npm run corpus`);
      process.exitCode = 1;
    }
    return;
  }
  for (const [p, s] of Object.entries(files)) writeFileSync(path(p), s);
  const { facts, topics } = result.corpus;
  console.error(`wrote ${facts.length} facts, ${topics.length} topics`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
