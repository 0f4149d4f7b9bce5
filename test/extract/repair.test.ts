import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReleaseFile } from '../../src/extract/release-file.js';
import { applyEdits, findRepairs, repairText, type RepairRule } from '../../src/extract/repair.js';

const dir = new URL('../../data/releases/', import.meta.url);
const releases = readdirSync(dir).filter((f) => f.endsWith('.md'))
  .map((f) => parseReleaseFile(readFileSync(new URL(f, dir), 'utf8'), f));
const source = readFileSync(new URL('../../data/source/zibo-2022-12-08.txt', import.meta.url), 'utf8');
const squeeze = (s: string) => s.replace(/[\s#]/g, '');

describe('repair rules on small texts', () => {
  it.each<[string, string, string, RepairRule[]]>([
    ['joins a sentence cut by a blank line', '甲。\n\n由市住房和城乡建设局牵头抓总,各职能部门协同联动,合力推进各\n\n项工作。', '甲。\n\n由市住房和城乡建设局牵头抓总,各职能部门协同联动,合力推进各项工作。', ['join-page-break']],
    ['joins a cut after a list comma', '## 标题\n\n面对“山东通”、数字机关、\n\n疫情防控等。', '## 标题\n\n面对“山东通”、数字机关、疫情防控等。', ['join-page-break']],
    ['joins a number cut from its unit', '完工46\n\n个;实施。', '完工46个;实施。', ['join-page-break']],
    ['merges a heading split over two lines', '## 加强顶层设计\n\n## 制度体系保障有力\n\n正文。', '## 加强顶层设计 制度体系保障有力\n\n正文。', ['merge-split-heading']],
    ['marks a heading that lost its ##', '正文。\n\n夯实数字基建,筑牢安全底座\n\n推进建设。', '正文。\n\n## 夯实数字基建,筑牢安全底座\n\n推进建设。', ['mark-bare-heading']],
    ['leaves whole paragraphs alone', '# 标题\n\n## 小标题\n\n第一段。\n\n第二段“引语。”\n\n第三段！', '# 标题\n\n## 小标题\n\n第一段。\n\n第二段“引语。”\n\n第三段！', []],
    ['does not take a long cut line for a heading', '第一段。\n\n这是一个很长的段落它没有结束标点并且超过了三十个字的长度限制所以是被截断的\n\n句子的后半。', '第一段。\n\n这是一个很长的段落它没有结束标点并且超过了三十个字的长度限制所以是被截断的句子的后半。', ['join-page-break']],
  ])('%s', (_name, raw, repaired, rules) => {
    const r = repairText(raw);
    expect(r.text).toBe(repaired);
    expect(r.edits.map((e) => e.rule)).toEqual(rules);
  });
});

describe('repair of the two releases', () => {
  const all = releases.map((r) => ({ id: r.meta.id, raw: r.raw, ...repairText(r.raw) }));

  it('finds exactly the defects SPEC §2 describes: 7 cut sentences, 1 split heading, 1 bare heading', () => {
    const rules = all.flatMap((r) => r.edits.map((e) => e.rule));
    expect(rules.filter((r) => r === 'join-page-break')).toHaveLength(7);
    expect(rules.filter((r) => r === 'merge-split-heading')).toHaveLength(1);
    expect(rules.filter((r) => r === 'mark-bare-heading')).toHaveLength(1);
  });

  it('changes the raw text only where an edit says so, and each edit has its rule\'s shape', () => {
    for (const r of all) {
      expect(applyEdits(r.raw, r.edits).trim()).toBe(r.text);
      for (const e of r.edits) {
        expect(r.raw.slice(e.rawStart, e.rawEnd)).toBe(e.before);
        if (e.rule === 'join-page-break') expect([e.before, e.after]).toEqual([expect.stringMatching(/^\n+$/), '']);
        if (e.rule === 'merge-split-heading') expect([e.before, e.after]).toEqual([expect.stringMatching(/^\n+#+ $/), ' ']);
        if (e.rule === 'mark-bare-heading') expect([e.before, e.after]).toEqual(['', '## ']);
      }
      // Apart from line breaks, spaces and heading marks, not one character differs.
      expect(squeeze(r.text)).toBe(squeeze(r.raw));
    }
  });

  it('joins the cut figures back to their units', () => {
    const uc = all.find((r) => r.id.startsWith('uc'))!.text;
    expect(uc).toContain('130个主城区及全市统筹城建重点项目全部开工');
    expect(uc).toContain('老旧小区改造项目完工46个;');
    expect(uc).toContain('全国青年发展型城市建设试点城市');
    const dg = all.find((r) => r.id.startsWith('dg'))!.text;
    expect(dg).toContain('## 加强顶层设计 制度体系保障有力');
    expect(dg).toContain('## 夯实数字基建,筑牢互联互通安全底座');
    expect(dg).toContain('建立覆盖各级的“一人一号”体系');
  });

  it('is idempotent: a repaired text needs no further repair', () => {
    for (const r of all) expect(findRepairs(r.text)).toEqual([]);
  });
});

describe('release files', () => {
  it('hold the source text verbatim, one release each', () => {
    expect(releases).toHaveLength(2);
    for (const r of releases) expect(source.includes(r.raw.trim())).toBe(true);
    const inSourceOrder = [...releases].sort((a, b) => source.indexOf(a.raw.trim()) - source.indexOf(b.raw.trim()));
    expect(squeeze(inSourceOrder.map((r) => r.raw).join(''))).toBe(squeeze(source.slice(source.indexOf('\n# ') + 1)));
  });

  it('carry metadata that the source itself states', () => {
    const preamble = source.slice(0, source.indexOf('\n# '));
    for (const { meta } of releases) {
      expect(preamble).toContain(meta.series + meta.session);
      expect(preamble).toContain(meta.speakerTitle + meta.speaker);
      expect(preamble).toContain(meta.organiser);
      expect(source).toContain('# ' + meta.title + '\n');
      expect(meta.date).toBe('2022-12-08');
    }
  });

  it('rejects a file without metadata, with a clear message', () => {
    expect(() => parseReleaseFile('# 标题\n正文', 'x.md')).toThrow(/x.md: missing the --- metadata block/);
    expect(() => parseReleaseFile('---\nid: a\n---\n正文', 'y.md')).toThrow(/y.md: metadata "prefix" is missing/);
  });
});
