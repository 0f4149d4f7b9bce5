import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/corpus.js';
import { releaseOf, sourceOf } from '../../src/core/source.js';
import { cli } from '../helpers/cli.js';

const corpus = loadCorpus();
const real = () => corpus;
const KEYS = ['release', 'title', 'date', 'conference', 'speaker', 'speakerTitle', 'organiser'];

describe('sourceOf', () => {
  it("is the fact's release metadata: who, where, when", () => {
    const fact = corpus.facts.find((f) => f.figure === '超4.3万个')!;
    expect(sourceOf(fact, corpus)).toEqual({
      release: 'dg-2022-12-08',
      title: '淄博市数字政府主架构搭建完成 城市大脑赋能作用凸显 多项工作走在全省前列',
      date: '2022-12-08',
      conference: '“品质提升走在前列”主题系列新闻发布会第二十场',
      speaker: '范继英',
      speakerTitle: '淄博市大数据局党组书记、局长',
      organiser: '淄博市政府新闻办公室',
    });
    for (const f of corpus.facts) expect(sourceOf(f, corpus)!.release, f.id).toBe(f.release);
  });
  it('null for a release the corpus does not hold', () => {
    expect(sourceOf({ release: 'xx-1999-01-01' }, corpus)).toBeNull();
    expect(releaseOf('xx', corpus)).toBeUndefined();
  });
});

describe('source in JSON of facts, search and show (added beside the record fields)', () => {
  it('facts --json and --format jsonl', async () => {
    const all = JSON.parse((await cli(['facts', '--json'], { corpus: real })).stdout);
    expect(all).toHaveLength(corpus.facts.length);
    for (const f of all) {
      expect(Object.keys(f.source)).toEqual(KEYS);
      expect(f.source.release).toBe(f.release);
      expect(f).toHaveProperty('value');
      expect(f).toHaveProperty('figure');
    }
    const line = JSON.parse((await cli(['facts', '--topic', '公交', '--format', 'jsonl'], { corpus: real })).stdout.split('\n')[0]!);
    expect(line.source.speaker).toBe('孙振华');
  });
  it('search --json', async () => {
    const hits = JSON.parse((await cli(['search', '数据中心', '--json'], { corpus: real })).stdout);
    expect(hits[0].source.speaker).toBe('范继英');
  });
  it('show --json, with the citation', async () => {
    const id = corpus.facts.find((f) => f.figure === '41条')!.id;
    const rec = JSON.parse((await cli(['show', id, '--json'], { corpus: real })).stdout);
    expect(rec.source.organiser).toBe('淄博市政府新闻办公室');
    expect(rec.citation.zh).toMatch(/^据.*上介绍，/);
  });
  it('--fields picks it like any field; without it, it is not there', async () => {
    const rows = JSON.parse((await cli(['facts', '--json', '--fields', 'id,source'], { corpus: real })).stdout);
    expect(Object.keys(rows[0])).toEqual(['id', 'source']);
    const bare = JSON.parse((await cli(['facts', '--json', '--fields', 'id'], { corpus: real })).stdout);
    expect(Object.keys(bare[0])).toEqual(['id']);
  });
});
