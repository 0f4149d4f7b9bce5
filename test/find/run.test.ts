// runFind end to end in-process: real readline on streams that stand in for the terminal (raw key bytes in,
// everything drawn out), the exit code, what reaches stdout, and the refusal without a terminal.
import { PassThrough, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runFind, type FindTerminal } from '../../src/cli/find.js';
import { EXIT_INTERRUPTED, ESC_WAIT_MS, finderSearch } from '../../src/find/run.js';
import { createCtx } from '../../src/cli/context.js';
import { UsageError } from '../../src/cli/errors.js';
import { loadCorpus } from '../../src/core/corpus.js';
import { citations } from '../../src/core/cite.js';
import { fakeIO } from '../helpers/cli.js';

const corpus = loadCorpus();

function terminal(inputIsTTY = true) {
  const input = new PassThrough();
  let drawn = '';
  const output = Object.assign(
    new Writable({
      write(chunk, _enc, cb) {
        drawn += String(chunk);
        cb();
      },
    }),
    { columns: 100, rows: 30 },
  );
  const term: FindTerminal = { input, output, inputIsTTY };
  return { term, input, drawn: () => drawn };
}

async function session(keys: string[], o: { tty?: boolean; inputTTY?: boolean; args?: string[]; lang?: 'zh' | 'en' } = {}) {
  const f = fakeIO({ isTTY: o.tty ?? true });
  let loads = 0;
  const ctx = createCtx(f.io, { loadCorpus: () => (loads++, corpus) });
  const t = terminal(o.inputTTY ?? true);
  const done = runFind(o.args ?? [], { lang: o.lang }, ctx, t.term).then(
    () => ({ code: ctx.exitCode }),
    // the program turns a UsageError into its message on stderr and exit 2 (the e2e test runs that path)
    (e: unknown) => {
      if (!(e instanceof UsageError)) throw e;
      f.io.stderr.write(`zibo: ${e.message}\n`);
      return { code: 2 };
    },
  );
  for (const k of keys) {
    await sleep(20);
    t.input.write(k);
    if (k === '\u001b') await sleep(ESC_WAIT_MS + 50); // a lone Esc is known as one only after the wait
  }
  const { code } = await done;
  return { code, stdout: f.out(), stderr: f.err(), drawn: t.drawn(), loads };
}

// The finder's ranking for 公交, as search ranks it: the three bus-route facts come first.
const busHits = finderSearch(createCtx(fakeIO().io, { loadCorpus: () => corpus }), {})('公交');
const citeOf = (i: number, lang: 'zh' | 'en') => {
  const f = busHits[i]!;
  return citations(f, corpus.releases.find((x) => x.id === f.release)!)[lang];
};

const osc52 = (s: string) => [...s.matchAll(/\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'));

describe('runFind', () => {
  it('without a terminal on stdout: one line naming zibo search, exit 2, corpus never loaded', async () => {
    const r = await session([], { tty: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^zibo: .*`zibo search <query>`.*\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stdout).toBe('');
    expect(r.loads).toBe(0);
  });

  it('without a terminal on stdin: the same refusal', async () => {
    const f = fakeIO({ isTTY: true });
    const ctx = createCtx(f.io, { loadCorpus: () => corpus });
    await expect(runFind([], {}, ctx, terminal(false).term)).rejects.toThrow(UsageError);
  });

  it('type, move down, Ctrl-Y, Ctrl-C: OSC 52 carries the citation, printed again on exit, exit 130', async () => {
    const r = await session(['公交', '\u001b[B', '\u0019', '\u0003']);
    expect(r.code).toBe(EXIT_INTERRUPTED);
    expect(busHits[1]!.text).toContain('公交线路');
    const cite = citeOf(1, 'zh'); // the second hit, where Down moved the pointer
    expect(cite).toMatch(new RegExp(`孙振华.*${busHits[1]!.text}。$`));
    expect(osc52(r.drawn)).toEqual([cite]);
    expect(r.stdout).toBe(cite + '\n');
    expect(r.drawn).toContain('调整公交线路41条');
  });

  it('--lang en copies the English citation', async () => {
    const r = await session(['\u0019', '\u0003'], { args: ['公交'], lang: 'en' });
    const cite = citeOf(0, 'en');
    expect(cite).toMatch(/^According to Sun Zhenhua, .* bus routes? /);
    expect(cite).toContain(busHits[0]!.en);
    expect(osc52(r.drawn)).toEqual([cite]);
  });

  it('Enter opens the fact, Esc goes back, Esc again leaves with exit 0 and nothing on stdout', async () => {
    const r = await session(['公交', '\r', '\u001b', '\u001b']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.drawn).toContain('“深化九大赋能”主题系列新闻发布会第六场');
  });

  it('one Esc in the detail view only goes back: the finder is still there for Ctrl-C', async () => {
    expect((await session(['公交', '\r', '\u001b', '\u0003'])).code).toBe(EXIT_INTERRUPTED);
    expect((await session(['公交', '\u001b', '\u0003'])).code).toBe(0); // Esc on the list had already left
  });
});
