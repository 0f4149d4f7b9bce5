// The finder driven headlessly through @inquirer/testing: typing searches, keys move and open, Ctrl-Y copies,
// Esc and Ctrl-C leave; every drawn line fits the terminal.
import { render as renderPrompt } from '@inquirer/testing';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { finder, ExitPromptError, type FinderConfig } from '../../src/find/prompt.js';
import { finderSearch, type FinderOptions as FindOptions } from '../../src/find/run.js';
import { createCtx } from '../../src/cli/context.js';
import { loadCorpus } from '../../src/core/corpus.js';
import { citations } from '../../src/core/cite.js';
import { paint } from '../../src/render/paint.js';
import type { Fact } from '../../src/core/types.js';
import { fakeIO } from '../helpers/cli.js';

const corpus = loadCorpus();

// Prompts a test leaves open are cancelled after it, or they would end with the worker and fail the run.
const open: Array<Promise<unknown> & { cancel?: () => void }> = [];
const render: typeof renderPrompt = async (...args) => {
  const r = await renderPrompt(...args);
  open.push(r.answer);
  return r;
};
afterEach(async () => {
  for (const answer of open.splice(0)) {
    answer.cancel?.();
    await answer.catch(() => undefined);
  }
});

function setup(o: { query?: string; columns?: number; rows?: number; color?: boolean; opts?: FindOptions } = {}) {
  const { io } = fakeIO({ isTTY: true, color: o.color ?? false });
  const ctx = createCtx(io, { loadCorpus: () => corpus });
  const copies: Fact[] = [];
  const size = { columns: o.columns ?? 80, rows: o.rows ?? 24 };
  let resize: (() => void) | undefined;
  const releaseOf = (f: Fact) => corpus.releases.find((r) => r.id === f.release);
  const config: FinderConfig = {
    query: o.query ?? '',
    search: finderSearch(ctx, o.opts ?? {}),
    env: { style: paint({ color: o.color ?? false }), t: ctx.t, releaseOf, citation: (f) => citations(f, releaseOf(f)!).zh },
    size: () => size,
    onResize: (l) => {
      resize = l;
      return () => (resize = undefined);
    },
    copy: (f) => {
      copies.push(f);
      return `copied ${f.id}`;
    },
  };
  return { config, copies, size, resized: () => resize?.() };
}

