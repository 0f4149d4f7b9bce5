// Checks or rewrites the outputs shown under the `$ zibo …` examples of README.md, by running them on the built CLI
// (npm run build first) the way test/e2e/readme.test.ts does (see test/helpers/readme.ts for the rules).
//
//   npm run readme-examples              lists the examples whose shown output differs (exit 1 if any)
//   npm run readme-examples -- --update  rewrites those outputs in README.md with what the CLI prints now
//
// An output with `…` (elided text) that still matches is left alone; one that no longer matches is replaced in full,
// so re-elide it by hand if it is long.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../test/helpers/pty.js';
import { matches, normalise, parseReadme, runExample } from '../test/helpers/readme.js';

const update = process.argv.includes('--update');
const file = join(ROOT, 'README.md');
let text = readFileSync(file, 'utf8');
const examples = parseReadme(text);
const stale = examples.map((ex) => ({ ex, got: runExample(ex) })).filter(({ ex, got }) => !matches(ex.expected, got));
for (const { ex } of stale) process.stderr.write(`README.md:${ex.line}: ${ex.mode} example differs: $ ${ex.command}\n`);
if (update) {
  // From the end, so that earlier offsets stay valid.
  for (const { ex, got } of [...stale].sort((a, b) => b.ex.start - a.ex.start)) {
    const out = normalise(got);
    const insert = ex.start === ex.end ? `${out}\n` : out;
    text = text.slice(0, ex.start) + insert + text.slice(ex.end);
  }
  writeFileSync(file, text);
  process.stderr.write(`${stale.length} of ${examples.length} examples rewritten\n`);
} else {
  process.stderr.write(`${examples.length - stale.length} of ${examples.length} examples match\n`);
  process.exitCode = stale.length ? 1 : 0;
}
