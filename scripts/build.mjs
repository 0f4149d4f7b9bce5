// Builds the bundle: src/cli/main.ts → dist/zibo.js, with heavy modules (cli-table3, …) split into chunks that
// are loaded only by the commands that need them.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: { zibo: join(root, 'src/cli/main.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // Some bundled CommonJS modules call require() for Node built-ins; give ESM output a require.
  banner: { js: "import { createRequire as __zcr } from 'node:module'; const require = __zcr(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
