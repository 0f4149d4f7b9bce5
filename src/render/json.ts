// JSON: a pretty-printed array (2 spaces) of records with exactly the selected fields.

import type { Renderer } from './types.js';
import { project } from './types.js';

export const renderJson: Renderer = (result) => JSON.stringify(result.rows.map((r) => project(result, r)), null, 2) + '\n';
