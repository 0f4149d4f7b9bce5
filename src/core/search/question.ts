// Questions (青年之家建了几处, 淄博有多少个夜间经济街区, how many bus routes…): the question words go, what is
// left is matched, and a unit asked for (几处, 多少公里) or a time asked for (什么时候) becomes a hint.

// Longest first, so that 什么时候 goes before 什么.
const ZH_QUESTION_WORDS = [
  '什么时候', '什么时间', '哪一年', '哪一天', '是不是', '有没有', '有多少', '一共有', '总共有',
  '多少', '哪些', '哪个', '哪里', '哪儿', '哪年', '什么', '怎么样', '怎样', '怎么', '如何', '为什么', '是否',
  '请问', '到底', '一共', '总共', '共计', '多长', '多大', '多久', '何时', '几', '哪', '吗', '呢', '吧', '啊',
  '了', '么', '的', '是', '有', '谁', '呀',
].sort((a, b) => b.length - a.length);

const WHEN = new Set(['什么时候', '什么时间', '哪一年', '哪一天', '哪年', '何时']);
const COUNT = new Set(['多少', '几', '有多少', '一共有', '总共有', '多长', '多大']);

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
