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

// ---- daily: lists, dates, releases ----
import { dateOnOrAfter, dateOnOrBefore, dateWithin, parseDateSpec, resolveDate, resolveRelease, splitList } from '../../src/core/filters.js';

describe('splitList', () => {
  it.each<[string | string[], string[]]>([
    ['公交', ['公交']],
    ['公交,燃气', ['公交', '燃气']],
    ['公交，燃气', ['公交', '燃气']],
    ['公交、燃气', ['公交', '燃气']],
    [' 公交 , 燃气 ,', ['公交', '燃气']],
    [['公交,燃气', '青年'], ['公交', '燃气', '青年']],
    [',', []],
  ])('%j → %j', (input, want) => expect(splitList(input)).toEqual(want));
});

describe('a comma-separated --topic/--domain is a repeated one', () => {
  it.each<[FilterInputLike, string[]]>([
    [{ topic: '公交,青年' }, ['uc-002', 'uc-003', 'uc-004', 'uc-007']],
    [{ topic: '公交，数据中心' }, ['uc-002', 'uc-003', 'uc-004', 'dg-001', 'dg-002']],
    [{ topic: ['公交', '青年'] }, ['uc-002', 'uc-003', 'uc-004', 'uc-007']],
    [{ domain: 'dg,uc' }, corpus.facts.map((f) => f.id)],
    [{ domain: '数字政府，城建', topic: '培训' }, ['dg-003']],
  ])('%j', (input, want) => expect(ids(filterFacts(corpus.facts, resolveFilter(input, corpus)))).toEqual(want));

  it('an unknown piece is reported alone, with its suggestion', () => {
    try {
      resolveFilter({ topic: '公交,qingnain' }, corpus);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(LookupError);
      expect((e as LookupError).input).toBe('qingnain');
      expect((e as LookupError).suggestions).toContain('青年');
    }
  });
});
type FilterInputLike = Parameters<typeof resolveFilter>[0];

describe('parseDateSpec', () => {
  it.each<[string, string | null, string | null, string?]>([
    ['2022-09-30', '2022-09-30', '2022-09-30'],
    ['2022/9/30', '2022-09-30', '2022-09-30'],
    ['2022.9.3', '2022-09-03', '2022-09-03'],
    ['２０２２-０９-３０', '2022-09-30', '2022-09-30'],
    ['2022年9月30日', '2022-09-30', '2022-09-30'],
    ['2022年9月30号', '2022-09-30', '2022-09-30'],
    ['2022-09', '2022-09-01', '2022-09-31'],
    ['2022年11月', '2022-11-01', '2022-11-31'],
    ['2022', '2022-01-01', '2022-12-31'],
    ['2022年', '2022-01-01', '2022-12-31'],
    ['9月30日', '0000-09-30', '9999-09-30', '09-30'],
    ['2022-02-30', null, null],
    ['2022-13', null, null],
    ['2月30日', null, null],
    ['yesterday', null, null],
    ['22-09-30', null, null],
  ])('%j', (input, start, end, monthDay) => {
    const spec = parseDateSpec(input);
    if (start === null) expect(spec).toBeNull();
    else expect(spec).toEqual({ input, start, end, ...(monthDay ? { monthDay } : {}) });
  });
});

describe('date predicates', () => {
  const d = (s: string) => parseDateSpec(s)!;
  it.each<[string | null, string, boolean, boolean, boolean]>([
    // fact date, spec, --date, --since, --until
    ['2022-09-30', '2022-09-30', true, true, true],
    ['2022-09-30', '2022-09', true, true, true],
    ['2022-09-30', '2022', true, true, true],
    ['2022-09-30', '2022-10', false, false, true],
    ['2022-09-30', '2022-09-29', false, true, false],
    ['2022-09-30', '2022-10-01', false, false, true],
    ['2022-11', '2022-11-16', false, true, true],
    ['2022-11', '2022', true, true, true],
    [null, '2022', false, false, false],
  ])('fact %j, spec %j', (date, spec, within, after, before) => {
    expect([dateWithin(date, d(spec)), dateOnOrAfter(date, d(spec)), dateOnOrBefore(date, d(spec))]).toEqual([within, after, before]);
  });

  it('a month-day (--date only) matches that day of any year, and only a whole date', () => {
    expect(['2022-09-30', '2021-09-30', '2022-09', '2022-11-16', null].map((x) => dateWithin(x, d('9月30日')))).toEqual([true, true, false, false, false]);
  });

  it('--date/--since/--until through resolveFilter', () => {
    const pick = (input: FilterInputLike) => ids(filterFacts(corpus.facts, resolveFilter(input, corpus)));
    expect(pick({ date: '2022-09-30' })).toEqual(['uc-001']);
    expect(pick({ date: '9月30日' })).toEqual(['uc-001']);
    expect(pick({ since: '2022-10' })).toEqual([]);
    expect(pick({ until: '2022-09' })).toEqual(['uc-001']);
    expect(pick({ since: '2022', until: '2022-12-31', topic: '高速公路' })).toEqual(['uc-001']);
  });

  it.each([['date', 'tomorrow'], ['since', '9月30日'], ['until', '2022-02-30']] as const)('--%s %j is a LookupError listing the forms', (what, input) => {
    expect(() => resolveDate(input, what)).toThrow(LookupError);
    try {
      resolveDate(input, what);
    } catch (e) {
      expect((e as LookupError).what).toBe('date');
      expect((e as LookupError).valid).toContain('2022-09-30');
    }
  });
});

describe('resolveRelease', () => {
  const releases = corpus.releases;
  it.each([['uc-2022-12-08', 'uc-2022-12-08'], ['DG-2022-12-08', 'dg-2022-12-08'], ['uc', 'uc-2022-12-08'], ['dg', 'dg-2022-12-08']])(
    '%j → %s',
    (input, want) => expect(resolveRelease(input, releases)).toBe(want),
  );
  it('an unknown release suggests the nearest id', () => {
    try {
      resolveRelease('uc-2022-12-09', releases);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(LookupError);
      expect((e as LookupError).what).toBe('release');
      expect((e as LookupError).suggestions[0]).toBe('uc-2022-12-08');
    }
  });
  it('filters facts by release, repeated or comma-separated', () => {
    const pick = (release: string | string[]) => ids(filterFacts(corpus.facts, resolveFilter({ release }, corpus)));
    expect(pick('dg')).toEqual(['dg-001', 'dg-002', 'dg-003']);
    expect(pick('dg-2022-12-08,uc')).toEqual(corpus.facts.map((f) => f.id));
    expect(pick(['uc', 'uc-2022-12-08'])).toHaveLength(7);
  });
});
