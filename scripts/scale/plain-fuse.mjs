// The baseline of the scale bench: plain fuse.js over the same file, as the issue defines it.
//   node scripts/scale/plain-fuse.mjs <facts.json> <query>
import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';

const [file, ...words] = process.argv.slice(2);
const docs = JSON.parse(readFileSync(file, 'utf8'));
const fuse = new Fuse(docs, { keys: ['text', 'en', 'topics'], ignoreLocation: true, threshold: 0.3 });
const hits = fuse.search(words.join(' '), { limit: 10 }).map((r) => r.item);
process.stdout.write(JSON.stringify(hits) + '\n');
if (process.env.ZIBO_REPORT_RSS) process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`);
