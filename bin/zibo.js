#!/usr/bin/env node
import '../dist/zibo.js';
