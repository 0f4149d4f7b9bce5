#!/usr/bin/env node
// The package's bin: the bundle (scripts/build.mjs). CommonJS: Node's ESM loader would add ~5 ms to every run.
require('../dist/main.cjs');
