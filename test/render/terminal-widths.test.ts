// Every human view at 40, 60, 100 and 160 columns: no line wider than the terminal, and nothing that must stay
// whole (an id, a topic, a name, a figure with its unit) broken across lines. A dropped column is said once.
import { describe, expect, it } from 'vitest';
import { cli, plain, widest } from '../helpers/cli.js';
import { loadCorpus } from '../../src/core/corpus.js';

const corpus = loadCorpus();
const real = () => corpus;
const WIDTHS = [40, 60, 100, 160];
/** The drop note, wrapped to the terminal between words: joined back into one line to be read. */
const oneLine = (s: string) => s.replace(/\n(?!$)/g, ' ');
const NOTE = /^zibo: (\d+) columns: ([^\n]+) columns? dropped; widen the terminal or use --fields\n$/;

/** Cell contents of a drawn table: the text between borders, per line, trimmed. */
const cellsOf = (screen: string) => plain(screen).split('\n').flatMap((l) => l.split('│').map((c) => c.trim()).filter(Boolean));

describe.each(WIDTHS)('at %i columns', (columns) => {
  const run = (args: string[]) => cli(args, { isTTY: true, columns, color: true, corpus: real });

  it('facts: fits; ids, figures and topics whole; a dropped column said once', async () => {
    const r = await run(['facts']);
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
    expect(r.stderr === '' || NOTE.test(oneLine(r.stderr)), r.stderr).toBe(true);
    const cells = new Set(cellsOf(r.stdout));
    const head = plain(r.stdout).split('\n')[1]!;
    for (const f of corpus.facts) {
      expect(cells.has(f.id), f.id).toBe(true);
      if (head.includes('Figure') && f.figure) expect(cells.has(f.figure), f.figure).toBe(true);
      if (head.includes('Topics')) for (const t of f.topics) expect(cells.has(t), t).toBe(true);
      if (head.includes('Text') && f.figure) expect(plain(r.stdout).replace(/[│ ]/g, ''), f.figure).toContain(f.figure);
    }
    if (!head.includes('Topics')) expect(r.stderr).toMatch(/Topics/);
    if (columns >= 60) expect(head).toMatch(/ID.*Figure.*Text.*Topics/);
  });

  it('search: fits, the hedged figure whole', async () => {
    const r = await run(['search', '数据中心']);
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
    expect(cellsOf(r.stdout)).toContain('超4.3万个');
  });

  it('topics and sources: fit; topic names, speakers and release ids whole', async () => {
    const t = await run(['topics']);
    expect(widest(t.stdout)).toBeLessThanOrEqual(columns);
    const tc = new Set(cellsOf(t.stdout));
    for (const topic of corpus.topics) expect(tc.has(topic.name), topic.name).toBe(true);
    const s = await run(['sources']);
    expect(widest(s.stdout)).toBeLessThanOrEqual(columns);
    const sc = new Set(cellsOf(s.stdout));
    for (const rel of corpus.releases) expect(sc.has(rel.id), rel.id).toBe(true);
    if (plain(s.stdout).includes('Speaker')) for (const rel of corpus.releases) expect(sc.has(rel.speaker)).toBe(true);
    for (const x of [t, s]) expect(x.stderr === '' || NOTE.test(oneLine(x.stderr)), x.stderr).toBe(true);
  });

  it('show: fits; the citation wraps at the terminal, never inside a figure or date', async () => {
    const fact = corpus.facts.find((f) => f.figure === '超4.3万个')!;
    const r = await run(['show', fact.id]);
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
    const lines = plain(r.stdout).split('\n');
    const at = lines.findIndex((l) => l === 'Citation');
    const cite = lines.slice(at + 1, lines.indexOf('', at));
    expect(cite.join('\n')).toMatch(/超4\.3万个/);
    expect(cite.join('\n')).toMatch(/2022年12月8日/);
    if (columns >= 100) expect(Math.max(...cite.map((l) => widest(l)))).toBeGreaterThan(60); // not a fixed 60
  });
});

describe('show keeps list items, names and ids whole', () => {
  it.each(WIDTHS)('at %i columns', async (columns) => {
    const fact = corpus.facts.find((f) => f.topics.length >= 3)!;
    const release = corpus.releases.find((r) => r.id === fact.release)!;
    const r = await cli(['show', fact.id], { isTTY: true, columns, corpus: real });
    const lines = plain(r.stdout).split('\n');
    expect(Math.max(...lines.map((l) => widest(l)))).toBeLessThanOrEqual(columns);
    for (const whole of [...fact.topics, release.speaker, release.organiser, release.id, fact.id]) {
      expect(lines.some((l) => l.includes(whole)), whole).toBe(true);
    }
  });
});

describe('dropping columns', () => {
  it('at 40 columns facts drops Topics and says so once, naming it', async () => {
    const r = await cli(['facts'], { isTTY: true, columns: 40, corpus: real });
    expect(r.stderr).toBe('zibo: 40 columns: Topics column dropped;\nwiden the terminal or use --fields\n');
    for (const l of r.stderr.split('\n')) expect(l.length).toBeLessThanOrEqual(40);
    expect(plain(r.stdout).split('\n')[1]).toMatch(/ID.*Figure.*Text/);
  });
  it('in Chinese too', async () => {
    const r = await cli(['facts'], { isTTY: true, columns: 40, corpus: real, lang: 'zh' });
    expect(r.stderr.replace(/\n(?!$)/g, '')).toBe('zibo: 终端宽 40 列,未显示“主题”列;请加宽终端或使用 --fields\n');
    expect(r.stderr.split('\n').length).toBeGreaterThan(2); // wrapped: 58 columns of text on a 40-column terminal
  });
  it('never in a pipe, nor when everything fits', async () => {
    expect((await cli(['facts'], { isTTY: false, columns: 20, corpus: real })).stderr).toBe('');
    expect((await cli(['facts'], { isTTY: true, columns: 160, corpus: real })).stderr).toBe('');
  });
});
