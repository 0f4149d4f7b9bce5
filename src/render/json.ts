// JSON: a pretty-printed array (2 spaces) of records with exactly the selected fields. Exact: JSON.stringify
// escapes control characters itself, so data is not sanitised here.

import type { Renderer } from './types.js';
import { project } from './types.js';

export const renderJson: Renderer = (result, ctx) => JSON.stringify(result.rows.map((r) => project(result, r, ctx)), null, 2) + '\n';
