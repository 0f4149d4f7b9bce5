// CRC-32 of index sections: node:zlib's where it exists, the JavaScript table otherwise; both give the same values.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32, crc32Fallback } from '../../../src/core/index/crc32.js';

describe('crc32', () => {
  it('gives the standard check values', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32Fallback(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32Fallback(Buffer.from('淄博'))).toBe(crc32(Buffer.from('淄博')));
  });

  it('the fallback equals the native function, whole and continued piece by piece', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(200), (bytes, cut) => {
        const at = Math.min(cut, bytes.length);
        const whole = crc32(bytes);
        expect(crc32Fallback(bytes)).toBe(whole);
        expect(crc32(bytes.subarray(at), crc32(bytes.subarray(0, at)))).toBe(whole);
        expect(crc32Fallback(bytes.subarray(at), crc32Fallback(bytes.subarray(0, at)))).toBe(whole);
      }),
      { numRuns: 200 },
    );
  });
});
