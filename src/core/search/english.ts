// English words of records (`en`, topic English names) and of queries, reduced to a comparable stem: British and
// American spellings agree (centre/center, licence/license), plurals and -ed/-ing/-ation endings go.

const STOP = new Set(
  ('a an the of in on at to for and or by with from as is are was were be been being has have had it its this that ' +
    'these those there their how many much what which who whom when where why did does do done any some all about ' +
    'into than then so such can could will would should may might please tell me i we you they he she zibo s')
    .split(' '),
);

const BRITISH: Array<[RegExp, string]> = [
  [/^licen[cs]e/, 'license'],
  [/^practi[cs]e/, 'practice'],
  [/(..)tre(s?)$/, '$1ter$2'], // centre → center, metres → meters
  [/(..)our(s?)$/, '$1or$2'], // honour → honor, neighbour → neighbor
  [/(..)ourhood/, '$1orhood'],
  [/(..)is(e|ed|es|ing|ation|ations)$/, '$1iz$2'], // digitalise → digitalize
  [/(..)yse(s?|d)$/, '$1yze$2'],
];

const SUFFIXES: Array<[RegExp, string]> = [
  [/ies$/, 'y'],
  [/(ss|x|z|ch|sh)es$/, '$1'],
  [/([^sui])s$/, '$1'],
  [/ations?$/, ''],
  [/ated$/, ''],
  [/ating$/, ''],
  [/ates?$/, ''],
  [/ied$/, 'y'],
  [/ed$/, ''],
  [/ing$/, ''],
];

/** Comparable stem of one lower-case word: buses → bus, centres → center, renovated/renovation → renov. */
export function englishStem(word: string): string {
  let w = word;
  for (const [re, to] of BRITISH) w = w.replace(re, to);
  for (const [re, to] of SUFFIXES) {
    if (!re.test(w)) continue;
    const stem = w.replace(re, to);
    if (stem.length >= 3) w = stem;
    break;
  }
  // A final e goes too, so that singular and plural agree (hose/hoses, bus/buses, license/licenses).
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

export const isStopWord = (w: string) => STOP.has(w);

/** Content words of a normalised string (letters and digits runs), stemmed; stop words and single letters dropped. */
export function englishTokens(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(/[a-z][a-z0-9]*/g)) {
    const w = m[0];
    if (w.length < 2 || STOP.has(w)) continue;
    out.push(englishStem(w));
  }
  return out;
}
