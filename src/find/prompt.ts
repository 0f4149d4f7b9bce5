// The interactive finder, on @inquirer/core's hooks: it owns the keys, the state and the redraw (readline edits
// the query line, so cursor movement, Chinese input methods, Ctrl-W and the like work as in any prompt). Loaded only
// by `zibo find` (src/cli/find.ts imports this module dynamically), so no other command pays for the library.

import { createPrompt, isDownKey, isEnterKey, isUpKey, useEffect, useKeypress, useMemo, useRef, useState } from '@inquirer/core';
import type { Fact } from '../core/types.js';
import { isUnsafe } from '../render/sanitize.js';
import { pageSize, renderScreen, scrollTop, type Mode, type ViewEnv } from './view.js';

export { ExitPromptError } from '@inquirer/core';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export interface FinderConfig {
  /** The query the finder starts with (`zibo find 公交`). */
  query: string;
  /** Ranked facts for a query, filters applied (an empty query lists the facts in order). */
  search(query: string): readonly Fact[];
  env: Omit<ViewEnv, 'columns' | 'rows'>;
  size(): TerminalSize;
  /** Calls `listener` when the terminal is resized; returns the unsubscribe function. */
  onResize(listener: () => void): () => void;
  /** Ctrl-Y: copies the fact's citation and returns the note to show. */
  copy(fact: Fact): string;
}

/** Why the finder ended without Ctrl-C (Ctrl-C rejects with ExitPromptError). */
export interface FinderResult {
  /** The fact chosen when the user left. */
  chosen?: Fact;
}

const isCtrl = (key: { ctrl?: boolean; name?: string }, name: string) => key.ctrl === true && key.name === name;

/** Text that must not stay in the query line (a pasted escape sequence, a tab): dropped, not escaped. */
const clean = (line: string) => (isUnsafe(line, { oneLine: true }) ? [...line].filter((c) => !isUnsafe(c, { oneLine: true })).join('') : line);

/**
 * No readline history for the finder. Node 20 and 22 let historySize be set to 0; Node 24 makes it read-only, so
 * there the history (which Enter adds to) is emptied instead, before readline could recall it on the next key.
 */
function forgetHistory(rl: unknown): void {
  const r = rl as { historySize: number; history?: string[] };
  try {
    if (r.historySize !== 0) r.historySize = 0;
  } catch {
    // read-only (Node 24)
  }
  if (Array.isArray(r.history) && r.history.length > 0) r.history = [];
}

export const finder = createPrompt<FinderResult, FinderConfig>((config, done) => {
  const [query, setQuery] = useState(clean(config.query));
  const [active, setActive] = useState(0);
  const [mode, setMode] = useState<Mode>('list');
  const [note, setNote] = useState<string | undefined>(undefined);
  const [, setResized] = useState(0);
  const top = useRef(0);
  const hits = useMemo(() => config.search(query), [query]);
  const { columns, rows } = config.size();
  const size = pageSize(rows);

  useEffect((rl) => {
    // readline recalls earlier lines on Up/Down and Ctrl-P/Ctrl-N; the finder uses those keys and keeps no history.
    forgetHistory(rl);
    if (query) {
      rl.clearLine(0);
      rl.write(query);
      setResized(1); // draw again: the cursor now sits after the query
    }
    return config.onResize(() => setResized((n) => n + 1));
  }, []);

  useKeypress((key, rl) => {
    forgetHistory(rl);
    // Keys that are not edits must leave the query line as it was (Enter clears it, Ctrl-Y yanks into it, …).
    const keepLine = () => {
      if (rl.line !== query) {
        rl.clearLine(0);
        rl.write(query);
      }
    };
    const moveTo = (i: number) => setActive(Math.max(0, Math.min(hits.length - 1, i)));
    if (key.name === 'escape') {
      keepLine();
      if (mode === 'detail') setMode('list');
      else done({ chosen: hits[active] });
    } else if (isEnterKey(key)) {
      keepLine();
      if (hits[active]) setMode('detail');
    } else if (isUpKey(key) || isCtrl(key, 'p')) {
      keepLine();
      moveTo(active - 1);
    } else if (isDownKey(key) || isCtrl(key, 'n')) {
      keepLine();
      moveTo(active + 1);
    } else if (key.name === 'pageup') {
      keepLine();
      moveTo(active - size);
    } else if (key.name === 'pagedown') {
      keepLine();
      moveTo(active + size);
    } else if (isCtrl(key, 'y')) {
      keepLine();
      const fact = hits[active];
      if (fact) setNote(config.copy(fact));
    } else {
      // An edit: readline has applied it to the line already.
      const line = clean(rl.line);
      if (line !== rl.line) {
        rl.clearLine(0);
        rl.write(line);
      }
      if (line !== query) {
        setQuery(line);
        setActive(0);
        top.current = 0;
        setMode('list');
        setNote(undefined);
      }
    }
  });

  const current = Math.max(0, Math.min(active, hits.length - 1));
  top.current = scrollTop(top.current, current, size, hits.length);
  return renderScreen({ query, hits, active: current, top: top.current, mode, note }, { ...config.env, columns, rows });
});
