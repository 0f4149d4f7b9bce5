// "Did you mean …?": nearest valid values for a mistyped one. Suggestions only: nothing is silently corrected.

/** The form in which typed values are compared: NFKC, lower case, no spaces, hyphens or underscores. */
export function foldKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\-_]+/g, '');
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transposition), over code points. */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length]!;
}

/**
 * Canonical values whose spellings are near `input`. `entries` are [spelling, canonical] pairs (a canonical value
 * may have several spellings: aliases, English names, pinyin). Near means: within about a third of the length in
 * edits, or one is a prefix of the other.
 */
export function suggest(input: string, entries: ReadonlyArray<readonly [string, string]>, limit = 3): string[] {
  const q = foldKey(input);
  if (!q) return [];
  const qLen = Array.from(q).length;
  const best = new Map<string, number>();
  for (const [spelling, canonical] of entries) {
    const k = foldKey(spelling);
    if (!k) continue;
    let score = editDistance(q, k);
    const allowed = Math.max(1, Math.floor(Math.max(qLen, Array.from(k).length) / 3));
    if (qLen >= 2 && (k.startsWith(q) || q.startsWith(k))) score = Math.min(score, 0.5);
    // One character is too little to guess from, except as the start of a word: 公 → 公里, 公顷.
    if (qLen === 1 && k.startsWith(q) && k !== q) score = 0.5;
    else if (qLen === 1 && score !== 0) continue;
    if (score > allowed && score !== 0.5) continue;
    const old = best.get(canonical);
    if (old === undefined || score < old) best.set(canonical, score);
  }
  return [...best.entries()]
    .sort((a, b) => a[1] - b[1])
    .slice(0, limit)
    .map(([c]) => c);
}

/** A value that names nothing known (a domain, topic, id, field…); the CLI turns it into exit 2 with hints. */
export class LookupError extends Error {
  override name = 'LookupError';
  constructor(
    /** What kind of value: domain, topic, section, unit, id, sort, field, format. */
    readonly what: string,
    readonly input: string,
    /** Every valid value, when the list is short enough to print. */
    readonly valid: readonly string[],
    readonly suggestions: readonly string[],
  ) {
    super(`unknown ${what} "${input}"`);
  }
}
