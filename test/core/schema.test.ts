import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CorpusError, MAX_FIELD_CHARS, MAX_LIST_ITEMS, show, validateFacts, validateReleases, validateTopics } from '../../src/core/schema.js';
import { FIXTURE_DIR } from '../helpers/cli.js';

const read = (name: string) => JSON.parse(readFileSync(FIXTURE_DIR + name, 'utf8'));
const facts = () => read('facts.json') as Record<string, unknown>[];

function factError(mutate: (f: Record<string, unknown>) => void, index = 1): string {
  const data = facts();
  mutate(data[index]!);
  try {
    validateFacts('data/facts.json', data);
  } catch (e) {
    expect(e).toBeInstanceOf(CorpusError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('schema', () => {
  it('accepts the fixture corpus', () => {
    expect(validateFacts('f', facts())).toHaveLength(10);
    expect(validateReleases('r', read('releases.json'))).toHaveLength(2);
    expect(validateTopics('t', read('topics.json')).length).toBeGreaterThan(0);
  });

  it.each([
    [(f: Record<string, unknown>) => { f.scaled = 'abc'; }, 'data/facts.json: record 1 (uc-002): field "scaled" must be a number or null, got "abc"'],
    [(f: Record<string, unknown>) => { delete f.text; }, 'field "text" must be a non-empty string, got nothing (missing)'],
    [(f: Record<string, unknown>) => { f.domain = 'urban'; }, 'field "domain" must be one of urban-construction, digital-government'],
    [(f: Record<string, unknown>) => { f.qualifier = 'approx'; }, 'field "qualifier" must be one of exact, more-than'],
    [(f: Record<string, unknown>) => { f.kind = 'number'; }, 'field "kind" must be one of quantity, date'],
    [(f: Record<string, unknown>) => { f.offset = [3]; }, 'field "offset" must be a pair'],
    [(f: Record<string, unknown>) => { f.offset = [9, 2]; }, 'field "offset" must be a pair'],
    [(f: Record<string, unknown>) => { f.offset = [1.5, 2]; }, 'field "offset" must be a pair'],
    [(f: Record<string, unknown>) => { f.topics = []; }, 'field "topics" must be a non-empty array'],
    [(f: Record<string, unknown>) => { f.topics = ['公交', '']; }, 'field "topics" must be a non-empty array'],
    [(f: Record<string, unknown>) => { f.id = 'UC 2'; }, 'record 1 (UC 2): field "id" must be an id like uc-017'],
    [(f: Record<string, unknown>) => { f.date = '2022/09/30'; }, 'field "date" must be an ISO date'],
    [(f: Record<string, unknown>) => { f.value = Infinity; }, 'field "value" must be a number or null'],
    [(f: Record<string, unknown>) => { f.id = 'uc-001'; }, 'record 1 (uc-001): field "id" is not unique'],
  ])('%#: names the record and the field', (mutate, msg) => {
    expect(factError(mutate)).toContain(msg);
  });

  it('a record that is not an object, or a file that is not an array', () => {
    expect(() => validateFacts('x.json', [1])).toThrow('x.json: record 0: expected an object, got 1');
    expect(() => validateFacts('x.json', { a: 1 })).toThrow('x.json: expected a JSON array of records');
  });

  it('releases and topics are checked too', () => {
    const r = read('releases.json');
    r[1].date = 'Dec 8';
    expect(() => validateReleases('data/releases.json', r)).toThrow('record 1 (dg-2022-12-08): field "date" must be an ISO date');
    const t = read('topics.json');
    t[0].count = -1;
    expect(() => validateTopics('data/topics.json', t)).toThrow('record 0 (公交): field "count" must be a non-negative integer');
  });
});

describe('schema: hostile records', () => {
  it('a field past MAX_FIELD_CHARS or a list past MAX_LIST_ITEMS is refused with its size', () => {
    expect(factError((f) => { f.text = '长'.repeat(MAX_FIELD_CHARS + 1); })).toBe(
      `data/facts.json: record 1 (uc-002): field "text" is too big: it must be at most ${MAX_FIELD_CHARS} characters long, got ${MAX_FIELD_CHARS + 1}`);
    expect(factError((f) => { f.topics = Array.from({ length: MAX_LIST_ITEMS + 1 }, (_, i) => `t${i}`); })).toBe(
      `data/facts.json: record 1 (uc-002): field "topics" is too big: it must be a list of at most ${MAX_LIST_ITEMS} items, got ${MAX_LIST_ITEMS + 1}`);
    const atBound = facts();
    atBound[1]!.text = '长'.repeat(MAX_FIELD_CHARS);
    expect(validateFacts('f', atBound)).toHaveLength(10);
  });

  it('a value is previewed bounded in depth and length, controls and bidi escaped', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(show(deep)).toBe('[[[...]]]');
    expect(show('x'.repeat(1000))).toBe(`"${'x'.repeat(56)}..." (1000 characters)`);
    expect(show('\u001b]0;t\u0007\u202e')).toBe('"\\u001b]0;t\\u0007\\u202e"');
    expect(factError((f) => { f.value = '\u001b[2J'; })).toBe('data/facts.json: record 1 (uc-002): field "value" must be a number or null, got "\\u001b[2J"');
  });

  it('a file name with control characters is escaped in messages', () => {
    expect(() => validateFacts('evil\u001b[2J.json', 5)).toThrow('evil\\x1b[2J.json: expected a JSON array of records, got 5');
  });
});
