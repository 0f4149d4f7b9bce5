// Builds the bundles: src/cli/main*.ts → dist/{search,facts,all}/main.js, each with heavy modules (commander,
// cli-table3, the search engine, …) split into chunks loaded only by the commands that need them, and the packages
// loaded lazily in dist/lazy/; src/boot/zibo.ts → dist/zibo.cjs, the
// loader that bin/zibo.cjs requires; and the V8 code cache of every file (`<file>.v8`), made by a training run of
// the built CLI (src/boot/train.ts, a chunk main.js loads only in that run, so it runs the very same code).
//
// The output is CommonJS, not ESM: Node's ESM loader costs ~5 ms per run before any of our code runs, a quarter
// of the start-up budget (BENCHMARKS.md). esbuild cannot split CommonJS output, so the build has two steps:
//   1. esbuild bundles with code splitting as ESM (in memory);
//   2. each output file is transformed to CommonJS (static imports → require, `import()` → a lazy require).
// Node itself loads only dist/zibo.cjs (required by bin/zibo.cjs); every other file of dist/ is loaded by it
// (src/boot/loader.ts), which is why they are written pre-wrapped (see `wrap`).
import { spawnSync } from 'node:child_process';
import { build, transform } from 'esbuild';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Built into a staging folder and swapped in at the end, so a zibo run during a rebuild never meets a half-written dist/.
const final = join(root, 'dist');
const dist = join(root, `.dist-build-${process.pid}`);
const target = 'node20';

// Packages that cost start-up time just by being loaded are bundled each into a file of its own (dist/lazy/) and
// replaced, for our sources, by a stand-in that requires that file on first use:
//   commander    builds a whole program object when imported and takes ~4 ms to compile; the fast path of
//                `facts`/`search` (src/cli/fast-path.ts) never touches it.
//   string-width creates an Intl.Segmenter when imported (~7 ms: ICU loads its break rules); src/render/width.ts
//                calls it only for text outside the characters it measures itself.
//   fuse.js      ~45 KB of code; the engine uses it only to correct a misspelt English word.
// `kind` says what the stand-in must look like: named exports; a default-exported function; a default-exported
// class (only `new` is forwarded). Imports of these packages by other packages (cli-table3 has its own
// string-width) are left alone.
const LAZY = {
  commander: { kind: 'named', names: ['program', 'createCommand', 'createOption', 'createArgument', 'Command', 'Option',
    'Argument', 'Help', 'CommanderError', 'InvalidArgumentError', 'InvalidOptionArgumentError'] },
  'string-width': { kind: 'function' },
  'fuse.js': { kind: 'class' },
};
const LAZY_MARK = 'zibo-lazy-file:';

// Every file the loader (src/boot/loader.ts) loads is written already wrapped the way Node wraps a CommonJS file,
// so the loader compiles the text as read, without making a second copy of it on every run.
const wrap = (code) => `(function (exports, require, module, __filename, __dirname) { ${code}\n})`;
const lazyFile = (name) => `lazy/${name.replace(/[^a-z0-9-]/gi, '-')}.js`;

