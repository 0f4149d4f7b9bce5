// JSON Lines: one compact record per line, nothing for no records. Exact, as JSON.

import type { Renderer } from './types.js';
import { project } from './types.js';

export const renderJsonl: Renderer = (result, ctx) => result.rows.map((r) => JSON.stringify(project(result, r, ctx)) + '\n').join('');
