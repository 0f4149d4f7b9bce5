import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadCorpus } from '../../src/core/corpus.js';
import { checkDraft, summarize } from '../../src/core/check.js';
import type { Fact } from '../../src/core/types.js';

const DRAFTS = fileURLToPath(new URL('../fixtures/drafts/', import.meta.url));
const corpus = loadCorpus();

interface Expected {
  text: string;
  status: 'match' | 'mismatch' | 'unverified';
  /** The fact, found through the corpus: its figure as written and a piece of its clause. */
  source?: { figure: string; in: string };
  note?: string;
}

/** The fact a draft figure should be tied to, looked up in data/facts.json (never a hard-coded id). */
function factFor(src: { figure: string; in: string }): Fact {
  const hits = corpus.facts.filter((f) => f.figure === src.figure && (f.text.includes(src.in) || f.label.includes(src.in)));
  expect(hits, `exactly one fact states ${src.figure} about ${src.in}`).toHaveLength(1);
  return hits[0]!;
}

const names = readdirSync(DRAFTS).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();

describe('checkDraft on news-style drafts', () => {
  it('has at least 8 drafts', () => expect(names.length).toBeGreaterThanOrEqual(8));

  for (const name of names) {
    it(`${name}: every figure found and judged right`, () => {
      const draft = readFileSync(join(DRAFTS, `${name}.txt`), 'utf8');
      const expected = JSON.parse(readFileSync(join(DRAFTS, `${name}.expected.json`), 'utf8')) as Expected[];
      const { claims } = checkDraft(draft, corpus);
      expect(claims.map((c) => c.text)).toEqual(expected.map((e) => e.text));
      claims.forEach((c, i) => {
        const e = expected[i]!;
        const where = `${name} #${i} ${c.text}`;
        expect(c.status, where).toBe(e.status);
        expect(draft.slice(...c.offset), where).toBe(c.text);
        if (e.source) {
          const fact = factFor(e.source);
          expect(c.fact, where).toBe(fact.id);
          expect(c.source, where).toEqual({ figure: fact.figure, value: fact.value, unit: fact.unit, qualifier: fact.qualifier, text: fact.text });
        } else {
          expect(c.fact, where).toBeNull();
          expect(c.source, where).toBeNull();
        }
        if (e.note) expect(c.note, where).toContain(e.note);
      });
    });
  }
});

/** The same draft with the full-width punctuation most Chinese news uses (a digit group comma stays ASCII). */
function fullWidth(text: string): string {
  const map: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
  return text.replace(/[,;:?!()]/g, (ch, at: number) => (ch === ',' && /\d/.test(text[at - 1] ?? '') && /\d/.test(text[at + 1] ?? '') ? ch : map[ch]!));
}

describe('checkDraft with full-width punctuation', () => {
  for (const name of names) {
    it(`${name}: judged the same with ，；：？！（）`, () => {
      const draft = readFileSync(join(DRAFTS, `${name}.txt`), 'utf8');
      const ascii = checkDraft(draft, corpus).claims.map((c) => [c.text, c.status, c.fact]);
      expect(checkDraft(fullWidth(draft), corpus).claims.map((c) => [c.text, c.status, c.fact])).toEqual(ascii);
    });
  }
});

