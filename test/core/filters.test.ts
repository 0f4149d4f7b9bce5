import { describe, expect, it } from 'vitest';
import { compareIds, filterFacts, parseSort, resolveDomain, resolveFilter, resolveTopic, sortFacts } from '../../src/core/filters.js';
import { LookupError, editDistance, suggest } from '../../src/core/suggest.js';
import { parseNumber } from '../../src/cli/parse.js';
import { fixture } from '../helpers/cli.js';

const corpus = fixture();
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('resolveDomain', () => {
  it.each([
    ['uc', 'urban-construction'], ['城建', 'urban-construction'], [' Urban ', 'urban-construction'],
    ['dg', 'digital-government'], ['数字政府', 'digital-government'], ['DIGITAL_GOVERNMENT', 'digital-government'],
  ])('%j → %s', (input, want) => expect(resolveDomain(input)).toBe(want));

  it('a prefix is not accepted, but suggested', () => {
    try {
      resolveDomain('urb');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(LookupError);
      expect((e as LookupError).suggestions).toEqual(['urban-construction']);
    }
  });
});

describe('resolveTopic', () => {
  it.each([['公交', '公交'], ['公共交通', '公交'], ['bus routes', '公交'], ['GongJiao', '公交'], ['data centres', '数据中心'], ['ｂｕｓ', '公交']])(
    '%j → %s',
    (input, want) => expect(resolveTopic(input, corpus.topics)).toBe(want),
  );
  it('unknown → LookupError with the nearest topics', () => {
    expect(() => resolveTopic('qqqq', corpus.topics)).toThrow(LookupError);
    try {
      resolveTopic('peixn', corpus.topics);
    } catch (e) {
      expect((e as LookupError).suggestions).toContain('培训');
    }
  });
});

describe('filters and sort', () => {
  it('combine', () => {
    const f = resolveFilter({ domain: 'dg', min: 100 }, corpus);
    expect(ids(filterFacts(corpus.facts, f))).toEqual(['dg-002', 'dg-003']);
    expect(ids(filterFacts(corpus.facts, resolveFilter({ unit: '元' }, corpus)))).toEqual(['uc-006']);
    expect(ids(filterFacts(corpus.facts, resolveFilter({ unit: '亿元' }, corpus)))).toEqual(['uc-006']);
    expect(ids(filterFacts(corpus.facts, resolveFilter({ section: '开展业务培训' }, corpus)))).toEqual(['dg-003']);
  });

  it('sorts with nulls last in both directions, ties in corpus order', () => {
    const asc = sortFacts(corpus.facts, parseSort('date'));
    expect(asc[0]!.id).toBe('uc-001');
    expect(ids(sortFacts(corpus.facts, parseSort('-value')))[9]).toBe('uc-001');
    expect(ids(sortFacts(corpus.facts, parseSort('value')))[9]).toBe('uc-001');
    expect(ids(sortFacts(corpus.facts, parseSort('topic', true))).slice(0, 3)).toEqual(['uc-001', 'uc-007', 'dg-001']);
  });

  it('parseSort: "-" and desc flip', () => {
    expect(parseSort('-scaled')).toEqual({ key: 'scaled', desc: true });
    expect(parseSort('-scaled', true)).toEqual({ key: 'scaled', desc: false });
    expect(() => parseSort('vlue')).toThrow(LookupError);
  });

  it('compareIds is natural', () => {
    expect(['uc-10', 'uc-2', 'dg-1'].sort(compareIds)).toEqual(['dg-1', 'uc-2', 'uc-10']);
  });
});

describe('suggest', () => {
  it('edit distance counts a transposition as one', () => {
    expect(editDistance('urbna', 'urban')).toBe(1);
    expect(editDistance('公交', '公焦')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests near values only', () => {
    const entries: Array<[string, string]> = [['json', 'json'], ['jsonl', 'jsonl'], ['csv', 'csv']];
    expect(suggest('jsn', entries)).toEqual(['json']);
    expect(suggest('jso', entries)).toEqual(['json', 'jsonl']);
    expect(suggest('xml', entries)).toEqual([]);
    expect(suggest('x', [['y', 'y']])).toEqual([]);
  });
});

describe('parseNumber', () => {
  it.each([['100', 100], ['1e6', 1e6], ['103万', 1030000], ['4.3万', 43000], ['524亿', 52400000000], ['１２', 12], ['-5', -5], ['1,000', 1000],
    ['5亿元', 500000000], ['10万户', 100000], ['100公里', 100], ['2千', 2000], ['1.5 亿元', 150000000]])(
    '%j → %d',
    (s, n) => expect(parseNumber(s)).toBe(n),
  );
  it.each(['', 'abc', '1..2', '万', 'Infinity', '1e999', '5亿元以上的', '5 abc'])('%j → null', (s) => expect(parseNumber(s)).toBeNull());
});
