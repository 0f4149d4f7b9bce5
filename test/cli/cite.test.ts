import { describe, expect, it } from 'vitest';
import { STACK, cli, plain } from '../helpers/cli.js';
import { loadCorpus } from '../../src/core/corpus.js';
import { citations } from '../../src/core/cite.js';

const corpus = () => loadCorpus();
const bus = () => corpus().facts.find((f) => f.figure === '41条' && f.text.includes('调整公交线路'))!;
const release = () => corpus().releases.find((r) => r.id === bus().release)!;
const run = (args: string[], o = {}) => cli(args, { corpus, ...o });

describe('zibo cite', () => {
  it('prints just the Chinese line by default (pipe-friendly)', async () => {
    const r = await run(['cite', bus().id]);
    expect(r).toEqual({ code: 0, stdout: citations(bus(), release()).zh + '\n', stderr: '' });
    expect(r.stdout).toBe('据淄博市住房和城乡建设局党组成员、副局长孙振华2022年12月8日在“深化九大赋能”主题系列新闻发布会上介绍，淄博调整公交线路41条。\n');
  });

  it('--lang en, before or after the command', async () => {
    for (const args of [['cite', bus().id, '--lang', 'en'], ['--lang', 'en', 'cite', bus().id]]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(citations(bus(), release()).en + '\n');
      expect(r.stdout).toMatch(/^According to Sun Zhenhua, .* on 8 December 2022, 41 bus routes were adjusted\.\n$/);
    }
  });

  it('accepts ids loosely, as show does (UC-17)', async () => {
    expect((await run(['cite', bus().id.toUpperCase().replace(/-0+/, '-')])).stdout).toBe(citations(bus(), release()).zh + '\n');
  });

  it('--format json: {id, lang, citation, source}', async () => {
    const r = await run(['cite', bus().id, '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual({
      id: bus().id, lang: 'zh', citation: citations(bus(), release()).zh,
      source: { release: release().id, title: release().title, speaker: '孙振华', speakerTitle: release().speakerTitle, conference: release().conference, date: '2022-12-08', organiser: '淄博市政府新闻办公室' },
    });
    expect(JSON.parse((await run(['cite', bus().id, '--json', '--lang', 'en'])).stdout).lang).toBe('en');
  });

  it('--format md: a blockquote with the source title', async () => {
    const r = await run(['cite', bus().id, '--format', 'md']);
    expect(r.stdout.split('\n')[0]).toBe(`> ${citations(bus(), release()).zh}`);
    expect(r.stdout).toContain(`> — ${release().title}`);
  });

  it('an unknown id: exit 2, the nearest id suggested, no stack trace', async () => {
    const r = await run(['cite', bus().id + '9']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown fact id');
    expect(r.stderr).toContain(`did you mean ${bus().id}`);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('an unknown format: exit 2 listing the valid ones', async () => {
    const r = await run(['cite', bus().id, '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('text, json, md');
  });
});

describe('zibo show includes the citation', () => {
  it('in the terminal view, both languages', async () => {
    const r = await run(['show', bus().id], { isTTY: true, columns: 200, color: false });
    // Lines are wrapped to the terminal: compare with line breaks and indents taken out.
    const text = plain(r.stdout).replace(/\s*\n\s*/g, ' ');
    expect(text).toContain('Citation');
    expect(text).toContain(citations(bus(), release()).zh);
    expect(text).toContain(citations(bus(), release()).en);
  });

  it('in --json as citation {zh, en}', async () => {
    const r = await run(['show', bus().id, '--json']);
    expect(JSON.parse(r.stdout).citation).toEqual(citations(bus(), release()));
  });
});
