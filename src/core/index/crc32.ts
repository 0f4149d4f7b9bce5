// CRC-32 (the zlib/PNG polynomial) of index sections and records: node:zlib's crc32 (native; Node >= 20.15 and
// 22.2) where it exists, else the same function in JavaScript. The index build checksums ~90 MB for 100k facts;
// FNV-1a a byte at a time in JavaScript took ~0.3 s of it, zlib.crc32 takes ~0.03 s.

import { createRequire } from 'node:module';

type Crc = (data: Uint8Array, value?: number) => number;

let table: Int32Array | undefined;

function crc32Js(data: Uint8Array, value = 0): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

let native: Crc | null | undefined;

/** CRC-32 of `data`, continuing from `value` (the CRC of what came before). */
export function crc32(data: Uint8Array, value = 0): number {
  if (native === undefined) {
    const zlib = createRequire(import.meta.url)('node:zlib') as { crc32?: Crc };
    native = typeof zlib.crc32 === 'function' ? zlib.crc32 : null;
  }
  return native ? native(data, value) >>> 0 : crc32Js(data, value);
}

/** The JavaScript fallback, for tests to compare with the native function. */
export const crc32Fallback = crc32Js;
