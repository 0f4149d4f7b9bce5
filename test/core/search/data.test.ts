import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSearchData } from '../../../scripts/build-search-data.js';

describe('generated search tables', () => {
  it('are what npm run search-data builds from the corpus (rebuild with npm run corpus)', () => {
    for (const [path, content] of Object.entries(buildSearchData())) {
      expect(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'), `${path} is stale`).toBe(content);
    }
  });
});
