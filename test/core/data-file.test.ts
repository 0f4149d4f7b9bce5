// --data / ZIBO_DATA: a facts file validated on load, with releases and topics derived for it.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataFile } from '../../src/core/data-file.js';
import { CorpusError } from '../../src/core/schema.js';
import type { Fact } from '../../src/core/types.js';

const REAL: Fact[] = JSON.parse(readFileSync(fileURLToPath(new URL('../../data/facts.json', import.meta.url)), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'zibo-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ZIBO_CACHE_DIR: join(dir, 'cache') };

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function errorOf(fn: () => unknown): CorpusError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CorpusError);
    return e as CorpusError;
  }
  throw new Error('expected a CorpusError');
}

describe('loadDataFile', () => {
  it('loads a valid file: the facts as given, bundled releases with recomputed counts', () => {
    const some = REAL.filter((f) => f.release.startsWith('uc')).slice(0, 5);
    const corpus = loadDataFile(write('valid.json', some), { env });
    expect(corpus.facts.map((f) => f.id)).toEqual(some.map((f) => f.id));
    expect(corpus.releases).toHaveLength(1);
    expect(corpus.releases[0]!.id).toBe(some[0]!.release);
    expect(corpus.releases[0]!.factCount).toBe(5);
    expect(corpus.releases[0]!.text.length).toBeGreaterThan(0);
    const bus = corpus.topics.find((t) => t.name === some[0]!.topics[0]);
    expect(bus!.count).toBe(some.filter((f) => f.topics.includes(bus!.name)).length);
  });

  it('a fact whose release is neither declared by the file nor bundled is refused, naming file, record and id', () => {
    const f = { ...REAL[0]!, id: 'xx-1', release: 'other-2024-05-01' };
    const e = errorOf(() => loadDataFile(write('unknown-release.json', [REAL[1], f]), { env }));
    expect(e.message).toContain('unknown-release.json: record 1 (xx-1): field "release" names "other-2024-05-01", which is not a release of the file nor a bundled one');
  });

  it('the object form declares its own releases: who, where and when reach the corpus; a new topic gets a bare entry', () => {
    const f = { ...REAL[0]!, id: 'xx-1', release: 'other-2024-05-01', topics: ['新话题'] };
    const release = { id: 'other-2024-05-01', title: '某发布会', domain: 'digital-government', date: '2024-05-01', speaker: '张三', organiser: '某局' };
    const corpus = loadDataFile(write('declared.json', { releases: [release], facts: [f] }), { env });
    expect(corpus.releases).toEqual([
      { ...release, prefix: 'xx', titleEn: '', conference: '', series: '', session: '', speakerTitle: '', text: '', factCount: 1 },
    ]);
    expect(corpus.topics.find((t) => t.name === '新话题')).toEqual(
      { name: '新话题', en: '', pinyin: '', aliases: [], enAliases: [], count: 1 },
    );
    const bad = errorOf(() => loadDataFile(write('bad-release.json', { releases: [{ ...release, date: 'May' }], facts: [f] }), { env }));
    expect(bad.message).toContain('bad-release.json (releases): release 0 (other-2024-05-01): field "date" must be an ISO date');
  });

  it('an empty array is a valid, empty corpus', () => {
    expect(loadDataFile(write('empty.json', []), { env }).facts).toEqual([]);
  });

  it('malformed JSON: names the file and says it is not valid JSON', () => {
    const e = errorOf(() => loadDataFile(write('broken.json', '[{"id": "uc-1",'), { env }));
    expect(e.message).toContain('broken.json');
    expect(e.message).toContain('not valid JSON');
  });

  it('not an array: says what was expected', () => {
    const e = errorOf(() => loadDataFile(write('object.json', { fact: [] }), { env }));
    expect(e.message).toContain('object.json: expected a JSON array of facts, or an object {"releases": [...], "facts": [...]}, got {"fact":[]}');
  });

  it('a record missing a field: names record index, id and field', () => {
    const { en: _drop, ...noEn } = REAL[3]!;
    const e = errorOf(() => loadDataFile(write('missing.json', [REAL[0], REAL[1], REAL[2], noEn]), { env }));
    expect(e.message).toContain('missing.json: record 3');
    expect(e.message).toContain(`(${REAL[3]!.id})`);
    expect(e.message).toContain('field "en"');
    expect(e.message).toContain('missing');
  });

  it('a field of the wrong type: names the field and what it must be', () => {
    const bad = { ...REAL[0]!, value: '14' };
    const e = errorOf(() => loadDataFile(write('type.json', [bad]), { env }));
    expect(e.message).toMatch(/record 0 \(uc-001\): field "value" must be a number or null, got "14"/);
  });

  it('an offset past the end of a bundled release is refused', () => {
    const bad = { ...REAL[0]!, offset: [0, 10_000_000] };
    const e = errorOf(() => loadDataFile(write('offset.json', [bad]), { env }));
    expect(e.message).toContain('field "offset"');
  });

  it('a missing file and a folder: clear messages', () => {
    expect(errorOf(() => loadDataFile(join(dir, 'nope.json'), { env })).message).toMatch(/cannot read data file .*nope\.json: no such file/);
    expect(errorOf(() => loadDataFile(dir, { env })).message).toContain('is a folder');
  });
});
