import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CorpusError, defaultDataDir, loadCorpus, recordsByLine } from '../../src/core/corpus.js';
import { toRecords } from '../../scripts/build-corpus.js';
import { FIXTURE_DIR } from '../helpers/cli.js';

const SOURCE = readFileSync(new URL('../../data/source/zibo-2022-12-08.txt', import.meta.url), 'utf8');

describe('loadCorpus', () => {
  it('loads and validates the three files', () => {
    const c = loadCorpus({ dataDir: FIXTURE_DIR });
    expect(c.facts.map((f) => f.id).slice(0, 4)).toEqual(['uc-001', 'uc-002', 'uc-003', 'uc-004']);
    expect(c.releases.map((r) => r.id)).toEqual(['uc-2022-12-08', 'dg-2022-12-08']);
  });

  it('the fixture is tied to the source: every clause sits at its offset and is verbatim in the source text', () => {
    const c = loadCorpus({ dataDir: FIXTURE_DIR });
    for (const f of c.facts) {
      const r = c.releases.find((x) => x.id === f.release)!;
      expect(r.text.slice(f.offset[0], f.offset[1])).toBe(f.text);
      expect(f.sentence).toContain(f.text);
      expect(SOURCE).toContain(f.text);
      if (f.figure) expect(f.text).toContain(f.figure);
      if (f.value !== null) expect(f.text).toContain(String(f.value));
    }
  });

  it("the package's own data/, which a run takes without checking it, passes every check a corpus folder gets", () => {
    const checked = loadCorpus({ dataDir: defaultDataDir(), library: false });
    const trusted = loadCorpus({ library: false });
    expect(trusted).not.toBe(checked);
    expect(Object.getOwnPropertyDescriptor(trusted, 'releases')?.get).toBeTypeOf('function'); // read on first use
    expect({ ...trusted }).toEqual({ ...checked });
    expect(checked.facts.length).toBeGreaterThan(80);
    for (const f of checked.facts) {
      const r = checked.releases.find((x) => x.id === f.release)!;
      expect(r.text.slice(f.offset[0], f.offset[1]), f.id).toBe(f.text);
    }
  });

  it('finds the package data/ folder from the source tree', () => {
    expect(defaultDataDir()).toMatch(/[/\\]data$/);
  });

  function brokenDir(edit: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'zibo-corpus-'));
    cpSync(FIXTURE_DIR, dir, { recursive: true });
    edit(dir);
    return dir;
  }

  it('a missing file says how to make it', () => {
    const dir = brokenDir((d) => writeFileSync(join(d, 'x'), ''));
    const missing = join(dir, 'nope');
    expect(() => loadCorpus({ dataDir: missing })).toThrow(CorpusError);
    expect(() => loadCorpus({ dataDir: missing })).toThrow(/releases\.json \(missing: run `npm run corpus`/);
  });

  it('invalid JSON names the file', () => {
    const dir = brokenDir((d) => writeFileSync(join(d, 'facts.json'), '[{"id": '));
    expect(() => loadCorpus({ dataDir: dir })).toThrow(/facts\.json: not valid JSON/);
  });

  it('a fact pointing at an unknown release is an error', () => {
    const dir = brokenDir((d) => {
      const facts = JSON.parse(readFileSync(join(d, 'facts.json'), 'utf8'));
      facts[2].release = 'xx-2022';
      writeFileSync(join(d, 'facts.json'), JSON.stringify(facts));
    });
    expect(() => loadCorpus({ dataDir: dir })).toThrow(/record 2 \(uc-003\): field "release" names an unknown release "xx-2022"/);
  });
});

describe('recordsByLine (the generated files, read a record at a time)', () => {
  const layouts = (v: unknown[]) => [
    toRecords(v),
    JSON.stringify(v, null, 2) + '\n',
    JSON.stringify(v),
    toRecords(v).replace(/\n/g, '\r\n'),
    toRecords(v).replace(/,\n/, '\n'),
    toRecords(v).slice(0, -2),
  ];

  it('reads exactly what JSON.parse reads, with the text length, or declines (readJson then parses whole)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 12 }), (v) => {
        for (const text of layouts(v)) {
          const got = recordsByLine(Buffer.from(text, 'utf8'));
          if (got === null) continue;
          expect(got.records).toEqual(JSON.parse(text));
          expect(got.chars).toBe(text.length);
        }
        // The generated layout itself is always read a record at a time.
        const own = recordsByLine(Buffer.from(toRecords(v), 'utf8'));
        expect(own?.records).toEqual(JSON.parse(toRecords(v)));
      }),
    );
  });

  it('declines a file that is not one record a line', () => {
    for (const text of ['', '[', '[\n', '[\n1\n', '[\n1,\n]\n', '[\n1\n]\nx', '{\n}\n', '[\n1 2\n]\n', '\uFEFF[\n1\n]\n']) {
      expect(recordsByLine(Buffer.from(text, 'utf8')), JSON.stringify(text)).toBeNull();
    }
  });

  it('is how the bundled facts.json is laid out (the loader never holds its whole text)', () => {
    const bytes = readFileSync(join(defaultDataDir(), 'facts.json'));
    expect(recordsByLine(bytes)?.records).toEqual(JSON.parse(bytes.toString('utf8')));
  });
});