const lines = (screen: string) => screen.split('\n');
const pointed = (screen: string) => lines(screen).find((l) => l.startsWith('> ') && /\b(?:uc|dg)-\d{3}\b/.test(l)) ?? '';
const listed = (screen: string) => lines(screen).flatMap((l) => l.match(/^(?:> | {2})((?:uc|dg)-\d{3})\b/)?.[1] ?? []);
// The three bus-route facts: the ranking puts them ahead of the facts that only share a character with 公交.
const busRoutes = corpus.facts.filter((f) => f.text.includes('公交线路')).map((f) => f.id);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('zibo find (headless)', () => {
  it('typing 公交 lists the bus facts, best first, with the figure', async () => {
    const { config } = setup();
    const { events, getScreen } = await render(finder, config);
    expect(getScreen()).toContain(`1/${corpus.facts.length}  type to search`);
    events.type('公交');
    const screen = getScreen();
    const hits = config.search('公交');
    expect(lines(screen)[0]).toBe('> 公交');
    expect(screen).toContain(`1/${hits.length}`);
    // the list is the search's ranking, in order, and it starts with the three bus-route facts
    expect(busRoutes).toHaveLength(3);
    expect(listed(screen)).toEqual(hits.map((f) => f.id));
    expect([...listed(screen).slice(0, 3)].sort()).toEqual([...busRoutes].sort());
    // the best one is pointed at, with its figure in its own column
    const best = hits[0]!;
    expect(pointed(screen)).toMatch(new RegExp(`^> ${best.id}\\s+${escape(best.figure!)}\\s+${escape(best.text)}$`));
    for (const text of ['调整公交线路41条', '开通助学、助医定制公交线路55条', '新增公交线路4条']) expect(screen).toContain(text);
    expect(screen).not.toContain('新改建农村公路');
  });

  it('Down and Ctrl-N move, Up and Ctrl-P move back, and the end of the list stops the pointer', async () => {
    const { config } = setup({ query: '公交' });
    const { events, getScreen } = await render(finder, config);
    const hits = config.search('公交');
    const last = hits.length - 1;
    expect(last).toBeGreaterThanOrEqual(2);
    expect(pointed(getScreen())).toContain(hits[0]!.id);
    events.keypress('down');
    expect(pointed(getScreen())).toContain(hits[1]!.id);
    expect(getScreen()).toContain(`2/${hits.length}`);
    events.keypress({ name: 'n', ctrl: true });
    expect(pointed(getScreen())).toContain(hits[2]!.id);
    expect(getScreen()).toContain(`3/${hits.length}`);
    for (let i = 2; i < last; i++) events.keypress('down');
    expect(pointed(getScreen())).toContain(hits[last]!.id);
    events.keypress('down'); // past the end: the pointer stays on the last hit
    expect(pointed(getScreen())).toContain(hits[last]!.id);
    expect(getScreen()).toContain(`${hits.length}/${hits.length}`);
    events.keypress({ name: 'p', ctrl: true });
    expect(pointed(getScreen())).toContain(hits[last - 1]!.id);
    for (let i = last - 1; i > 0; i--) events.keypress('up');
    expect(pointed(getScreen())).toContain(hits[0]!.id);
    events.keypress('up'); // and before the start it stays on the first
    expect(pointed(getScreen())).toContain(hits[0]!.id);
    expect(getScreen()).toContain(`1/${hits.length}`);
    // the query line survived the keys readline would use for history
    expect(lines(getScreen())[0]).toBe('> 公交');
  });

  it('PgDn and PgUp move a page at a time', async () => {
    const { config } = setup({ rows: 10 }); // 6 hits a page
    const { events, getScreen } = await render(finder, config);
    events.keypress('pagedown');
    expect(getScreen()).toContain(`7/${corpus.facts.length}`);
    expect(pointed(getScreen())).toContain(corpus.facts[6]!.id);
    expect(lines(getScreen()).length).toBeLessThanOrEqual(9);
    events.keypress('pageup');
    expect(pointed(getScreen())).toContain(corpus.facts[0]!.id);
  });

  it('Enter shows the fact in full with speaker, conference, date and citation; Esc goes back to the list', async () => {
    const { config } = setup({ query: '公交', columns: 100, rows: 30 });
    const { events, getScreen } = await render(finder, config);
    const hits = config.search('公交');
    const best = hits[0]!;
    expect(busRoutes).toContain(best.id);
    events.keypress('enter');
    const detail = getScreen();
    expect(lines(detail)[0]).toBe('> 公交');
    // the fact under the pointer: its id, figure and place in the list, then its clause
    expect(lines(detail)[1]).toMatch(new RegExp(`^${best.id}\\s+${escape(best.figure!)}\\s+1/${hits.length}$`));
    expect(detail).toMatch(new RegExp(`Clause\\s+${escape(best.text)}\\n`));
    expect(detail).toContain(best.sentence);
    expect(detail).toContain('孙振华');
    expect(detail).toContain('“深化九大赋能”主题系列新闻发布会第六场');
    expect(detail).toContain('2022-12-08');
    expect(detail).toMatch(/Citation\s+据淄博市住房和城乡建设局/);
    events.keypress('escape');
    expect(getScreen()).toContain(`1/${hits.length}`);
    expect(pointed(getScreen())).toContain(best.id);
    expect(getScreen()).not.toContain('Citation');
    expect(lines(getScreen())[0]).toBe('> 公交');
  });

  it('typing in the detail view goes back to the list with the new query', async () => {
    const { config } = setup({ query: '公交' });
    const { events, getScreen } = await render(finder, config);
    events.keypress('enter');
    events.type('线路');
    expect(lines(getScreen())[0]).toBe('> 公交线路');
    expect(getScreen()).not.toContain('Citation');
  });

  it('Ctrl-Y copies the chosen fact, in the list and in the detail view', async () => {
    const { config, copies } = setup({ query: '公交' });
    const { events, getScreen } = await render(finder, config);
    events.keypress('down');
    events.keypress({ name: 'y', ctrl: true });
    const second = config.search('公交')[1]!;
    expect(copies.map((f) => f.id)).toEqual([second.id]);
    expect(getScreen()).toContain(`copied ${second.id}`);
    events.keypress('enter');
    events.keypress({ name: 'y', ctrl: true });
    expect(copies.map((f) => f.id)).toEqual([second.id, second.id]);
    expect(lines(getScreen())[0]).toBe('> 公交'); // readline's yank did not reach the query
  });

  it('Esc on the list ends the finder with the chosen fact', async () => {
    const { config } = setup({ query: '公交' });
    const { events, answer } = await render(finder, config);
    events.keypress('down');
    events.keypress('escape');
    await expect(answer).resolves.toEqual({ chosen: config.search('公交')[1] });
  });

  it('Ctrl-C leaves at once', async () => {
    const { config } = setup({ query: '公交' });
    const { events, answer } = await render(finder, config);
    events.keypress({ name: 'c', ctrl: true });
    await expect(answer).rejects.toBeInstanceOf(ExitPromptError);
  });

  it('applies the filters of search (--domain)', async () => {
    // 项目 ranks urban-construction facts first; with --domain dg only the digital-government ones are left
    const unfiltered = setup({ query: '项目', rows: 60 }).config.search('项目');
    expect(unfiltered[0]!.domain).toBe('urban-construction');
    const { config } = setup({ query: '项目', rows: 60, opts: { domain: 'dg' } });
    const { getScreen } = await render(finder, config);
    const ids = listed(getScreen());
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => corpus.facts.find((f) => f.id === id)!.domain === 'digital-government')).toBe(true);
    expect(ids).toEqual(unfiltered.filter((f) => f.domain === 'digital-government').map((f) => f.id));
    expect(getScreen()).toContain(`1/${ids.length}`);
  });

  it('a filter that leaves nothing says so (--domain)', async () => {
    expect(setup().config.search('氢能').length).toBeGreaterThan(0); // found without the filter
    const { config } = setup({ query: '氢能', opts: { domain: 'dg' } });
    const { getScreen } = await render(finder, config);
    expect(getScreen()).toContain('no facts match');
    expect(getScreen()).not.toMatch(/(?:uc|dg)-\d{3}/);
  });

  it('finds by pinyin and English as search does', async () => {
    for (const q of ['gongjiao', 'bus routes']) {
      const { config } = setup({ query: q });
      const { getScreen } = await render(finder, config);
      expect(getScreen()).toContain('调整公交线路41条');
    }
  });

  it.each([[80, 24], [50, 20], [30, 12]])('every line fits %i columns and %i rows, in the list and the detail view', async (columns, rows) => {
    const { config } = setup({ query: '数据', columns, rows, color: true });
    const { events, getScreen } = await render(finder, config);
    const check = () => {
      const screen = getScreen();
      for (const l of lines(screen)) expect(stringWidth(l, { ambiguousIsNarrow: false })).toBeLessThan(columns);
      expect(lines(screen).length).toBeLessThan(rows);
    };
    check();
    expect(getScreen({ raw: true })).toContain('\u001b[1m\u001b[33m'); // the figure highlighted
    events.keypress('enter');
    check();
  });

  it('redraws for the new width when the terminal is resized', async () => {
    const { config, size, resized } = setup({ query: '数据中心', columns: 80 });
    const { getScreen } = await render(finder, config);
    expect(Math.max(...lines(getScreen()).map((l) => stringWidth(l)))).toBeGreaterThan(40);
    size.columns = 40;
    resized();
    for (const l of lines(getScreen())) expect(stringWidth(l)).toBeLessThan(40);
  });

  it('control characters typed or pasted never reach the query line', async () => {
    const { config } = setup();
    const { events, getScreen } = await render(finder, config);
    events.type('公\t交');
    expect(lines(getScreen())[0]).toBe('> 公交');
  });
});
