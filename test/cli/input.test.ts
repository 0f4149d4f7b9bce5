import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fakeIO } from '../helpers/cli.js';
import { createCtx } from '../../src/cli/context.js';
import { processInput, readText, type InputSource } from '../../src/cli/input.js';
import { UsageError } from '../../src/cli/errors.js';
import { decodeUtf8, firstInvalidUtf8, limitFrom, readBounded, readStreamBounded, ReadError, INPUT_LIMIT } from '../../src/core/limits.js';

const dir = mkdtempSync(join(tmpdir(), 'zibo-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ctxWith(env: Record<string, string> = {}, lang: 'en' | 'zh' = 'en') {
  return createCtx(fakeIO({ env, lang }).io, { loadCorpus: () => ({ facts: [], releases: [], topics: [] }) });
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('firstInvalidUtf8', () => {
  it('finds the exact byte offset of the first bad byte', () => {
    expect(firstInvalidUtf8(Buffer.from('淄博ok'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe6, 0xb7, 0x41]))).toBe(2); // cut by a letter
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xff]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong NUL
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // past U+10FFFF
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from('数据'), Buffer.from([0xe4, 0xb8])]))).toBe(6); // cut by the end
  });

  it('agrees with a fatal TextDecoder, and everything before the offset is valid UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 10 }), (junk, text) => {
        const b = Buffer.concat([Buffer.from(text), Buffer.from(junk)]);
        const at = firstInvalidUtf8(b);
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          valid = false;
        }
        expect(at === -1).toBe(valid);
        if (at >= 0) {
          expect(() => new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, at))).not.toThrow();
          expect(at).toBeGreaterThanOrEqual(Buffer.byteLength(text));
        }
      }),
    );
  });

  it('decodeUtf8 drops a BOM and names the offset of a NUL when NUL is refused', () => {
    expect(decodeUtf8(Buffer.from('\uFEFF淄博'))).toBe('淄博');
    expect(() => decodeUtf8(Buffer.from('淄\u0000'), { nul: false })).toThrow('NUL byte at byte offset 3');
  });
});

describe('limits', () => {
  it('the env override is used when it is a positive whole number, else the default', () => {
    expect(limitFrom({ ZIBO_MAX_INPUT_BYTES: '1000' }, INPUT_LIMIT).bytes).toBe(1000);
    for (const v of ['0', '-5', 'lots', '1e9', '']) expect(limitFrom({ ZIBO_MAX_INPUT_BYTES: v }, INPUT_LIMIT).bytes).toBe(64 * 1024 * 1024);
  });

  it('readBounded: a file at the limit is read; one byte more is refused; folders and devices are refused', () => {
    const f = join(dir, 'ten.txt');
    writeFileSync(f, '0123456789');
    expect(readBounded(f, { env: 'X', bytes: 10 }).toString()).toBe('0123456789');
    expect(() => readBounded(f, { env: 'X', bytes: 9 })).toThrow(/larger than 9 bytes.*X=<bytes>/);
    const kind = (p: string) => {
      try {
        readBounded(p, { env: 'X', bytes: 100 });
      } catch (e) {
        return (e as ReadError).kind;
      }
      return 'read';
    };
    expect(kind(dir)).toBe('directory');
    expect(kind('/dev/zero')).toBe('not-regular');
    expect(kind(join(dir, 'missing'))).toBe('missing');
  });

  it('readStreamBounded stops one byte past the limit and does not drain an endless stream', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1024, 0x61));
      },
    });
    await expect(readStreamBounded(endless, { env: 'X', bytes: 10_000 })).rejects.toThrow(/larger than 10000 bytes/);
    expect(pulled).toBeLessThan(50);
    expect(endless.destroyed).toBe(true);
  });
});

describe('readText', () => {
  const source = (bytes: Buffer): InputSource => ({ readStdin: async () => bytes, readFile: () => bytes });

  it('invalid UTF-8 on stdin or in a file names the source and the byte offset', async () => {
    const bad = Buffer.from([0x61, 0x62, 0xe6, 0xb7, 0x41]);
    expect(await failure(readText(['-'], undefined, source(bad), ctxWith()))).toBe('stdin: input is not UTF-8 text (invalid byte at byte offset 2)');
    expect(await failure(readText([], 'draft.txt', source(bad), ctxWith()))).toBe('draft.txt: input is not UTF-8 text (invalid byte at byte offset 2)');
    expect(await failure(readText([], 'draft.txt', source(bad), ctxWith({}, 'zh')))).toBe('draft.txt:输入不是 UTF-8 文本(第 2 字节无效)');
  });

  it('a source that returns more than the limit is refused, naming the env variable', async () => {
    const msg = await failure(readText(['-'], undefined, source(Buffer.alloc(101, 0x61)), ctxWith({ ZIBO_MAX_INPUT_BYTES: '100' })));
    expect(msg).toBe('stdin: input is larger than 100 bytes (raise the limit with ZIBO_MAX_INPUT_BYTES=<bytes>)');
  });

  it('the real sources: /dev/zero and a folder are refused; a FIFO is read', async () => {
    expect(await failure(readText([], '/dev/zero', processInput, ctxWith()))).toBe('cannot read /dev/zero: a character device; only regular files, pipes and stdin are read');
    expect(await failure(readText([], dir, processInput, ctxWith()))).toBe(`cannot read ${dir}: it is a directory`);
    const fifo = join(dir, 'in.fifo');
    execFileSync('mkfifo', [fifo]);
    // A writer in another process: opening a FIFO for reading waits for it.
    const { spawn } = await import('node:child_process');
    const w = spawn('sh', ['-c', `printf '淄博调整公交线路45条' > '${fifo}'`]);
    expect(await readText([], fifo, processInput, ctxWith())).toBe('淄博调整公交线路45条');
    await new Promise((r) => w.on('close', r));
  });
});
