// The build-time set-up (data/search/: prepared.json, fields.json, *.idx) must change nothing: same hits, scores and explanations as the
// set-up made at run time, on every query of the evaluation set.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus.js';
import { createSearchEngine } from '../../../src/core/search/engine.js';
import { LOOKUP_SECTIONS, parseLookup, parseSpace, parseWeights, preparedFor, serializeLookup, serializeSpace, serializeWeights, type LookupData } from '../../../src/core/search/prepared.js';
import { FIELDS, SPACE_FIELDS, factorMatrix, fieldFactor, meanLength, type Postings } from '../../../src/core/search/docs.js';
import fc from 'fast-check';

const corpus = loadCorpus();
const queries: Array<{ q: string }> = JSON.parse(readFileSync(new URL('../../../data/eval/queries.json', import.meta.url), 'utf8'));

describe('prepared search set-up', () => {
  it('is found for the bundled corpus', () => {
    expect(preparedFor(corpus)).toBeDefined();
  });

  it('is not used for another corpus, even with the same ids (a --data file, a test corpus)', () => {
    const copy = { ...corpus, facts: corpus.facts.map((f) => ({ ...f })) };
    expect(preparedFor(copy)).toBeUndefined();
  });

  it('reads the normalised fields only to explain a pinyin or homophone match', () => {
    const count = (query: string) => {
      const p = preparedFor(corpus)!;
      let reads = 0;
      const engine = createSearchEngine(corpus, { ...p, fields: () => (reads++, p.fields()) });
      const hits = engine.search(query, { limit: 5 });
      const before = reads;
      for (const h of hits) void h.explain;
      return [hits.length > 0, before, reads > before];
    };
    expect(count('数据中心')).toEqual([true, 0, false]); // synonyms (机房, 算力…) are checked without them
    expect(count('煤气')).toEqual([true, 0, false]);
    expect(count('gongjiao')).toEqual([true, 0, true]);
    expect(count('青年之佳')).toEqual([true, 0, true]);
  });

  it('never reads the topics for a query that matches on the postings (topics.json stays unread)', () => {
    const p = preparedFor(corpus)!;
    let reads = 0;
    const counting = { facts: corpus.facts, releases: corpus.releases, get topics() { reads++; return corpus.topics; } };
    const engine = createSearchEngine(counting, p);
    expect(engine.search('数据中心', { limit: 3 }).map((h) => h.fact.id)).toEqual(createSearchEngine(corpus).search('数据中心', { limit: 3 }).map((h) => h.fact.id));
    expect(engine.search('公交线路', { limit: 3 }).length).toBeGreaterThan(0);
    expect(reads).toBe(0);
    // A record made at run time (no prepared fields) does need them: the lookup is lazy, not gone.
    const plain = createSearchEngine(counting, null);
    expect(plain.search('公交线路', { limit: 3 }).length).toBeGreaterThan(0);
    expect(reads).toBeGreaterThan(0);
  });

  it('gives exactly the results of the run-time set-up on every evaluation query', () => {
    const fast = createSearchEngine(corpus);
    const slow = createSearchEngine(corpus, null);
    expect(slow.internals.docs[0]!.fields).toEqual(fast.internals.docs[0]!.fields);
    const extra = ['公交', '数据中心', '夜間經濟', 'greenway', 'grenway', 'gongjiao', '青年之佳', '524亿元', '哪年', 'qqqq'];
    for (const q of [...queries.map((x) => x.q), ...extra]) {
      const a = fast.search(q, { limit: 10 }).map((h) => [h.fact.id, h.score, h.explain]);
      expect(a, q).toEqual(slow.search(q, { limit: 10 }).map((h) => [h.fact.id, h.score, h.explain]));
    }
  });
});

