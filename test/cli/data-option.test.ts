// `--data <file>` and ZIBO_DATA through the built bin (`npm test` builds first): exit codes and messages.

import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fact } from '../../src/core/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/zibo.cjs');
const STACK = /^\s+at .+:\d+:\d+\)?$|node:internal/m;
const REAL: Fact[] = JSON.parse(readFileSync(join(ROOT, 'data/facts.json'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'zibo-data-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return p;
}

function zibo(args: string[], env: Record<string, string> = {}) {
  const e: Record<string, string | undefined> = { ...process.env, ZIBO_CACHE_DIR: join(dir, 'cache') };
  delete e.ZIBO_DATA;
  delete e.FORCE_COLOR;
  Object.assign(e, env);
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: e });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Two facts of the bundled corpus, with their texts marked so that only this file can have produced the output.
const mine = REAL.slice(0, 2).map((f) => ({ ...f, id: f.id.replace(/-0*/, '-9'), label: `${f.label}测试标记` }));
const valid = file('valid.json', mine);

describe('--data', () => {
  it('facts come from the file, not the bundle', () => {
    const r = zibo(['facts', '--data', valid, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((f: Fact) => f.id)).toEqual(mine.map((f) => f.id));
  });

  it('ZIBO_DATA does the same; --data wins over it', () => {
    const other = file('other.json', [REAL[5]]);
    expect(JSON.parse(zibo(['facts', '--json'], { ZIBO_DATA: valid }).stdout)).toHaveLength(2);
    expect(JSON.parse(zibo(['facts', '--json', '--data', other], { ZIBO_DATA: valid }).stdout)[0].id).toBe(REAL[5]!.id);
  });

  it('search and show work on the file', () => {
    const s = zibo(['search', '测试标记', '--data', valid, '--fields', 'id', '--format', 'tsv']);
    expect(s.code).toBe(0);
    expect(s.stdout.trim().split('\n').sort()).toEqual(mine.map((f) => f.id).sort());
    const show = zibo(['show', mine[0]!.id, '--data', valid, '--json']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(mine[0]!.text);
  });

  it('an empty array: exit 1 for queries, [] with --json, no error', () => {
    const empty = file('empty.json', []);
    const r = zibo(['facts', '--data', empty, '--json']);
    expect([r.code, r.stdout.trim(), r.stderr]).toEqual([1, '[]', '']);
    expect(zibo(['search', '公交', '--data', empty]).code).toBe(1);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['malformed JSON', file('malformed.json', '[{"id": "uc-001",'), /malformed\.json: not valid JSON/],
    ['not an array', file('object.json', { fact: mine }), /object\.json: expected a JSON array of facts, or an object/],
    // Hostile files (issue 16): each is exit 2 with the file named and what is wrong; nothing runs away.
    ['a device', '/dev/zero', /cannot read data file \/dev\/zero: a character device; only regular files are read/],
    ['a folder', dir, /is a folder; --data takes a JSON file of facts/],
    ['an empty file', file('zero.json', ''), /zero\.json: the file is empty; --data takes a JSON array of facts/],
    ['invalid UTF-8', file('latin1.json', Buffer.concat([Buffer.from('[{"id":"uc-1","text":"'), Buffer.from([0xe6, 0xb7, 0x22])])),
      /latin1\.json: not UTF-8: invalid byte 0xe6 at byte offset 22/],
    ['deep nesting', file('deep.json', '['.repeat(200_000) + ']'.repeat(200_000)), /deep\.json: record 0: expected an object, got \[\[\[\.\.\.\]\]\]/],
    ['deep nesting in a field', file('deep-topics.json', JSON.stringify([mine[0]]).replace('"topics":[', `"topics":[${'['.repeat(200_000)}${']'.repeat(200_000)},`)),
      /deep-topics\.json: record 0 \(uc-91\): field "topics" must be a non-empty array of non-empty strings/],
    ['a 20-million-character field', file('huge-field.json', [{ ...mine[0]!, sentence: '长'.repeat(20_000_000) }]),
      /huge-field\.json: record 0 \(uc-91\): field "sentence" is too big: it must be at most 65536 characters long, got 20000000/],
    ['a release the file does not declare', file('release.json', [{ ...mine[0]!, release: 'nowhere-2024-01-01' }]),
      /release\.json: record 0 \(uc-91\): field "release" names "nowhere-2024-01-01", which is not a release of the file nor a bundled one/],
    ['control characters in a bad file', file('esc.json', '[\u001b]0;pwned\u0007'), /esc\.json: not valid JSON: Unexpected token '\\x1b', "\[\\x1b\]0;pwned\\x07" is not valid JSON/],
    ['a record missing a field', file('nofield.json', [mine[0], (({ topics: _t, ...rest }) => rest)(mine[1]!)]),
      /nofield\.json: record 1 \(uc-92\): field "topics" must be .*missing/],
    ['a field of the wrong type', file('type.json', [{ ...mine[0]!, offset: 'start' }]), /type\.json: record 0 \(uc-91\): field "offset" must be/],
    ['a missing file', join(dir, 'nope.json'), /cannot read data file .*nope\.json: no such file/],
  ];
  for (const [what, path, message] of bad) {
    it(`${what}: exit 2, a message naming the problem, no stack trace`, () => {
      for (const args of [['facts', '--data', path], ['search', '公交', '--data', path]]) {
        const r = zibo(args);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(STACK);
      }
      const viaEnv = zibo(['facts'], { ZIBO_DATA: path });
      expect([viaEnv.code, message.test(viaEnv.stderr)]).toEqual([2, true]);
    });
  }

  it('a file over ZIBO_MAX_DATA_BYTES: exit 2 naming the file, the limit and the variable', () => {
    const r = zibo(['facts', '--data', valid], { ZIBO_MAX_DATA_BYTES: '100' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/data file .*valid\.json is larger than 100 bytes \(raise the limit with ZIBO_MAX_DATA_BYTES=<bytes>\)/);
  });

  it('a FIFO: refused at once (no hang)', () => {
    const fifo = join(dir, 'facts.fifo');
    spawnSync('mkfifo', [fifo]);
    const r = zibo(['facts', '--data', fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read data file .*facts\.fifo: not a regular file; only regular files are read/);
  });

  it('--data without a file is a usage error', () => {
    const r = zibo(['facts', '--data']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--data/);
  });

  it('is listed in the help', () => {
    expect(zibo(['--help']).stdout).toMatch(/--data <file>/);
  });
});
