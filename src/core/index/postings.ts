// The postings of the candidate index: which records hold each token. Records are tokenised one by one into
// (token, record) pairs held in flat typed arrays (no per-token arrays for the GC to trace); finish() sorts them
// into one postings list per token.

import type { Fact } from '../types.js';
import { factTokens } from './tokens.js';
import { ASCII_AND_CJK, normalize, pieces } from '../search/normalize.js';
import { foldTraditional } from '../search/fold.js';

const bare = (text: string) => ({ text, label: '', topics: [], en: '' }) as unknown as Fact;

/**
 * The tokens of records, the same sets as factTokens, fast on a big corpus. factTokens folds Traditional
 * characters one by one and reads the pinyin of every pair; here each distinct character is folded once, and
 * each distinct bigram, word and number goes through factTokens once: the tokens of a Han run are the union of
 * those of its bigrams (unigrams, the bigram, the pinyin of the pair), and a word or a number gives the same
 * tokens wherever it stands. Tokens are numbered; a bigram is looked up by its two code points (no string is
 * made per occurrence). Checked against factTokens by the tests.
 */
class Tokenizer {
  /** Token of each token number. */
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly byText = new Map<string, Int32Array>();
  private readonly byPair = new Map<number, Int32Array>();
  /** Code point → its folded code point, or -1 when folding gives something else than one code point. */
  private readonly folded = new Map<number, number>();

  /** The numbers of these tokens. */
  numbers(tokens: readonly string[]): Uint32Array {
    const out = new Uint32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.ids.get(tokens[i]!)!;
    return out;
  }

  /**
   * Tokens left out of the postings, by the number of the bigram that stands for them: its two characters and its
   * pinyin, which a query finds again through the bigram (store.ts). About half of all (token, record) pairs.
   */
  readonly derived = new Map<number, string[]>();
  /** Pinyin token → numbers of the bigrams it was left out for. */
  readonly pinyin = new Map<string, number[]>();

