// Toneless pinyin from data/search/pinyin.json (generated at build time with pinyin-pro, which is never loaded at
// run time). The table maps each syllable to the characters read that way: the everyday reading of the 6,763
// GB2312 characters plus every reading a character has in the corpus. ü is written v (lv, nve).

import { loadTable } from './lazy.js';
import { isHan } from './normalize.js';

let byChar = new Map<string, string[]>();
let syllableSet = new Set<string>();
let maxLen = 6;
let source: Record<string, string> | undefined;
let charsOf: Record<string, string> | undefined;

/** The syllables, for segmenting Latin letters (a Latin query needs only these). */
function load(): void {
  const json = loadTable<Record<string, string>>('pinyin');
  if (json === source) return;
  source = json;
  byChar = new Map();
  charsOf = undefined;
  syllableSet = new Set();
  for (const syl of Object.keys(json ?? {})) {
    syllableSet.add(syl);
    // People without a ü key type u: lu for lü (绿), nue for nüe.
    if (syl.includes('v')) syllableSet.add(syl.replace(/v/g, 'u'));
  }
  maxLen = Math.max(1, ...[...syllableSet].map((s) => s.length));
}

/** The readings of every character, made on the first reading asked for (~7,000 characters). */
function loadReadings(): void {
  load();
  if (charsOf === source) return;
  charsOf = source;
  for (const [syl, chars] of Object.entries(source ?? {})) {
    for (const c of chars) {
      const list = byChar.get(c);
      if (list) list.push(syl);
      else byChar.set(c, [syl]);
    }
  }
}

/** Readings of one character (toneless, v for ü); a character the table lacks has none. */
export function readings(c: string): string[] {
  loadReadings();
  return byChar.get(c) ?? [];
}

/** Keys under which a reading is indexed: itself, and the u spelling of a ü syllable. */
export function readingKeys(syl: string): string[] {
  return syl.includes('v') ? [syl, syl.replace(/v/g, 'u')] : [syl];
}

/**
 * Splits a run of Latin letters into pinyin syllables (qingnianzhijia → qing nian zhi jia), with the fewest
 * syllables (xian, not xi an); null when it is not pinyin (greenway).
 */
export function segmentPinyin(token: string): string[] | null {
  load();
  const n = token.length;
  const best: Array<string[] | null> = new Array(n + 1).fill(null);
  best[0] = [];
  for (let i = 0; i < n; i++) {
    const here = best[i];
    if (!here) continue;
    for (let len = Math.min(maxLen, n - i); len >= 1; len--) {
      const syl = token.slice(i, i + len);
      if (!syllableSet.has(syl)) continue;
      const next = best[i + len];
      if (!next || next.length > here.length + 1) best[i + len] = [...here, syl];
    }
  }
  return best[n] ?? null;
}

/**
 * Pinyin of a string as one set of syllable keys per character (Han characters only; other characters end a
 * run). Runs are returned separately, since a syllable gram must not span a gap.
 */
export function pinyinRuns(s: string): string[][][] {
  const runs: string[][][] = [];
  let run: string[][] = [];
  for (const c of s) {
    const r = isHan(c) ? readings(c) : [];
    if (r.length) run.push(r.flatMap(readingKeys));
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}
