// Tokens of the candidate index. Records and queries go through the search engine's own normal form
// (NFKC, lower case, Traditional folded to Simplified), so the index preselects exactly the kind of text the
// engine then scores:
//   Han runs      unigrams and bigrams            数据中心 → 数 据 中 心 数据 据中 中心
//   pinyin        bigrams of syllables (~ prefix) 公交 → ~gong jiao; typed gongjiao → ~gong jiao
//   Latin words   English stems (e: prefix)       buses → e:bus
//   numbers       whole (n: prefix)               455.92 → n:455.92

import type { Fact } from '../types.js';
import { normalize, pieces } from '../search/normalize.js';
import { foldTraditional } from '../search/fold.js';
import { readings, readingKeys, segmentPinyin } from '../search/pinyin.js';
import { englishStem } from '../search/english.js';

/** Polyphone readings multiply; past this many combinations a bigram's pinyin is not indexed. */
const MAX_READING_PAIRS = 4;

export const prepare = (s: string): string => foldTraditional(normalize(s));

function hanTokens(run: string, out: Set<string>, unigrams: boolean, pinyin: boolean): void {
  const chars = Array.from(run);
  for (let i = 0; i < chars.length; i++) {
    if (unigrams || chars.length === 1) out.add(chars[i]!);
    if (i + 1 < chars.length) out.add(chars[i]! + chars[i + 1]!);
  }
  if (!pinyin) return;
  const syl = chars.map((c) => readings(c).flatMap(readingKeys));
  for (let i = 0; i + 1 < syl.length; i++) {
    const a = syl[i]!;
    const b = syl[i + 1]!;
    if (a.length * b.length > MAX_READING_PAIRS) continue;
    for (const x of a) for (const y of b) out.add(`~${x} ${y}`);
  }
}

function latinTokens(word: string, out: Set<string>): void {
  if (word.length > 1) out.add(`e:${englishStem(word)}`);
}

/** Index tokens of one record: what a query could match in its text, label, topics and English. */
export function factTokens(f: Fact): Set<string> {
  const out = new Set<string>();
  const zh = prepare(`${f.text} ${f.label} ${f.topics.join(' ')}`);
  for (const p of pieces(zh)) {
    if (p.kind === 'han') hanTokens(p.text, out, true, true);
    else if (p.kind === 'num') out.add(`n:${p.text}`);
    else latinTokens(p.text, out);
  }
  for (const p of pieces(prepare(f.en))) {
    if (p.kind === 'latin') latinTokens(p.text, out);
    else if (p.kind === 'num') out.add(`n:${p.text}`);
  }
  return out;
}

/**
 * Tokens of a query. Han runs give bigrams (a single character gives itself); a Latin word gives its English
 * stem and, when it reads as pinyin, its syllable bigrams.
 */
export function queryTokens(query: string): string[] {
  const out = new Set<string>();
  const latin: string[] = [];
  for (const p of pieces(prepare(query))) {
    if (p.kind === 'han') hanTokens(p.text, out, false, false);
    else if (p.kind === 'num') out.add(`n:${p.text}`);
    else {
      latinTokens(p.text, out);
      latin.push(p.text);
    }
  }
  // Pinyin may be typed as one word (qingnianzhijia) or spaced (qingnian zhi jia): segment the joined letters.
  if (latin.length) {
    const syl = segmentPinyin(latin.join(''));
    if (syl && syl.length >= 2) for (let i = 0; i + 1 < syl.length; i++) out.add(`~${syl[i]} ${syl[i + 1]}`);
  }
  return [...out];
}
