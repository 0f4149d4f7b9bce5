import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { decideColor, decideColumns, decideLang, fdSink, guardPipe, withFlags, writeFailure, type IO } from '../../src/io.js';
import { cli } from '../helpers/cli.js';
import { BIN } from '../helpers/pty.js';

describe('colour is decided once', () => {
  it.each([
    [true, {}, false, true],
    [false, {}, false, false],
    [true, { NO_COLOR: '1' }, false, false],
    [true, { NO_COLOR: '' }, false, true],
    [true, { TERM: 'dumb' }, false, false],
    [true, {}, true, false],
    [false, { FORCE_COLOR: '1' }, false, true],
    [true, { FORCE_COLOR: '0' }, false, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, false],
    [false, { FORCE_COLOR: '1' }, true, false],
    [false, { TERM: 'xterm-256color' }, false, false],
  ])('tty=%s env=%j --no-color=%s → %s', (tty, env, flag, want) => {
    expect(decideColor(tty, env, flag ? 'never' : 'auto')).toBe(want);
  });
  it('--color always and never win over the environment and the terminal; auto follows them', () => {
    expect(decideColor(false, { NO_COLOR: '1', TERM: 'dumb' }, 'always')).toBe(true);
    expect(decideColor(true, { FORCE_COLOR: '1' }, 'never')).toBe(false);
    expect(decideColor(true, {}, 'auto')).toBe(true);
    expect(decideColor(false, {}, 'auto')).toBe(false);
  });
  it('withFlags: a colour flag decides again, --lang sets the language, no flag keeps the IO', () => {
    const io = { isTTY: true, color: true, lang: 'en', env: {}, columns: 80 } as unknown as IO;
    expect(withFlags(io, { color: false })).toMatchObject({ color: false, lang: 'en' });
    expect(withFlags({ ...io, color: false, isTTY: false }, { color: 'always' }).color).toBe(true);
    expect(withFlags({ ...io, color: false }, { color: 'auto' }).color).toBe(true);
    expect(withFlags(io, { lang: 'zh' })).toMatchObject({ color: true, lang: 'zh' });
    expect(withFlags({ ...io, color: false }, {}).color).toBe(false);
  });
});

describe('width', () => {
  it.each([
    [{}, undefined, 80],
    [{}, 132, 132],
    [{ COLUMNS: '60' }, undefined, 60],
    [{ COLUMNS: '60' }, 132, 60],
    [{ COLUMNS: 'wide' }, 100, 100],
    [{ COLUMNS: '0' }, undefined, 80],
    [{ COLUMNS: '' }, 0, 80],
  ])('COLUMNS=%j terminal=%s → %i', (env, terminal, want) => expect(decideColumns(env, terminal)).toBe(want));
});

describe('language', () => {
  it.each([
    [{}, undefined, 'en'],
    [{ LANG: 'zh_CN.UTF-8' }, undefined, 'zh'],
    [{ LC_ALL: 'zh_TW' , LANG: 'en_US' }, undefined, 'zh'],
    [{ LC_ALL: 'en_US', LANG: 'zh_CN' }, undefined, 'en'],
    [{ LC_MESSAGES: 'zh_CN' }, undefined, 'zh'],
    [{ LANG: 'zh_CN' }, 'en', 'en'],
    [{ LANG: 'zhx' }, undefined, 'en'],
  ])('%j --lang %s → %s', (env, flag, want) => expect(decideLang(env, flag as 'en' | undefined)).toBe(want));
});

describe('a closed pipe', () => {
  it('EPIPE on a stream ends with exit 0 and reports nothing', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    const others: Error[] = [];
    guardPipe(stream, (c) => exits.push(c), (e) => others.push(e));
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
    expect(others).toEqual([]);
  });
  it('other stream errors are not swallowed', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    const others: Error[] = [];
    guardPipe(stream, (c) => exits.push(c), (e) => others.push(e));
    stream.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    expect(exits).toEqual([]);
    expect(others.map((e) => e.message)).toEqual(['disk full']);
  });
});

