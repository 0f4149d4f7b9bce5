// Builds dist/: one esbuild bundle of src/cli/main.ts (dist/main.cjs, required by bin/zibo.cjs), with what only
// some commands need in chunks loaded on first use (dist/chunks/): each command's module (manifest.ts imports them
// with import()), check and extract, completion, cli-table3, the data-file reader and its index.
//
// The output is CommonJS, not ESM: Node's ESM loader costs ~5 ms per run before any of our code runs
// (BENCHMARKS.md). esbuild splits only ESM output, so each file it writes is then transformed to CommonJS, where
// `import()` becomes a lazy `require` (still loaded on demand). Files end in .cjs, so Node needs no package.json
// lookup to know their kind.
import { build, transform } from 'esbuild';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Built into a staging folder and swapped in at the end, so a zibo run during a rebuild never meets a half-written dist/.
const final = join(root, 'dist');
const dist = join(root, `.dist-build-${process.pid}`);
const target = 'node20';

// Packages that cost start-up time just by being loaded, though the commands that import them rarely call them:
// each is bundled into a file of its own (dist/lazy/) and, for our sources, replaced by a stand-in that requires
// that file on first call.
//   string-width creates an Intl.Segmenter when loaded (~7-20 ms: ICU loads its break rules); src/render/width.ts
//                calls it only for text outside the characters it measures itself.
//   fuse.js      ~45 KB of code; search uses it only to correct a misspelt English word.
// `kind`: a default-exported function, or a default-exported class (only `new` is forwarded).
const LAZY = { 'string-width': 'function', 'fuse.js': 'class' };
const LAZY_MARK = 'zibo-lazy-file:';
const lazyFile = (name) => `lazy/${name.replace(/[^a-z0-9-]/gi, '-')}.cjs`;

function standIn(name) {
  const load = `let real; const load = () => (real ??= require(${JSON.stringify(LAZY_MARK + name)}));`;
  // In a "type": "module" package esbuild hands an importer the whole module.exports as the default export, so
  // the stand-in is module.exports itself (with .default pointing to itself for other importers).
  const body = LAZY[name] === 'function'
    ? 'const lazy = function (...args) { return load().default(...args); };'
    : 'const lazy = function (...args) { return new (load().default)(...args); };';
  return `${load} ${body} lazy.default = lazy; module.exports = lazy;`;
}

const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).map((n) => n.replace('.', '\\.')).join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.importer.startsWith(join(root, 'src') + '/') ? { path: args.path, namespace: 'zibo-lazy' } : undefined);
    b.onResolve({ filter: new RegExp(`^${LAZY_MARK}`) }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'zibo-lazy' }, (args) => ({ loader: 'js', resolveDir: root, contents: standIn(args.path) }));
  },
};

// commander requires node:child_process when loaded, for executable subcommands zibo does not have; loading it
// loads net and stream too (~1-2 ms). commander's copy gets node:child_process on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: 'child_process', namespace: 'zibo-lazy-cp' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zibo-lazy-cp' }, () => ({
      loader: 'js',
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
    }));
  },
};

// Source files use import.meta.url (to find data/); in CommonJS it is the file's URL, computed on first use.
const META = '__zibo_import_meta';
const META_BANNER = `var ${META} = { get url() { return require("node:url").pathToFileURL(__filename).href; } };`;

const toLazy = (from, name) => JSON.stringify('./' + relative(dirname(from), join(dist, lazyFile(name))));
const withLazyPaths = (code, path) =>
  Object.keys(LAZY).reduce((text, name) => text.replaceAll(JSON.stringify(LAZY_MARK + name), toLazy(path, name)), code);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const out = await build({
  entryPoints: { main: join(root, 'src/cli/main.ts') },
  outdir: dist,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target,
  minifySyntax: true,
  minifyWhitespace: true, // less to read and parse on every run; names stay (stack traces with ZIBO_DEBUG=1)
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'import.meta': META },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyPackages, lazyChildProcess],
  write: false,
});
for (const file of out.outputFiles) {
  const code = withLazyPaths(file.text, file.path);
  const cjs = await transform(code, {
    format: 'cjs',
    platform: 'node',
    target,
    // `import('./chunk.cjs')` becomes `Promise.resolve().then(() => require('./chunk.cjs'))`: still loaded on demand.
    supported: { 'dynamic-import': false },
    minifyWhitespace: true,
    banner: code.includes(META) ? META_BANNER : '',
    legalComments: 'none',
    logLevel: 'warning',
  });
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, cjs.code);
}

for (const [name, kind] of Object.entries(LAZY)) {
  await build({
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target,
    legalComments: 'none',
    logLevel: 'warning',
    stdin: { contents: `export { default } from '${name}';`, resolveDir: root },
    outfile: join(dist, lazyFile(name)),
  });
  void kind;
}

const old = join(root, `.dist-old-${process.pid}`);
rmSync(old, { recursive: true, force: true });
try {
  renameSync(final, old);
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
renameSync(dist, final);
rmSync(old, { recursive: true, force: true });