describe('postings text (serializeSpace → parseSpace)', () => {
  const gram = fc.string({ unit: fc.constantFrom('数', '据', '中', '心', 'a', 'b', ' ', '一', '𠀀', '～', 'é'), minLength: 1, maxLength: 4 });
  const postings = fc.dictionary(gram, fc.dictionary(fc.nat({ max: 500 }).map(String), fc.integer({ min: 1, max: 31 }), { minKeys: 1 }), { maxKeys: 60 });

  // What a Postings holds, as a Map (a read one is packed arrays, or a Map when its list is out of order).
  const asMap = (p: Postings | undefined) => p && new Map([...p.keys()].map((d) => [d, p.get(d)]));

  it('finds every gram with its exact postings, and nothing else, whatever the order of a list', () => {
    fc.assert(
      fc.property(postings, fc.array(gram, { maxLength: 10 }), fc.boolean(), (dict, probes, reversed) => {
        const list = (p: Record<string, number>) => Object.entries(p).map(([d, m]): [number, number] => [Number(d), m]);
        const map = new Map(Object.entries(dict).map(([g, p]) => [g, new Map(reversed ? list(p).reverse() : list(p))]));
        const space = parseSpace(Buffer.from(serializeSpace('zh', 'stamp1', map)), 'zh', 'stamp1')!;
        for (const [g, p] of map) {
          expect(asMap(space.postings(g))).toEqual(p);
          expect(space.postings(g)!.size).toBe(p.size);
          for (const d of [-1, 0, 7, 499, 500, 501]) expect(space.postings(g)!.get(d)).toBe(p.get(d));
        }
        for (const g of probes) expect(asMap(space.postings(g))).toEqual(map.get(g));
        expect(space.postings('')).toBeUndefined();
        expect([...space.grams()].sort()).toEqual([...map.keys()].sort());
      }),
    );
  });

  it('refuses a text of another build, space or format', () => {
    const text = serializeSpace('zh', 'stamp1', new Map([['数据', new Map([[0, 1]])]]));
    expect(parseSpace(Buffer.from(text), 'zh', 'stamp2')).toBeUndefined();
    expect(parseSpace(Buffer.from(text), 'py', 'stamp1')).toBeUndefined();
    expect(parseSpace(Buffer.from('garbage'), 'zh', 'stamp1')).toBeUndefined();
  });

  it('a damaged body finds nothing rather than failing', () => {
    const text = serializeSpace('zh', 's', new Map([['数据', new Map([[0, 1]])]]));
    const cut = parseSpace(Buffer.from(text.replace('\t', ' ')), 'zh', 's')!;
    expect(cut.postings('数据')).toBeUndefined();
  });
});

describe('vocabulary as bytes (serializeLookup → parseLookup)', () => {
  const word = fc.string({ unit: fc.constantFrom('公', '交', '线', '路', 'a', 'b', ' ', '5', '𠀀', '#'), minLength: 1, maxLength: 5 });
  const map = fc.uniqueArray(word, { maxLength: 30 }).chain((keys) =>
    fc.array(fc.array(word, { maxLength: 4 }), { minLength: keys.length, maxLength: keys.length }).map((vals) => new Map(keys.map((k, i) => [k, vals[i]!]))),
  );
  const set = fc.uniqueArray(word, { maxLength: 30 }).map((ws) => new Map(ws.map((w): [string, string[]] => [w, []])));

  it('answers every lookup of every section as the map or set it was made from, and nothing else', () => {
    fc.assert(
      fc.property(set, map, map, map, set, fc.array(word, { maxLength: 10 }), (words, synonyms, topicsOf, enSynonyms, inCorpus, probes) => {
        const data: LookupData = { words, synonyms, topicsOf, enSynonyms, inCorpus };
        const l = parseLookup(Buffer.from(serializeLookup('s1', data)), 's1')!;
        const keys = [...LOOKUP_SECTIONS.flatMap((n) => [...data[n].keys()]), ...probes, '', 'x\ty', 'a\nb', '#words', 'synonyms'];
        for (const k of keys) {
          expect(l.words.has(k), k).toBe(words.has(k));
          expect(l.inCorpus.has(k), k).toBe(inCorpus.has(k));
          expect(l.synonyms.get(k), k).toEqual(synonyms.get(k));
          expect(l.topicsOf.get(k), k).toEqual(topicsOf.get(k));
          expect(l.enSynonyms.get(k), k).toEqual(enSynonyms.get(k));
        }
      }),
    );
  });

  it('refuses a text of another build or format, or with a section missing', () => {
    const empty = new Map<string, string[]>();
    const text = serializeLookup('s1', { words: new Map([['公交', []]]), synonyms: empty, topicsOf: empty, enSynonyms: empty, inCorpus: empty });
    expect(parseLookup(Buffer.from(text), 's1')!.words.has('公交')).toBe(true);
    expect(parseLookup(Buffer.from(text), 's2')).toBeUndefined();
    expect(parseLookup(Buffer.from(text.replace('#topicsOf\n', '')), 's1')).toBeUndefined();
    expect(parseLookup(Buffer.from('garbage'), 's1')).toBeUndefined();
  });
});

