// The renderer registry: one entry per --format, all over the same Result.

import type { Format, Renderer } from './types.js';
import { renderTsv } from './tsv.js';
import { renderCsv } from './csv.js';
import { renderMd } from './md.js';
import { renderJson } from './json.js';
import { renderJsonl } from './jsonl.js';

export * from './types.js';

export const renderers: Record<Format, Renderer> = {
  // cli-table3 and chalk are loaded only when a table is drawn (a separate chunk of the bundle).
  table: async (result, ctx) => (await import('./table.js')).renderTable(result, ctx),
  tsv: renderTsv,
  json: renderJson,
  jsonl: renderJsonl,
  csv: renderCsv,
  md: renderMd,
};
