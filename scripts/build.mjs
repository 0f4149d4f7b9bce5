// Builds the bundle: src/cli/main.ts → dist/zibo.js, with heavy modules (cli-table3, …) split into chunks that
// are loaded only by the commands that need them.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// commander builds a whole program object when it is imported (~4 ms of the start-up budget). The fast path of
// `facts`/`search` (src/cli/fast-path.ts) never touches it, so `import … from 'commander'` gets a stand-in whose
// exports load the real module on first use. BENCHMARKS.md has the measurements.
const COMMANDER_EXPORTS = ['program', 'createCommand', 'createOption', 'createArgument', 'Command', 'Option', 'Argument',
  'Help', 'CommanderError', 'InvalidArgumentError', 'InvalidOptionArgumentError'];
const lazyCommander = {
  name: 'lazy-commander',
  setup(b) {
    const real = createRequire(import.meta.url).resolve('commander');
    b.onResolve({ filter: /^commander$/ }, () => ({ path: 'lazy-commander', namespace: 'zibo' }));
    b.onLoad({ filter: /^lazy-commander$/, namespace: 'zibo' }, () => ({
      loader: 'js',
      resolveDir: root,
      contents: `let real; const load = () => (real ??= require(${JSON.stringify(real)}));
        for (const k of ${JSON.stringify(COMMANDER_EXPORTS)}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });`,
    }));
  },
};
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
  plugins: [lazyCommander],
});
