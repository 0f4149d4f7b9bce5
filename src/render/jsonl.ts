// JSON Lines: one compact record per line, nothing for no records.

import type { Renderer } from './types.js';
import { project } from './types.js';

export const renderJsonl: Renderer = (result) => result.rows.map((r) => JSON.stringify(project(result, r)) + '\n').join('');
