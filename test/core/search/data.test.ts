import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSearchData } from '../../../scripts/build-search-data.js';

describe('generated search tables', () => {
  it('are what npm run search-data builds from the corpus (rebuild with npm run corpus)', () => {
    for (const [path, content] of Object.entries(buildSearchData())) {
      const file = readFileSync(new URL(`../../../${path}`, import.meta.url));
      if (typeof content === 'string') expect(file.toString('utf8'), `${path} is stale`).toBe(content);
      else expect(file.equals(content), `${path} is stale`).toBe(true);
    }
  });
});
