// Okapi BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009), in its
// field-weighted form BM25F: a term's frequency in a document is the sum over fields of the field's weight times
// its frequency there, each divided by the field's length normalisation; the sum then saturates with k1.
// Our grams are counted once per field (presence), so a field's frequency is 0 or 1.

/** Saturation: how fast more occurrences stop adding (Lucene's default 1.2). */
export const K1 = 1.2;
/** Length normalisation: 0 none, 1 full (Lucene's default 0.75). */
export const B = 0.75;

/** Inverse document frequency as Lucene computes it: never negative, high for a gram few documents hold. */
export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** The length normalisation of one field of one document: 1 for a field of average length. */
export function lengthNorm(len: number, avgLen: number, b = B): number {
  return 1 - b + b * (avgLen > 0 ? len / avgLen : 1);
}

/** Saturated term frequency: tf·(k1+1)/(tf+k1); 0 for 0, 1 for 1, tends to k1+1. */
export function saturate(tf: number, k1 = K1): number {
  return tf <= 0 ? 0 : (tf * (k1 + 1)) / (tf + k1);
}

/**
 * The BM25F weight of one gram in one document: `fields` lists, for each field holding the gram, that field's
 * weight, length and average length.
 */
export function bm25f(idfValue: number, fields: ReadonlyArray<{ weight: number; len: number; avgLen: number }>): number {
  let tf = 0;
  for (const f of fields) tf += f.weight / lengthNorm(f.len, f.avgLen);
  return idfValue * saturate(tf);
}