  private id(t: string): number {
    let id = this.ids.get(t);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(t, id);
      this.names.push(t);
    }
    return id;
  }

  /**
   * The numbers of the tokens of `key` that go into the postings. For two characters of a Han run (`pair`), that
   * is their bigram alone when factTokens gives just the bigram, its characters and its pinyin (nearly always);
   * anything else keeps every token.
   */
  private idsOf(key: string, pair = false): Int32Array {
    const full = [...factTokens(bare(key))];
    if (pair) {
      const rest = full.filter((t) => !t.startsWith('~') && Array.from(t).length !== 1);
      const b = rest.length === 1 ? Array.from(rest[0]!) : [];
      if (b.length === 2 && full.includes(b[0]!) && full.includes(b[1]!) && full.every((t) => t === rest[0] || t === b[0] || t === b[1] || t.startsWith('~'))) {
        const id = this.id(rest[0]!);
        if (!this.derived.has(id)) {
          const gone = full.filter((t) => t !== rest[0]);
          this.derived.set(id, gone);
          for (const t of gone) if (t.startsWith('~')) (this.pinyin.get(t) ?? this.pinyin.set(t, []).get(t)!).push(id);
        }
        return Int32Array.of(id);
      }
    }
    return Int32Array.from(full, (t) => this.id(t));
  }

  private text(key: string): Int32Array {
    let t = this.byText.get(key);
    if (!t) this.byText.set(key, (t = this.idsOf(key)));
    return t;
  }

  /** fold() of the BMP, -2 while not known (a typed array: no Map lookup per character). */
  private readonly foldedBmp = new Int32Array(0x10000).fill(-2);

  private fold(cp: number): number {
    if (cp < 0x10000) {
      const y = this.foldedBmp[cp]!;
      if (y !== -2) return y;
    }
    let x = this.folded.get(cp);
    if (x === undefined) {
      const f = foldTraditional(String.fromCodePoint(cp));
      const c = f.codePointAt(0)!;
      x = f.length === (c > 0xffff ? 2 : 1) ? c : -1;
      this.folded.set(cp, x);
      if (cp < 0x10000) this.foldedBmp[cp] = x;
    }
    return x;
  }

  private foldedText(cp: number): string {
    const x = this.fold(cp);
    return x >= 0 ? String.fromCodePoint(x) : foldTraditional(String.fromCodePoint(cp));
  }

  private pair(a: number, b: number): Int32Array {
    // Two CJK Unified Ideographs (most pairs) make a small integer key (a Smi: no boxed number per lookup).
    const key = a >= 0x4e00 && a <= 0x9fff && b >= 0x4e00 && b <= 0x9fff ? (a - 0x4e00) * 0x5200 + (b - 0x4e00) : -(a * 0x110000 + b) - 1;
    let t = this.byPair.get(key);
    if (!t) this.byPair.set(key, (t = this.idsOf(String.fromCodePoint(a) + String.fromCodePoint(b), true)));
    return t;
  }

  /** Token numbers of a label or a topic (values that repeat across records), made once per distinct value. */
  private readonly byField = new Map<string, Int32Array>();

  private field(s: string): Int32Array | undefined {
    let t = this.byField.get(s);
    if (!t && this.byField.size < MAX_CACHED_FIELDS) {
      const set = new Set<number>();
      this.zh(normalize(s), (ids) => ids.forEach((id) => set.add(id)));
      this.byField.set(s, (t = Int32Array.from(set)));
    }
    return t;
  }

  /** The Han run s[from, to): its bigrams (each with its unigrams and pinyin), or the single character. */
  private han(s: string, from: number, to: number, visit: (ids: Int32Array) => void): void {
    let prev = -2;
    let prevText = '';
    let n = 0;
    for (let i = from; i < to; ) {
      const cp = s.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      const x = this.fold(cp);
      if (n > 0) {
        if (prev >= 0 && x >= 0) visit(this.pair(prev, x));
        else visit(this.text((prevText || String.fromCodePoint(prev)) + this.foldedText(cp)));
      }
      prev = x;
      prevText = x >= 0 ? '' : this.foldedText(cp);
      n++;
    }
    if (n === 1) visit(this.text(prev >= 0 ? String.fromCodePoint(prev) : prevText));
  }

  /**
   * The pieces of a normalised string, as pieces() finds them: Han runs (unless `latinOnly`), Latin words and
   * numbers. A string of ASCII and CJK Unified Ideographs (most) is scanned in place, without match objects.
   */
  private zh(s: string, visit: (ids: Int32Array) => void, latinOnly = false): void {
    if (!ASCII_AND_CJK.test(s)) {
      for (const p of pieces(s)) {
        if (p.kind !== 'han') visit(this.text(p.text));
        else if (!latinOnly) this.han(p.text, 0, p.text.length, visit);
      }
      return;
    }
    const n = s.length;
    for (let i = 0; i < n; ) {
      const c = s.charCodeAt(i);
      let j = i + 1;
      if (c >= 0x4e00 && c <= 0x9fff) {
        while (j < n && s.charCodeAt(j) >= 0x4e00 && s.charCodeAt(j) <= 0x9fff) j++;
        if (!latinOnly) this.han(s, i, j, visit);
      } else if (c >= 97 && c <= 122) {
        while (j < n && s.charCodeAt(j) >= 97 && s.charCodeAt(j) <= 122) j++;
        visit(this.text(s.slice(i, j)));
      } else if (c >= 48 && c <= 57) {
        while (j < n && isDigit(s.charCodeAt(j))) j++;
        if (j + 1 < n && s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
          j += 2;
          while (j < n && isDigit(s.charCodeAt(j))) j++;
        }
        visit(this.text(s.slice(i, j)));
      }
      i = j;
    }
  }

  /**
   * Calls `visit` with the token numbers of every piece of the record (a token may come more than once). The
   * fields are tokenised one by one: normalize and pieces never join anything across the space that factTokens
   * puts between them, so the pieces are the same.
   */
  walk(f: Fact, visit: (ids: Int32Array) => void): void {
    this.zh(normalize(f.text), visit);
    const label = this.field(f.label);
    if (label) visit(label);
    else this.zh(normalize(f.label), visit);
    for (const t of f.topics) {
      const ids = this.field(t);
      if (ids) visit(ids);
      else this.zh(normalize(t), visit);
    }
    this.zh(normalize(f.en), visit, true);
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Distinct labels and topics whose tokens are kept (far more than a real corpus has; a bound for hostile ones). */
const MAX_CACHED_FIELDS = 50_000;

/** The token set of each record, as the index holds it, with the tokens its bigrams stand for (for tests: it must equal factTokens). */
export function recordTokenizer(): (f: Fact) => Set<string> {
  const tk = new Tokenizer();
  return (f) => {
    const out = new Set<string>();
    tk.walk(f, (ids) =>
      ids.forEach((id) => {
        out.add(tk.names[id]!);
        for (const t of tk.derived.get(id) ?? []) out.add(t);
      }));
    return out;
  };
}

function grow<T extends Uint32Array | Int32Array>(a: T, min: number, fill?: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, Math.ceil(a.length * 1.5)));
  b.set(a);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}


