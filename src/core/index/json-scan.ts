// Finds the byte range of every record of a data file without parsing the file as a whole: the elements of the
// top-level array, or of the array under the key "facts" of a top-level object (the last such key, as JSON.parse
// keeps the last; a file with two is not scanned). Bytes are fed in pieces, so a file of any size is scanned in a bounded buffer.
//
// The scanner follows strings, escapes and nesting exactly, so on text JSON.parse accepts it finds the same
// elements in the same order; it is not a validator: on anything it does not expect (an element that is not an
// object, an escaped key at the top level, nesting past MAX_DEPTH, text after the end) it stops with a reason, and
// the caller goes without the ranges. Callers check the count against the parsed file before trusting them.

/** Nesting deeper than this is not followed (JSON.parse refuses such files anyway). */
const MAX_DEPTH = 4096;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const FACTS = [0x66, 0x61, 0x63, 0x74, 0x73]; // "facts"
const BOM = [0xef, 0xbb, 0xbf];

/** How many backslashes come right before `end` (not looking before `start`). */
function backslashesBefore(buf: Uint8Array, start: number, end: number): number {
  let k = end;
  while (k > start && buf[k - 1] === BACKSLASH) k--;
  return end - k;
}

const enum At {
  /** Before the top-level value. */
  Start,
  /** In the top-level object, where a key or the end may come. */
  Key,
  /** In the top-level object, after a comma: a key must come. */
  NextKey,
  /** In the top-level object, after a key, before the colon. */
  Colon,
  /** In the top-level object, before a value. */
  Value,
  /** In the top-level object, after a value. */
  AfterValue,
  /** In the records array, where a record or the end may come. */
  Record,
  /** In the records array, after a comma: a record must come. */
  NextRecord,
  /** In the records array, after a record. */
  AfterRecord,
  /** Inside a value that is skipped or a record, following its nesting. */
  Nested,
  /** After the top-level value. */
  End,
}

export class RecordScanner {
  /** Byte offsets [start, end) of the records found so far. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** Why the scan stopped, once it did. */
  failed: string | undefined;
  private at = At.Start;
  /** The file is an object ({"releases": [...], "facts": [...]}) rather than an array of records. */
  objectForm = false;
  /** Where a nested value returns to when its nesting closes. */
  private back = At.AfterValue;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Key being read at the top level: its bytes so far, whether it still reads "facts", and whether it has an escape. */
  private inKey = false;
  private keyLen = 0;
  private keyIsFacts = true;
  private factsNext = false;
  private sawFacts = false;
  /** Start of the record being read, or -1. */
  private recordAt = -1;
  private bom = 0;

