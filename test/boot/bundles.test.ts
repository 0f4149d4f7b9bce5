import { describe, expect, it } from 'vitest';
import { bundleFor } from '../../src/boot/bundles.js';

describe('bundleFor (which bundle of dist/ serves a command line)', () => {
  it.each([
    [['search', '数据中心', '--json'], 'search'],
    [['--lang', 'zh', 'search', 'x'], 'search'],
    [['--data', 'search', 'facts'], 'facts'], // "search" is the data file here
    [['--no-color', 'search', 'x'], 'search'],
    [['--lang=zh', 'search', 'x'], 'search'],
    [['facts', '--topic', 'search'], 'facts'],
    [['--lang', 'en', 'facts'], 'facts'],
    [['show', 'uc-001'], 'all'],
    [['--', 'search'], 'all'],
    [[], 'all'],
    [['--help'], 'all'],
  ])('%j → %s', (argv, bundle) => {
    expect(bundleFor(argv)).toBe(bundle);
  });
});
