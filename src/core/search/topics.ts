// `--topic` resolution: a canonical name, a Chinese alias, the English name or an English alias, pinyin (joined or
// spaced, any case), or Traditional characters (燃氣) all name a topic; anything else gets the nearest topics.

import type { Topic } from '../types.js';
import { foldKey, suggest } from '../suggest.js';
import { foldTraditional } from './fold.js';
import { isHan } from './normalize.js';
import { pinyinRuns } from './pinyin.js';

export type TopicResolution = { topic: Topic } | { suggestions: string[] };

function spellings(t: Topic): string[] {
  return [t.name, ...t.aliases, t.en, ...t.enAliases, t.pinyin].filter(Boolean);
}

function find(topics: readonly Topic[], key: string): Topic | undefined {
  // Canonical names win over an alias that another topic happens to share.
  return topics.find((t) => foldKey(t.name) === key) ?? topics.find((t) => spellings(t).some((s) => foldKey(s) === key));
}

// Keys made only of these are letters and digits already. The Unicode-class pass below costs ~0.6 ms the first
// time it runs (V8 builds the class), so `--topic 公交` skips it.
export const PLAIN_KEY = /^[a-z0-9\u3400-\u4dbf\u4e00-\u9fff]*$/;

export function resolveTopic(topics: readonly Topic[], input: string): TopicResolution {
  const folded = foldKey(input);
  const key = PLAIN_KEY.test(folded) ? folded : folded.replace(/[^\p{L}\p{N}]/gu, '');
  if (!key) return { suggestions: [] };
  const direct = find(topics, key);
  if (direct) return { topic: direct };
  const known = new Set(topics.flatMap((t) => Array.from(spellings(t).join(''))));
  const hasUnknownHan = Array.from(key).some((c) => isHan(c) && !known.has(c));
  // Only an unknown character can be Traditional: the folding table is not read otherwise.
  if (hasUnknownHan) {
    const folded = find(topics, foldTraditional(key));
    if (folded) return { topic: folded };
  }
  return { suggestions: suggestTopics(topics, key, hasUnknownHan) };
}

function suggestTopics(topics: readonly Topic[], key: string, typo: boolean): string[] {
  const entries = topics.flatMap((t) => spellings(t).map((s) => [s, t.name] as const));
  const out = suggest(key, entries, 3);
  if (out.length < 3 && Array.from(key).some(isHan)) {
    // Same sound (燃器 for 燃气) or a shared pair of characters (公交车辆 → 公交).
    const sound = typo ? pinyinRuns(key).flat().map((k) => k[0]).join('') : '';
    for (const t of topics) {
      const bigrams = spellings(t).some((s) => Array.from(key).some((c, i, a) => i > 0 && s.includes(a[i - 1] + c)));
      if ((bigrams || (sound && sound === t.pinyin)) && !out.includes(t.name)) out.push(t.name);
      if (out.length >= 3) break;
    }
  }
  return out;
}