describe('field factors as bytes (serializeWeights → parseWeights)', () => {
  const lengths = (docs: number, seed: number) =>
    Object.fromEntries(FIELDS.map((f, i) => [f, Array.from({ length: docs }, (_, d) => ((d * 7 + i * 13 + seed) % 23) * (i === 2 ? 0 : 1))])) as Record<(typeof FIELDS)[number], number[]>;

  it('reads back every factor bit for bit, at any offset of the buffer it is read into', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.nat(100), fc.integer({ min: 0, max: 7 }), (docs, seed, shift) => {
        const len = lengths(docs, seed);
        const weights = { zh: factorMatrix('zh', len, docs), py: factorMatrix('py', len, docs), en: factorMatrix('en', len, docs) };
        const bytes = serializeWeights('s1', weights);
        // Node hands small files out of a shared pool at any offset: a misaligned view must still read right.
        const host = new Uint8Array(bytes.length + shift);
        host.set(bytes, shift);
        const back = parseWeights(host.subarray(shift), 's1', docs)!;
        for (const sp of ['zh', 'py', 'en'] as const) expect(Array.from(back[sp])).toEqual(Array.from(weights[sp]));
      }),
    );
  });

  it('is the BM25F factor of each field: weight over length normalisation, by the mean length', () => {
    const len = lengths(5, 3);
    const m = factorMatrix('zh', len, 5);
    const fields = SPACE_FIELDS.zh;
    for (let d = 0; d < 5; d++) for (let fi = 0; fi < fields.length; fi++) {
      expect(m[d * fields.length + fi]).toBe(fieldFactor(fields[fi]!, len[fields[fi]!][d]!, meanLength(len[fields[fi]!])));
    }
  });

  it('refuses a file of another build or corpus size', () => {
    const len = lengths(3, 1);
    const bytes = serializeWeights('s1', { zh: factorMatrix('zh', len, 3), py: factorMatrix('py', len, 3), en: factorMatrix('en', len, 3) });
    expect(parseWeights(bytes, 's1', 3)).toBeDefined();
    expect(parseWeights(bytes, 's2', 3)).toBeUndefined();
    expect(parseWeights(bytes, 's1', 4)).toBeUndefined();
    expect(parseWeights(bytes.subarray(0, bytes.length - 8), 's1', 3)).toBeUndefined();
    expect(parseWeights(Buffer.from('garbage'), 's1', 3)).toBeUndefined();
  });

  it('is what the bundled corpus is scored with', () => {
    const p = preparedFor(corpus)!;
    const w = p.weights()!;
    for (const sp of ['zh', 'py', 'en'] as const) expect(Array.from(w[sp])).toEqual(Array.from(factorMatrix(sp, p.file.lengths, corpus.facts.length)));
  });
});