/** The postings of a corpus: token i's records are post[starts[i] .. starts[i + 1]), in record order. */
export interface Postings {
  /** Sorted (native string order). */
  tokens: string[];
  starts: number[];
  post: Uint32Array;
  count: number;
  /** Pinyin token → the bigrams (indexes into tokens) that hold it; a pinyin token may have postings of its own too. */
  pinyin: Record<string, number[]>;
}

/** The postings of these records. */
export function postingsOf(facts: readonly Fact[]): Postings {
  const b = new PostingsBuilder();
  b.expected = facts.length;
  for (const f of facts) b.add(f);
  return b.finish();
}

/** Tokenises records one at a time (add) and sorts the pairs into postings at the end (finish). */
export class PostingsBuilder {
  private readonly tk = new Tokenizer();
  /** Token numbers of record d are tok[docStart[d] .. docStart[d + 1]); a token once per record. */
  private tok = new Uint32Array(1 << 16);
  private docStart = new Uint32Array(1 << 10);
  /** The last record each token was seen in (a token is recorded once per record). */
  private last = new Int32Array(1 << 12).fill(-1);
  private n = 0;
  private doc = 0;
  /** How many records are expected in all (sizes the pair array: one or two copies instead of a dozen). */
  expected = 0;

  private readonly visit = (ids: Int32Array) => {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (id >= this.last.length) this.last = grow(this.last, id + 1, -1);
      if (this.last[id] === this.doc) continue;
      this.last[id] = this.doc;
      if (this.n === this.tok.length) {
        const docs = Math.max(this.expected, this.doc + 1);
        this.tok = grow(this.tok, Math.max(this.n + 1, Math.ceil((this.n / (this.doc + 1)) * docs * 1.1)));
      }
      this.tok[this.n++] = id;
    }
  };

  add(f: Fact): void {
    if (this.doc + 1 >= this.docStart.length) this.docStart = grow(this.docStart, Math.max(this.doc + 2, this.expected + 1));
    this.docStart[this.doc] = this.n;
    this.tk.walk(f, this.visit);
    this.doc++;
  }

  finish(): Postings {
    const { n, doc: docs } = this;
    const docStart = this.docStart;
    docStart[docs] = n;
    const tok = this.tok;
    this.tok = new Uint32Array(0);
    // Postings in token order: a counting sort of the pairs (stable, so each list stays in record order).
    const names = this.tk.names;
    const T = names.length;
    const count = new Uint32Array(T);
    for (let i = 0; i < n; i++) count[tok[i]!]!++;
    const tokens = names.slice().sort(); // native string order: much faster than a comparator over ~10^6 tokens
    const order = this.tk.numbers(tokens);
    const cursor = new Uint32Array(T);
    const starts: number[] = [0];
    for (const id of order) {
      cursor[id] = starts[starts.length - 1]!;
      starts.push(cursor[id]! + count[id]!);
    }
    const post = new Uint32Array(n);
    for (let d = 0; d < docs; d++) for (let i = docStart[d]!; i < docStart[d + 1]!; i++) post[cursor[tok[i]!]!++] = d;
    const rank = new Uint32Array(T);
    order.forEach((id, i) => (rank[id] = i));
    const pinyin: Record<string, number[]> = Object.create(null);
    for (const [t, ids] of this.tk.pinyin) pinyin[t] = ids.map((id) => rank[id]!).sort((x, y) => x - y);
    return { tokens, starts, post, count: docs, pinyin };
  }
}