describe('show, topics, sources, completion', () => {
  it('show --json prints the record object', async () => {
    const r = await cli(['show', 'uc-002', '--json']);
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout);
    expect(f).toMatchObject({ id: 'uc-002', value: 41, unit: '条', text: '调整公交线路41条' });
  });
  it('show accepts case and zero-padding variants', async () => {
    expect(JSON.parse((await cli(['show', 'UC-2', '--json'])).stdout).id).toBe('uc-002');
  });
  it('show on a terminal: record, source and the clause highlighted in its paragraph', async () => {
    const r = await cli(['show', 'uc-003'], { isTTY: true, columns: 80, color: true });
    expect(r.stdout).toContain('孙振华, 淄博市住房和城乡建设局党组成员、副局长');
    expect(r.stdout).toContain('“深化九大赋能”主题系列新闻发布会第六场');
    expect(r.stdout).toContain('2022-12-08');
    expect(r.stdout).toMatch(/\x1b\[4m\x1b\[33m开通助学/);
    expect(r.stdout).toContain('城乡要素流动更加畅通');
  });
  it('show in a pipe: field<TAB>value lines', async () => {
    const r = await cli(['show', 'uc-002', '--fields', 'id,value,unit']);
    expect(r.stdout).toBe('id\tuc-002\nvalue\t41\nunit\t条\n');
  });
  it('topics: counts agree with the facts', async () => {
    const topics = JSON.parse((await cli(['topics', '--json'])).stdout);
    expect(topics.find((t: { name: string }) => t.name === '公交')).toMatchObject({ en: 'bus', count: 3 });
  });
  it('sources --json: two releases, no text, with fact counts', async () => {
    const s = JSON.parse((await cli(['sources', '--json'])).stdout);
    expect(s).toHaveLength(2);
    expect(s[0]).not.toHaveProperty('text');
    expect(s[0]).toMatchObject({ id: 'uc-2022-12-08', date: '2022-12-08', speaker: '孙振华', organiser: '淄博市政府新闻办公室', factCount: 7 });
    expect(s[1].factCount).toBe(3);
  });
  it.each(['bash', 'zsh', 'fish'])('completion %s completes commands, options, topics and domains', async (shell) => {
    const r = await cli(['completion', shell]);
    expect(r.code).toBe(0);
    const opt = (o: string) => (shell === 'fish' ? `-l ${o}` : `--${o}`);
    for (const word of ['facts', 'search', 'show', 'topics', 'sources', opt('topic'), opt('domain'), 'urban-construction', '公交', 'gongjiao', 'jsonl']) {
      expect(r.stdout).toContain(word);
    }
  });
  it('search: --explain adds score and reasons; filters apply; no hit is exit 1', async () => {
    const r = JSON.parse((await cli(['search', '公交', '--explain', '--json', '--limit', '3'])).stdout);
    expect(r).toHaveLength(3);
    expect(r[0].explain.length).toBeGreaterThan(0);
    expect(typeof r[0].score).toBe('number');
    const plainJson = JSON.parse((await cli(['search', '公交', '--json'])).stdout);
    expect(plainJson[0]).not.toHaveProperty('score');
    const dg = await cli(['search', '公交', '--domain', 'dg', '--json']);
    expect(dg.code).toBe(1);
    expect(dg.stdout).toBe('[]\n');
  });
  it('search: a 120 kB query does not crash and is noted', async () => {
    const r = await cli(['search', '公交'.repeat(20000)]);
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).toContain('query cut to its first 64 characters');
  });
});

describe('fdSink (stdout that is not a terminal)', () => {
  const setup = (script: Array<number | string>) => {
    const written: string[] = [];
    const streamed: string[] = [];
    let closed = 0;
    const sink = fdSink(1, {
      writeSync: (_fd, buf, offset) => {
        const step = script.shift() ?? buf.length - offset;
        if (typeof step === 'string') throw Object.assign(new Error(step), { code: step });
        const n = Math.min(step, buf.length - offset);
        written.push(Buffer.from(buf.subarray(offset, offset + n)).toString('latin1'));
        return n;
      },
      stream: () => ({ write: (s: string) => streamed.push(s) }),
      closed: () => void closed++,
    });
    return { sink, written, streamed, closed: () => closed };
  };
  it('writes everything, across partial writes, as UTF-8', () => {
    const t = setup([2, 3]);
    t.sink.write('公交 41\n');
    expect(Buffer.from(t.written.join(''), 'latin1').toString('utf8')).toBe('公交 41\n');
    expect(t.streamed).toEqual([]);
  });
  it('a full non-blocking pipe (EAGAIN): the rest and every later write go to the stream, in order', () => {
    const t = setup([3, 'EAGAIN']);
    t.sink.write('abcdef');
    t.sink.write('gh');
    expect(t.written.join('')).toBe('abc');
    expect(t.streamed).toEqual(['def', 'gh']);
  });
  it('holds nothing while it writes synchronously; holds what its stream has not written after a full pipe', () => {
    let queued = 0;
    const sink = fdSink(1, {
      writeSync: () => {
        throw Object.assign(new Error('EAGAIN'), { code: 'EAGAIN' });
      },
      stream: () => ({ write: (s: string) => void (queued += s.length), get writableLength() { return queued; } }),
      closed: () => undefined,
    });
    expect(sink.holding!()).toBe(false);
    sink.write('abc');
    expect(sink.holding!()).toBe(true); // the process must not end yet: main.ts waits for the stream to drain
    queued = 0;
    expect(sink.holding!()).toBe(false);
    const t = setup([]);
    t.sink.write('written at once');
    expect(t.sink.holding!()).toBe(false);
  });
  it('a closed pipe (EPIPE) ends quietly; other errors are thrown', () => {
    const t = setup(['EPIPE']);
    t.sink.write('x');
    expect(t.closed()).toBe(1);
    expect(() => setup(['EIO']).sink.write('x')).toThrow('EIO');
  });
  it('other write errors go to `failed` when given, once, and nothing more is written', () => {
    const failures: string[] = [];
    const sink = fdSink(1, {
      writeSync: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
      stream: () => ({ write: () => true }),
      closed: () => undefined,
      failed: (e) => void failures.push(e.code!),
    });
    sink.write('x');
    expect(failures).toEqual(['ENOSPC']);
    expect(writeFailure(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })))
      .toBe('zibo: cannot write output: ENOSPC: no space left on device\n');
  });
});

describe('the process ends once its output is out (main.ts)', () => {
  it('a reader that waits before reading still gets all of a large output (the pipe fills; nothing is cut)', async () => {
    const { execFileSync } = await import('node:child_process');
    // ~118 KB of JSON into a shell pipe (64 KB) whose reader sleeps first: the writes wait for the reader, and
    // ending the process once the run is done must not cut them. (A stream still holding bytes, the non-blocking
    // case, is fdSink's `holding`, tested above.)
    const text = execFileSync('sh', ['-c', `"${process.execPath}" "${BIN}" facts --json | (sleep 0.4; cat)`], { encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(text.length).toBeGreaterThan(65536);
    expect((JSON.parse(text) as unknown[]).length).toBe(92);
  });
});
