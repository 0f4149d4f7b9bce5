#!/usr/bin/env node
// The package's bin: the bundle (scripts/build.mjs), compiled with its V8 code cache (src/cli/code-cache.ts).
require('../dist/code-cache.cjs').load(require('node:path').join(__dirname, '../dist/main.cjs'));
