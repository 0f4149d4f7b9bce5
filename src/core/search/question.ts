// Questions (青年之家建了几处, 淄博有多少个夜间经济街区, how many bus routes…): the question words go, what is
// left is matched, and a unit asked for (几处, 多少公里) or a time asked for (什么时候) becomes a hint.

// The stop list is reviewed data (data/curation/stopwords.json, a reason per group); longest first, so that
// 什么时候 goes before 什么.
import stopwords from '../../../data/curation/stopwords.json';

interface StopFile {
  groups: Array<{ why: string; words: string[] }>;
}

export const ZH_STOP_WORDS: readonly string[] = [...new Set((stopwords as StopFile).groups.flatMap((g) => g.words))].sort(
  (a, b) => b.length - a.length,
);
const ZH_QUESTION_WORDS = ZH_STOP_WORDS;

const WHEN = new Set(['什么时候', '什么时间', '啥时候', '哪一年', '哪一天', '哪年', '何时']);
const COUNT = new Set(['多少', '几', '有多少', '一共有', '总共有', '是多少', '多长', '多大']);

export interface QuestionParts {
  /** What remains, split where question words stood (a gram never spans a removed word). */
  segments: string[];
  /** Unit asked for: 处 in 几处, 公里 in 多少公里. */
  unit: string | null;
  /** The question asks when. */
  when: boolean;
  /** Question words removed, for --explain. */
  removed: string[];
}

/** Splits a normalised Chinese string at question words. `units` are the measure words that may follow 几/多少. */
export function stripQuestion(s: string, units: readonly string[]): QuestionParts {
  const sortedUnits = [...units].filter(Boolean).sort((a, b) => b.length - a.length);
  const segments: string[] = [];
  const removed: string[] = [];
  let unit: string | null = null;
  let when = false;
  let cur = '';
  let i = 0;
  while (i < s.length) {
    const w = ZH_QUESTION_WORDS.find((q) => s.startsWith(q, i));
    if (!w) {
      cur += s[i];
      i++;
      continue;
    }
    removed.push(w);
    if (cur.trim()) segments.push(cur.trim());
    cur = '';
    i += w.length;
    if (WHEN.has(w)) when = true;
    if (COUNT.has(w)) {
      const u = sortedUnits.find((x) => s.startsWith(x, i));
      if (u) {
        unit = u;
        i += u.length;
      }
    }
  }
  if (cur.trim()) segments.push(cur.trim());
  return { segments, unit, when, removed };
}

export const MEASURE_WORDS = [
  '个', '条', '处', '项', '家', '户', '套', '辆', '片', '场', '次', '人', '人次', '公里', '千米', '米', '公顷', '亩',
  '平方米', '元', '亿元', '万元', '批', '年', '座', '所', '台', '张', '名', '位', '吨', '立方', '立方米', '级', '方面',
  '部门', '天', '月', '倍', '栋', '间', '件', '块',
];
