// A release text as bytes from outside (a file, stdin): bounded, UTF-8, not binary, not empty. Every failure is a
// ReleaseInputError whose message names the input and, for bad bytes, the byte offset.

export const MAX_BYTES_ENV = 'ZIBO_MAX_RELEASE_BYTES';
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export class ReleaseInputError extends Error {
  override name = 'ReleaseInputError';
}

/** The size bound: $ZIBO_MAX_RELEASE_BYTES when it is a positive whole number, else 64 MiB. */
export function maxReleaseBytes(env: Record<string, string | undefined>): number {
  const v = env[MAX_BYTES_ENV];
  const n = v && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_BYTES;
}

export function tooBigMessage(name: string, size: number | undefined, max: number): string {
  const got = size === undefined ? '' : `${size} bytes, `;
  return `${name} is too large (${got}over the limit of ${max} bytes; set ${MAX_BYTES_ENV} to raise it)`;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1 when all do. */
export function invalidUtf8At(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** The text of a release's bytes; `name` is how messages call the input (a path, or "stdin"). */
export function decodeRelease(bytes: Uint8Array, name: string, max: number): string {
  if (bytes.length > max) throw new ReleaseInputError(tooBigMessage(name, bytes.length, max));
  if (bytes.length === 0) throw new ReleaseInputError(`${name} is empty`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new ReleaseInputError(`${name} looks binary (a NUL byte at byte offset ${nul}), not a text release`);
  const bad = invalidUtf8At(bytes);
  if (bad >= 0) {
    const hex = bytes[bad]!.toString(16).padStart(2, '0');
    throw new ReleaseInputError(`${name} is not UTF-8: invalid byte 0x${hex} at byte offset ${bad} (convert it first, e.g. iconv -f GB18030 -t UTF-8)`);
  }
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ReleaseInputError(`${name} is empty (only white space)`);
  return text;
}
