import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { figureSpans, highlightLines, widestWord, wrapText } from '../../src/render/width.js';

const texts = (s: string, w: number, keep: Array<[number, number]> = []) => wrapText(s, w, keep).map((l) => l.text);

describe('wrapText', () => {
  it('wraps Chinese by display width (2 columns a character)', () => {
    expect(texts('调整公交线路41条', 8)).toEqual(['调整公交', '线路41条']);
  });
  it('breaks Latin text at spaces, cutting only words longer than the line', () => {
    expect(texts('41 bus routes were adjusted', 10)).toEqual(['41 bus', 'routes', 'were', 'adjusted']);
    expect(texts('supercalifragilistic', 8)).toEqual(['supercal', 'ifragili', 'stic']);
  });
  it('keeps closing punctuation off the start of a line, opening punctuation off the end', () => {
    const lines = texts('新增公交线路4条，开通线路', 12);
    expect(lines.every((l) => !/^[，。、]/.test(l))).toBe(true);
    expect(lines.join('')).toBe('新增公交线路4条，开通线路');
    expect(texts('在“深化九大赋能”主题', 4)).toEqual(['在', '“深', '化九', '大赋', '能”', '主题']);
  });
  it('keeps explicit line breaks', () => {
    expect(texts('a\n\nb', 5)).toEqual(['a', '', 'b']);
  });
  it('never breaks inside a figure with its hedge and unit (超4.3万个, 近70亿元, 20万余人次, dates)', () => {
    expect(texts('标准机架总数超4.3万个', 14)).toEqual(['标准机架总数', '超4.3万个']);
    expect(texts('完成投资近70亿元', 10)).toEqual(['完成投资', '近70亿元']);
    expect(texts('服务20万余人次', 10)).toEqual(['服务', '20万余人次']);
    expect(texts('于2022年12月8日发布', 14)).toEqual(['于', '2022年12月8日', '发布']);
    expect(texts('增长30%以上，好', 10)).toEqual(['增长', '30%以上，', '好']);
  });
  it('punctuation bonds are broken only when the glued whole does not fit a line of its own', () => {
    expect(texts('规划(2021—2035年)(初步方案)', 14)).toEqual(['规划', '(2021—2035年)', '(初步方案)']);
    expect(texts('规划(2021—2035年)(初步方案)', 18)).toEqual(['规划(2021—2035年)', '(初步方案)']);
  });
  it('a span the caller names stays whole, spaces included (a list item)', () => {
    expect(texts('bus routes', 6, [[0, 10]])).toEqual(['bus ro', 'utes']); // wider than the line: cut
    expect(texts('bus routes\nxy', 10, [[0, 10]])).toEqual(['bus routes', 'xy']);
    expect(texts('城市品质提升', 8, [[0, 6]])).toEqual(['城市品质', '提升']); // only when it cannot fit
    expect(widestWord('城市品质提升', [[0, 6]])).toBe(12);
  });
  it('figureSpans reads hedges, magnitudes and units', () => {
    const s = '超4.3万个、近70亿元、20万余人次、9月30日、107.17公里、14个部门';
    expect(figureSpans(s).map(([a, b]) => s.slice(a, b))).toEqual(['超4.3万个', '近70亿元', '20万余人次', '9月30日', '107.17公里', '14个']);
  });
  it('widestWord is the narrowest width that breaks no word', () => {
    expect(widestWord('调整公交线路41条')).toBe(4);
    expect(widestWord('标准机架总数超4.3万个，')).toBe(9); // the comma is a soft bond
    expect(widestWord('规划(2021—2035年)(初步方案)')).toBe(12);
    expect(widestWord('uc-2022-12-08 and more')).toBe(13);
  });

  const unit = fc.oneof(
    fc.constantFrom('公', '交', '线', '路', 'a', 'b', ' ', '，', '。', '“', '”', '\n'),
    fc.constantFrom('超4.3万个', '近70亿元', '20万余人次', '41条', '9月30日', '2022年12月8日', '107.17公里'),
  );
  it('offsets point at the line text; nothing but spaces is lost; no figure broken at or above widestWord (property)', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }).map((a) => a.join('')), fc.integer({ min: 2, max: 30 }), (s, w) => {
        const lines = wrapText(s, w);
        for (const l of lines) {
          expect(stringWidth(l.text)).toBeLessThanOrEqual(w);
          expect(s.slice(l.start, l.end)).toBe(l.text);
        }
        expect(lines.map((l) => l.text).join('').replace(/\s/g, '')).toBe(s.replace(/\s/g, ''));
        if (w >= widestWord(s)) {
          for (const [a, b] of figureSpans(s)) expect(lines.some((l) => l.start <= a && b <= l.end), s.slice(a, b)).toBe(true);
        }
      }),
    );
  });
});

describe('highlightLines', () => {
  it('styles the part of each line inside the range, across a line break', () => {
    const s = '调整公交线路41条';
    const out = highlightLines(wrapText(s, 10), [[6, 9]], (x) => `[${x}]`);
    expect(out).toEqual(['调整公交线', '路[41条]']);
    const split = highlightLines(wrapText(s, 8), [[2, 6]], (x) => `[${x}]`);
    expect(split).toEqual(['调整[公交]', '[线路]41条']);
  });
});