function standIn(name) {
  const load = `let real; const load = () => (real ??= require(${JSON.stringify(LAZY_MARK + name)}));`;
  const { kind, names } = LAZY[name];
  if (kind === 'named') {
    return `${load} for (const k of ${JSON.stringify(names)}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });`;
  }
  // In a "type": "module" package esbuild hands an importer the whole module.exports as the default export, so
  // the stand-in is module.exports itself (with .default pointing to itself for other importers).
  const body = kind === 'function'
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

// Source files use import.meta.url (to find data/ and to create a require); in CommonJS it is the file's URL,
// computed on first use (node:url's pathToFileURL is not free).
const META = '__zibo_import_meta';
const META_BANNER = `var ${META} = { get url() { return require("node:url").pathToFileURL(__filename).href; } };`;

// Three bundles, each built on its own (esbuild shares nothing between them); src/boot/bundles.ts picks one:
//   search, facts  the command in one file (no code splitting): `zibo search` and `zibo facts` load one file each,
//                  not the 11–13 files of the split build (~0.15 ms per file; on a terminal facts also needs the
//                  table, width and style chunks: BENCHMARKS.md). The code of other commands is in the file too,
//                  inert (esbuild runs a module's top level only when it is first imported), and costs little with
//                  the code cache: V8 does not parse what the cache holds, and it holds only what the command runs.
//   all            every other command line, split into chunks loaded only by the commands that need them.
const BUNDLES = { search: 'src/cli/main-search.ts', facts: 'src/cli/main-facts.ts', all: 'src/cli/main.ts' };
const SINGLE_FILE = new Set(['search', 'facts']);

/** The path a bundled file uses to require one of the lazy packages. */
const toLazy = (from, name) => JSON.stringify('./' + relative(dirname(from), join(dist, lazyFile(name))));
const withLazyPaths = (code, path) =>
  Object.keys(LAZY).reduce((text, name) => text.replaceAll(JSON.stringify(LAZY_MARK + name), toLazy(path, name)), code);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
for (const [bundle, entry] of Object.entries(BUNDLES)) {
  const outdir = join(dist, bundle);
  const single = SINGLE_FILE.has(bundle);
  const out = await build({
    entryPoints: { main: join(root, entry) },
    outdir,
    bundle: true,
    splitting: !single,
    format: single ? 'cjs' : 'esm',
    platform: 'node',
    target,
    chunkNames: 'chunks/[name]-[hash]',
    define: { 'import.meta': META },
    banner: single ? { js: META_BANNER } : undefined,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [lazyPackages],
    write: false,
  });
  for (const file of out.outputFiles) {
    const code = withLazyPaths(file.text, file.path);
    const cjs = single
      ? { code }
      : await transform(code, {
          format: 'cjs',
          platform: 'node',
          target,
          // `import('./chunk.js')` becomes `Promise.resolve().then(() => require('./chunk.js'))`: still loaded on demand.
          supported: { 'dynamic-import': false },
          banner: code.includes(META) ? META_BANNER : '',
          legalComments: 'none',
          logLevel: 'warning',
        });
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, wrap(cjs.code));
  }
}

// One CommonJS file with everything it imports (the lazy packages, the loader).
const ONE_CJS_FILE = { bundle: true, format: 'cjs', platform: 'node', target, legalComments: 'none', logLevel: 'warning' };

for (const name of Object.keys(LAZY)) {
  const out = await build({
    ...ONE_CJS_FILE,
    stdin: { contents: LAZY[name].kind === 'named' ? `export * from '${name}';` : `export { default } from '${name}';`, resolveDir: root },
    outfile: join(dist, lazyFile(name)),
    write: false,
  });
  mkdirSync(join(dist, 'lazy'), { recursive: true });
  writeFileSync(join(dist, lazyFile(name)), wrap(out.outputFiles[0].text));
}

// The loader: one small file, loaded by Node itself (it cannot load itself with a cache).
await build({ ...ONE_CJS_FILE, entryPoints: [join(root, 'src/boot/zibo.ts')], outfile: join(dist, 'zibo.cjs') });

// The code caches: V8 rejects a cache made by another Node version or with other V8 flags, and the loader then
// compiles as usual, so a cache made here is only ever a speed-up.
const trained = spawnSync(process.execPath, [join(dist, 'zibo.cjs')], {
  cwd: root,
  env: { ...process.env, ZIBO_CODE_CACHE: 'write', ZIBO_DATA: '', NO_COLOR: '', FORCE_COLOR: '' },
  encoding: 'utf8',
});
if (trained.status !== 0) {
  process.stderr.write(trained.stdout + trained.stderr);
  throw new Error('build: the code cache training run failed');
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
