#!/usr/bin/env node
// The package's bin. CommonJS on purpose: Node's ESM loader would add ~5 ms to every run (BENCHMARKS.md).
require('../dist/zibo.cjs');