describe('checkDraft: judging rules', () => {
  const one = (draft: string) => {
    const { claims } = checkDraft(draft, corpus);
    expect(claims).toHaveLength(1);
    return claims[0]!;
  };
  const bus41 = () => factFor({ figure: '41条', in: '调整公交线路' });

  it('a correct figure is not called a mismatch because a neighbouring fact ranks first', () => {
    const { claims } = checkDraft('淄博调整公交线路41条,新增公交线路4条,沾临高速等4条高速建设按序时进度推进。', corpus);
    expect(claims.map((c) => c.status)).toEqual(['match', 'match', 'match']);
    expect(claims[1]!.fact).toBe(factFor({ figure: '4条', in: '新增公交线路' }).id);
    expect(claims[2]!.fact).toBe(factFor({ figure: '4条', in: '沾临高速' }).id);
  });

  it('the same quantity written with another magnitude matches: 110000户 = 11万户, 52400000000元 = 524亿元', () => {
    expect(one('改造老旧小区户内燃气设施110000户。').status).toBe('match');
    const c = one('淄博城建重点项目完成投资52400000000元。');
    expect(c.status).toBe('match');
    expect(c.fact).toBe(factFor({ figure: '524亿元', in: '完成投资' }).id);
  });

  it('a wrong number entirely: 45条 against 41条', () => {
    const c = one('淄博调整公交线路45条。');
    expect(c).toMatchObject({ status: 'mismatch', fact: bus41().id, source: { figure: '41条', value: 41 } });
  });

  it('wrong magnitude: 524万元 against 524亿元', () => {
    const c = one('全市城建重点项目完成投资524万元。');
    expect(c.status).toBe('mismatch');
    expect(c.note).toContain('wrong magnitude');
  });

  it('a copying slip is caught even when the draft paraphrases the source (燃气软管 for 天然气金属软管设施)', () => {
    const hoses = corpus.facts.find((f) => f.figure === '103万户')!;
    expect(one('更换燃气软管103亿户。')).toMatchObject({ status: 'mismatch', fact: hoses.id, note: expect.stringContaining('wrong magnitude') });
    expect(one('更换燃气软管130万户。')).toMatchObject({ status: 'mismatch', fact: hoses.id, note: expect.stringContaining('digits swapped') });
    // The words name one claim (更换…软管): a plainly different figure is a mismatch too (issue 12).
    expect(one('更换燃气软管7万户。')).toMatchObject({ status: 'mismatch', fact: hoses.id });
  });

  it('qualifiers: a dropped 近 matches with a note; 超过 against 近 contradicts', () => {
    expect(one('发放消费券带动消费70亿元。')).toMatchObject({ status: 'match', note: expect.stringContaining('nearly') });
    expect(one('发放消费券带动消费近70亿元。')).toMatchObject({ status: 'match', note: null });
    expect(one('发放消费券带动消费超过70亿元。').status).toBe('mismatch');
  });

  it('a figure about something the releases never mention is unverified', () => {
    expect(one('淄博港年吞吐量达500万吨。')).toMatchObject({ status: 'unverified', fact: null, source: null });
    expect(one('全市新建学校8处。').status).toBe('unverified');
  });

  it('words that fit two facts with other figures equally are not a mismatch', () => {
    expect(one('全市新开通公交线路6条。').status).toBe('unverified');
    const c = checkDraft('公交车辆更新300台,新开通公交线路6条。', corpus).claims.find((x) => x.text === '6条')!;
    expect(c).toMatchObject({ status: 'unverified', fact: null, source: null });
    expect(c.note).toContain('ambiguous');
  });

  it('years, ordinals and names are not figures', () => {
    expect(checkDraft('2022年,第二届全国电子竞技大赛在淄博举行,12345热线和5G网络覆盖全市。', corpus).claims).toEqual([]);
  });

  it('a repeated sentence is judged once and reported at each place', () => {
    const s = '淄博调整公交线路45条。';
    const r = checkDraft(s.repeat(3), corpus);
    expect(r.claims.map((c) => c.offset[0])).toEqual([8, 8 + s.length, 8 + 2 * s.length]);
    expect(r.repeated).toBe(2);
    expect(summarize(r.claims)).toEqual({ match: 0, mismatch: 3, unverified: 0 });
  });

  it('empty text has no claims', () => {
    expect(checkDraft('', corpus).claims).toEqual([]);
  });
});

describe('checkDraft: issue 12', () => {
  const judge = (draft: string) => checkDraft(draft, corpus).claims;
  const id = (figure: string, inText: string) => factFor({ figure, in: inText }).id;

  it('a swap of two sibling claims is two mismatches, each naming the claim its words point to', () => {
    for (const draft of ['淄博新增公交线路41条，调整公交线路4条。', '淄博新增公交线路41条,调整公交线路4条。', '今年调整公交线路4条、新增公交线路41条。']) {
      const claims = judge(draft);
      const byText = Object.fromEntries(claims.map((c) => [c.text, c]));
      expect(byText['41条']).toMatchObject({ status: 'mismatch', fact: id('4条', '新增公交线路') });
      expect(byText['4条']).toMatchObject({ status: 'mismatch', fact: id('41条', '调整公交线路') });
      expect(byText['41条']!.why).toMatchObject({ by: 'subject', subject: expect.arrayContaining([expect.stringContaining('新增')]) });
    }
  });

  it('a subject naming exactly one claim is a match or a mismatch, never unverified', () => {
    expect(judge('淄博有数据中心15个')[0]).toMatchObject({ status: 'mismatch', fact: id('14个', '数据中心'), source: { figure: '14个' } });
    expect(judge('数据中心达到14个')[0]).toMatchObject({ status: 'match', fact: id('14个', '数据中心') });
    expect(judge('淄博的标准机架总数有4.2万个')[0]).toMatchObject({ status: 'mismatch', fact: id('超4.3万个', '标准机架') });
  });

  it('a figure too large to represent is an error on that figure, never a match', () => {
    const [c] = judge(`淄博调整公交线路${'9'.repeat(309)}条`);
    expect(c).toMatchObject({ status: 'unverified', fact: null });
    expect(c!.note).toContain('too large');
  });

  it('a value outside what the qualifier allows is a mismatch; a dropped or added hedge a match with a note', () => {
    expect(judge('发放消费券带动消费71亿元。')[0]).toMatchObject({ status: 'mismatch', fact: id('近70亿元', '带动消费') });
    expect(judge('发放消费券带动消费近71亿元。')[0]!.status).toBe('mismatch');
    expect(judge('全市标准机架总数超4.2万个。')[0]!.status).toBe('mismatch');
    expect(judge('全市标准机架总数4.3万个。')[0]).toMatchObject({ status: 'match', note: expect.stringContaining('more than') });
    expect(judge('全市调整公交线路超过41条。')[0]).toMatchObject({ status: 'match', note: expect.stringContaining('exactly') });
  });

  it('figures are read through the shared normaliser', () => {
    for (const draft of ['调整公交线路4\u200b1条', '调整公交线路４１条', '调整公交线路4\u200b5条']) {
      const [c] = judge(draft);
      expect(c!.fact).toBe(id('41条', '调整公交线路'));
      expect(c!.status).toBe(draft.includes('5') ? 'mismatch' : 'match');
      expect(draft.slice(...c!.offset)).toBe(c!.text);
    }
  });
});
