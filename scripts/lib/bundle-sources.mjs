// For the benches that call zibo's modules in process: bundles `exports` (lines such as
// "export { loadDataFile } from './src/core/data-file.ts';", paths from the project root) into one ESM file at
// `outfile` and imports it (fresh on every call).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

export async function bundleSources(exports, outfile) {
  await build({
    stdin: { contents: exports.join('\n'), resolveDir: ROOT, loader: 'ts' },
    bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile, logLevel: 'warning',
    banner: { js: "import { createRequire as __zcr } from 'node:module'; const require = __zcr(import.meta.url);" },
  });
  return import(pathToFileURL(outfile).href + `?t=${Date.now()}`);
}
