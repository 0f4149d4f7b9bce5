import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    // The tests never see the library of the person running them (~/.local/share/zibo): a folder that does not
    // exist. Tests of the library set ZIBO_HOME to a folder of their own.
    env: { ZIBO_HOME: join(tmpdir(), 'zibo-tests-no-library') },
    testTimeout: 30000,
    hookTimeout: 120000,
  },
});
