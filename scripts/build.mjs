// Builds dist/: one esbuild bundle of src/cli/main.ts, dist/main.cjs (required by bin/zibo.cjs), and the packages
// that only some runs need, each in a file of its own loaded on first use (dist/lazy/).
//
// Measured (BENCHMARKS.md): one file beats esbuild's code splitting here. Split, a `facts` run loaded 15 files and
// `search` 18 (Node's require resolves, stats and reads each: ~0.15 ms apiece, more under load), and was 0.1× of
// `node -e 0` slower than this one file. In the one file, every command's module is still imported through the
// manifest's import() (src/cli/manifest.ts): esbuild wraps such a module so that its top level runs only when it
// is imported, so a run initialises only the command it runs; V8 only pre-parses the functions it does not call.
//
// CommonJS, not ESM: Node's ESM loader costs ~5 ms per run before any of our code runs. The file ends in .cjs, so
// Node needs no package.json lookup to know its kind.
import { build } from 'esbuild';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Built into a staging folder and swapped in at the end, so a zibo run during a rebuild never meets a half-written dist/.
const final = join(root, 'dist');
const dist = join(root, `.dist-build-${process.pid}`);
const target = 'node20';

// Packages that cost start-up time just by being loaded, though the runs that import them rarely call them: each
// is bundled into a file of its own (dist/lazy/) and, for our sources, replaced by a stand-in that requires that
// file on first call.
//   cli-table3   ~70 KB with its own string-width and @colors/colors; only a table on a terminal (or --format
//                table) draws one.
//   string-width creates an Intl.Segmenter when loaded (~7-20 ms: ICU loads its break rules); src/render/width.ts
//                calls it only for text outside the characters it measures itself.
//   fuse.js      ~45 KB of code; search uses it only to expand a query term that is not in the vocabulary.
//   @inquirer/core     ~35 KB with its helpers; only `zibo find` draws a prompt.
//   write-file-atomic, proper-lockfile   ~40 KB with graceful-fs, retry and signal-exit (graceful-fs patches fs
//                when loaded); only `zibo add` and `zibo remove` write the library.
// `kind`: a default-exported function, a default-exported class (only `new` is forwarded), or a `module` read by
// property (its export names are read off the package at build time; calling the stand-in calls the package's
// function, for a package that is a function with properties such as write-file-atomic's `.sync`).
const LAZY = {
  'cli-table3': 'class', 'string-width': 'function', 'fuse.js': 'class',
  '@inquirer/core': 'module', 'write-file-atomic': 'module', 'proper-lockfile': 'module',
};
/** Export names of each `module` package, read once at build time. */
const NAMES = {};
for (const [name, kind] of Object.entries(LAZY)) {
  if (kind !== 'module') continue;
  const mod = await import(name);
  const own = new Set([...Object.keys(mod), ...Object.keys(mod.default ?? {})]);
  NAMES[name] = [...own].filter((k) => !['default', 'length', 'name', 'prototype', 'caller', 'arguments'].includes(k));
}
const LAZY_MARK = 'zibo-lazy-file:';
const lazyFile = (name) => `lazy/${name.replace(/^@/, '').replace(/[^a-z0-9-]/gi, '-')}.cjs`;

function standIn(name) {
  const load = `let real; const load = () => (real ??= require(${JSON.stringify(LAZY_MARK + name)}));`;
  // In a "type": "module" package esbuild hands an importer the whole module.exports as the default export, so
  // the stand-in is module.exports itself (with .default pointing to itself for other importers).
  if (LAZY[name] === 'module') {
    const call = 'const lazy = function (...args) { const m = load(); return (typeof m === "function" ? m : m.default)(...args); };';
    const props = `for (const k of ${JSON.stringify(NAMES[name])}) Object.defineProperty(lazy, k, { enumerable: true, get: () => load()[k] });`;
    return `${load} ${call} ${props} lazy.default = lazy; module.exports = lazy;`;
  }
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

// commander requires node:child_process when loaded, for executable subcommands zibo does not have, and the pager
// (src/cli/pager.ts) needs it only when output is paged; loading it loads net and stream too (~1-2 ms). Both get
// node:child_process's spawn on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') || args.importer.endsWith('/src/cli/pager.ts')
        ? { path: 'child_process', namespace: 'zibo-lazy-cp' } : undefined);
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

// esbuild escapes non-ASCII characters in strings but not in regular expression literals (/[，。]/); escaped there
// too (\uXXXX, by UTF-16 unit: the same pattern, with or without the u flag), the bundle is pure ASCII, so Node reads
// it as a one-byte string (src/cli/code-cache.ts reads it as latin1): ~3 ms less per run than decoding UTF-8.
const asciiOnly = (code) => code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const COMMON = { bundle: true, format: 'cjs', platform: 'node', target, legalComments: 'none', logLevel: 'warning' };

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'lazy'), { recursive: true });

const main = await build({
  ...COMMON,
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(dist, 'main.cjs'),
  // Less to read and parse on every run; names stay (stack traces with ZIBO_DEBUG=1).
  minifySyntax: true,
  minifyWhitespace: true,
  define: { 'import.meta': META },
  banner: { js: META_BANNER },
  plugins: [lazyPackages, lazyChildProcess],
  write: false,
});
for (const file of main.outputFiles) {
  // The bundle is compiled by vm.Script (src/cli/code-cache.ts), which has no loader for import(): every import()
  // of our sources must have become a require (as esbuild does for CommonJS output, but not for node: built-ins).
  if (/[^\w$.]import\(/.test(file.text)) throw new Error(`${file.path}: a dynamic import() is left in the bundle; import it statically`);
  writeFileSync(file.path, asciiOnly(withLazyPaths(file.text, file.path)));
}

// The loader bin/zibo.cjs goes through: the bundle compiled with its V8 code cache (src/cli/code-cache.ts).
await build({ ...COMMON, minifyWhitespace: true, entryPoints: [join(root, 'src/cli/code-cache.ts')], outfile: join(dist, 'code-cache.cjs') });

for (const name of Object.keys(LAZY)) {
  await build({
    ...COMMON,
    minifyWhitespace: true,
    stdin: LAZY[name] === 'module'
      ? { contents: `module.exports = require('${name}');`, resolveDir: root, loader: 'js' }
      : { contents: `export { default } from '${name}';`, resolveDir: root },
    outfile: join(dist, lazyFile(name)),
  });
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
