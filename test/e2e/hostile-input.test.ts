// Hostile input through the built bin (npm test builds first): every kind is exit 2 with a message naming the
// input and what is wrong; nothing hangs, grows without bound, or prints a stack trace.

import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/zibo.cjs');
const STACK = /^\s+at .+:\d+:\d+\)?$|node:internal/m;
const dir = mkdtempSync(join(tmpdir(), 'zibo-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function zibo(args: string[], opts: { env?: Record<string, string>; input?: string | Buffer } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, ZIBO_CACHE_DIR: join(dir, 'cache'), ...opts.env };
  delete env.ZIBO_DATA;
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, input: opts.input, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const write = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('check and extract: hostile input', () => {
  const cases: Array<[string, () => string[], { env?: Record<string, string>; input?: string | Buffer }, string]> = [
    ['a directory', () => ['check', '--file', dir], {}, `zibo: cannot read ${dir}: it is a directory\n`],
    ['/dev/zero', () => ['check', '--file', '/dev/zero'], {}, 'zibo: cannot read /dev/zero: a character device; only regular files, pipes and stdin are read\n'],
    ['a file over ZIBO_MAX_INPUT_BYTES', () => ['extract', write('big.txt', '淄博'.repeat(100))], { env: { ZIBO_MAX_INPUT_BYTES: '500' } },
      `zibo: ${join(dir, 'big.txt')}: input is larger than 500 bytes (raise the limit with ZIBO_MAX_INPUT_BYTES=<bytes>)\n`],
    ['stdin over ZIBO_MAX_INPUT_BYTES', () => ['check', '-'], { env: { ZIBO_MAX_INPUT_BYTES: '1000' }, input: 'a'.repeat(5000) },
      'zibo: stdin: input is larger than 1000 bytes (raise the limit with ZIBO_MAX_INPUT_BYTES=<bytes>)\n'],
    ['invalid UTF-8 in a file', () => ['check', '--file', write('gbk.txt', Buffer.concat([Buffer.from('淄博调整'), Buffer.from([0xb9, 0xab, 0xbd, 0xbb])]))], {},
      `zibo: ${join(dir, 'gbk.txt')}: input is not UTF-8 text (invalid byte at byte offset 12)\n`],
    ['invalid UTF-8 on stdin', () => ['extract', '-'], { input: Buffer.from([0x31, 0x32, 0xe4, 0xb8, 0x41]) },
      'zibo: stdin: input is not UTF-8 text (invalid byte at byte offset 2)\n'],
    ['a NUL byte', () => ['check', '-'], { input: Buffer.from('淄博\u0000') }, 'zibo: stdin: input is not UTF-8 text (NUL byte at byte offset 6)\n'],
  ];
  for (const [what, args, opts, message] of cases) {
    it(`${what}: exit 2, "${message.trim()}"`, () => {
      const r = zibo(args(), opts);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(message);
      expect(r.stderr).not.toMatch(STACK);
    });
  }

  it('an endless stdin stops at the limit: exit 2, quickly, without reading it all', async () => {
    const child = spawn(process.execPath, [BIN, 'check', '-'], {
      env: { ...process.env, ZIBO_MAX_INPUT_BYTES: '100000' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdin.on('error', () => {}); // the reader goes away: EPIPE on our side is expected
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let written = 0;
    const pump = () => {
      while (written < 1e9 && child.stdin.writable && child.stdin.write(chunk)) written += chunk.length;
      if (child.stdin.writable && written < 1e9) child.stdin.once('drain', pump);
    };
    pump();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(err).toBe('zibo: stdin: input is larger than 100000 bytes (raise the limit with ZIBO_MAX_INPUT_BYTES=<bytes>)\n');
    expect(written).toBeLessThan(1e9);
  }, 60_000);

  it('a FIFO is read like a pipe', () => {
    const fifo = join(dir, 'draft.fifo');
    spawnSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf '淄博调整公交线路45条' > '${fifo}'`]);
    const r = zibo(['check', '--file', fifo]);
    writer.kill();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^mismatch\t45条\t45\t/);
  });
});
