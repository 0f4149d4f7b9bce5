#!/usr/bin/env node
// Kept for callers that run bin/zibo.js by path. The package's bin is bin/zibo.cjs: CommonJS starts ~5 ms faster.
import '../dist/zibo.js';