  /**
   * Scans `buf[from, to)`, which holds the file's bytes from absolute offset `base`; the records that close are
   * added to `starts` and `ends` (offsets absolute). Returns false once the scan has failed.
   */
  feed(buf: Uint8Array, base: number, from: number, to: number): boolean {
    if (this.failed) return false;
    let i = from;
    if (this.bom < 3) {
      // A UTF-8 byte order mark at the start of the file is skipped, as the decoder does.
      while (i < to && base + i === this.bom && buf[i] === BOM[this.bom]) {
        this.bom++;
        i++;
      }
      if (i < to) this.bom = 3;
    }
    // The state in locals (not captured by any closure, so they stay in registers): this loop runs once per byte.
    let at = this.at;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    for (; i < to; i++) {
      let c = buf[i]!;
      if (inString) {
        if (this.inKey) {
          if (c === BACKSLASH) {
            this.save(at, depth, inString, escaped);
            return this.fail('an escaped key in the top-level object');
          }
          if (c !== QUOTE) {
            if (this.keyLen >= FACTS.length || c !== FACTS[this.keyLen]) this.keyIsFacts = false;
            this.keyLen++;
            continue;
          }
          inString = false;
          this.inKey = false;
          this.factsNext = this.keyIsFacts && this.keyLen === FACTS.length;
          at = At.Colon;
          continue;
        }
        // Most bytes of a file are inside strings: the closing quote is found by indexOf (native, ~10x a loop
        // over the bytes in code that has not been optimised yet, as in a run that scans one file once).
        if (escaped) {
          escaped = false;
          if (++i === to) {
            this.save(at, depth, inString, escaped);
            return true;
          }
        }
        // Backslashes are counted back to i only: a byte consumed as escaped above is not one of them.
        for (;;) {
          const q = buf.indexOf(QUOTE, i);
          if (q < 0 || q >= to) {
            // The string goes on in the next piece; it may end here in the middle of an escape.
            escaped = backslashesBefore(buf, i, to) % 2 === 1;
            this.save(at, depth, inString, escaped);
            return true;
          }
          const run = backslashesBefore(buf, i, q);
          i = q;
          if (run % 2 === 0) break;
          if (++i === to) {
            this.save(at, depth, inString, escaped);
            return true;
          }
        }
        inString = false;
        if (at === At.Value) at = At.AfterValue;
        continue;
      }
      if (at === At.Nested) {
        if (c === QUOTE) inString = true;
        else if (c === 0x5b || c === 0x7b) {
          if (++depth > MAX_DEPTH) {
            this.save(at, depth, inString, escaped);
            return this.fail('nested too deeply');
          }
        } else if ((c === 0x5d || c === 0x7d) && --depth === 0) {
          at = this.back;
          if (at === At.AfterRecord) {
            this.starts.push(this.recordAt);
            this.ends.push(base + i + 1);
            this.recordAt = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      let why: string | undefined;
      switch (at) {
        case At.Start:
          if (c === 0x5b) at = At.Record; // [
          else if (c === 0x7b) {
            this.objectForm = true;
            at = At.Key;
          } else why = 'the file is not an array or an object';
          break;
        case At.Key:
        case At.NextKey:
          if (c === QUOTE) {
            inString = true;
            this.inKey = true;
            this.keyLen = 0;
            this.keyIsFacts = true;
          } else if (c === 0x7d && at === At.Key) at = At.End; // }
          else why = 'unexpected byte in the top-level object';
          break;
        case At.Colon:
          if (c === 0x3a) at = At.Value;
          else why = 'expected a colon';
          break;
        case At.Value:
          if (this.factsNext && c === 0x5b) {
            // JSON.parse keeps the last of two "facts" keys; records already handed out would be the wrong ones.
            if (this.starts.length > 0 || this.sawFacts) why = 'more than one "facts" key';
            this.sawFacts = true;
            at = At.Record;
          } else if (c === 0x5b || c === 0x7b) {
            depth = 1;
            this.back = At.AfterValue;
            at = At.Nested;
          } else if (c === QUOTE) inString = true; // stays At.Value until the string closes
          else if (c === 0x2c) at = At.NextKey; // the end of a number or literal
          else if (c === 0x7d) at = At.End;
          // other bytes: a number or literal, skipped
          break;
        case At.AfterValue:
          if (c === 0x2c) at = At.NextKey;
          else if (c === 0x7d) at = At.End;
          else why = 'unexpected byte after a value';
          break;
        case At.Record:
        case At.NextRecord:
          if (c === 0x7b) {
            this.recordAt = base + i;
            depth = 1;
            this.back = At.AfterRecord;
            at = At.Nested;
          } else if (c === 0x5d && at === At.Record) at = this.objectForm ? At.AfterValue : At.End; // ]
          else why = 'a record is not an object';
          break;
        case At.AfterRecord:
          if (c === 0x2c) at = At.NextRecord;
          else if (c === 0x5d) at = this.objectForm ? At.AfterValue : At.End;
          else why = 'unexpected byte after a record';
          break;
        default:
          why = 'text after the end of the value';
      }
      if (why) {
        this.save(at, depth, inString, escaped);
        return this.fail(why);
      }
    }
    this.save(at, depth, inString, escaped);
    return true;
  }

  /** Start of a record not yet closed (its bytes are still needed), or -1. */
  get open(): number {
    return this.recordAt;
  }

  /** True when the whole value was read and nothing failed. */
  get done(): boolean {
    return !this.failed && this.at === At.End && !this.inString;
  }

  private save(at: At, depth: number, inString: boolean, escaped: boolean): void {
    this.at = at;
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
  }

  private fail(why: string): false {
    this.failed = why;
    return false;
  }
}
