import { describe, expect, it } from 'vitest';
import { blocks, clauses, sentences, type Span } from '../../src/extract/segment.js';

const span = (text: string): Span => ({ text, start: 0, end: text.length });
const texts = (spans: Span[]) => spans.map((s) => s.text);

describe('blocks', () => {
  const text = '# 标题一\n\n导语。\n\n## 小标题 甲\n\n正文一。\n\n## 小标题 乙\n\n正文二。';
  it('tells title, headings and paragraphs apart and tracks the section', () => {
    const b = blocks(text);
    expect(b.map((x) => [x.kind, x.text, x.section])).toEqual([
      ['title', '标题一', ''],
      ['paragraph', '导语。', ''],
      ['heading', '小标题 甲', '小标题 甲'],
      ['paragraph', '正文一。', '小标题 甲'],
      ['heading', '小标题 乙', '小标题 乙'],
      ['paragraph', '正文二。', '小标题 乙'],
    ]);
  });
  it('gives offsets that point at the text', () => {
    for (const b of blocks(text)) expect(text.slice(b.start, b.end)).toBe(b.text);
  });
});

describe('sentences', () => {
  it.each<[string, string[]]>([
    ['城市布局更加合理。全面提升首位度;130个项目全部开工,完成投资524亿元;火车站投入使用。',
      ['城市布局更加合理。', '全面提升首位度;', '130个项目全部开工,完成投资524亿元;', '火车站投入使用。']],
    ['他说：“今年完成了。明年继续。”随后离开。', ['他说：“今年完成了。明年继续。”随后离开。']],
    ['没有结束标点的句子', ['没有结束标点的句子']],
    ['问题？回答！', ['问题？', '回答！']],
  ])('%s', (input, expected) => {
    expect(texts(sentences(span(input)))).toEqual(expected);
  });
});

describe('clauses', () => {
  it.each<[string, string[]]>([
    ['优化大众公交线路,调整公交线路41条,开通助学、助医定制公交线路55条,新增公交线路4条;',
      ['优化大众公交线路', '调整公交线路41条', '开通助学、助医定制公交线路55条', '新增公交线路4条']],
    // a comma inside a book title or a quotation does not split
    ['制定出台了《淄博市落实对标浙江,加快推进数字变革创新工作实施方案》,谋划了6方面24条措施,',
      ['制定出台了《淄博市落实对标浙江,加快推进数字变革创新工作实施方案》', '谋划了6方面24条措施']],
    ['提出“深化城市平台赋能,打造时尚活力的现代化新淄博”的目标路径。', ['提出“深化城市平台赋能,打造时尚活力的现代化新淄博”的目标路径']],
    ['全市在用在建数据中心14个，标准机架总数超4.3万个：', ['全市在用在建数据中心14个', '标准机架总数超4.3万个']],
  ])('%s', (input, expected) => {
    const got = clauses(span(input));
    expect(texts(got)).toEqual(expected);
    for (const c of got) expect(input.slice(c.start, c.end)).toBe(c.text);
  });

  it('keeps offsets relative to the whole text', () => {
    const text = '前文。调整公交线路41条,新增公交线路4条;';
    const [, second] = sentences(span(text));
    const parts = clauses(second!);
    expect(parts.map((c) => text.slice(c.start, c.end))).toEqual(['调整公交线路41条', '新增公交线路4条']);
  });
});
