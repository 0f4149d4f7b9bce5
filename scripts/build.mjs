// Builds dist/: one esbuild bundle of src/cli/main.ts, dist/main.cjs (loaded by bin/zibo.cjs), the commands and
// parts that only some runs need, each a bundle of its own loaded on first use (dist/chunks/), and the packages that
// only some runs call (dist/lazy/).
//
// Measured (BENCHMARKS.md): on these machines a page of memory touched for the first time costs ~11 us, so every
// byte a run reads, copies and deserialises counts. `facts` and `search` read only main.cjs and its code cache;
// `check`, `extract`, `add`, `remove`, `find`, `completion` and the `--data` reader are chunks. A chunk takes every
// module that main.cjs holds from main.cjs itself (a table main.cjs registers, see `shared` below), so a module is
// never run twice in one process and classes, caches and once-per-run notes stay one; modules only chunks use are
// bundled into each chunk that needs them (the build lists any that two chunks share and fails if one keeps state).
// esbuild's own code splitting (ESM only) was measured slower: a `facts` run loaded 15 files.
//
// CommonJS, not ESM: Node's ESM loader costs ~5 ms per run before any of our code runs. Each bundle is written as
// the CommonJS function expression Node itself would wrap it in, so src/cli/code-cache.ts compiles the file as read
// (no 375 KB concatenation and copy per run), and pure ASCII, so it is read as a one-byte latin1 string.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

// Node built-ins that cost start-up time when loaded, though most runs never call them: each import of one gets an
// object that requires the built-in on first use of any of its properties.
//   node:child_process  commander requires it for executable subcommands zibo does not have; the pager spawns
//                       through it only when output is paged. Loading it loads net and stream too (~1-2 ms).
//   node:os             the library folder needs os.homedir() only when $HOME is unset; chalk's supports-color
//                       reads os.release() only on Windows. Not in Node's start-up snapshot: ~0.6 ms to compile.
// (A property read of the stand-in is a property read of the built-in: functions are called on the module itself.)
const LAZY_BUILTINS = ['node:child_process', 'node:os'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${LAZY_BUILTINS.join('|')})$`) }, (args) =>
      // The stand-in's own require is of the built-in itself.
      args.namespace === 'zibo-lazy-builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'zibo-lazy-builtin' });
    b.onLoad({ filter: /.*/, namespace: 'zibo-lazy-builtin' }, async (args) => ({
      loader: 'js',
      // Own properties (the built-in's export names, read here), so that esbuild's named and default imports see them.
      contents: `const load = () => require(${JSON.stringify(args.path)}); for (const k of ${JSON.stringify(Object.keys(await import(args.path)).filter((k) => k !== 'default'))}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });`,
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

// The wrapper Node's CommonJS loader puts around a module (Module.wrap), written into the file once at build time.
const WRAP = ['(function (exports, require, module, __filename, __dirname) { ', '\n})'];

const COMMON = { bundle: true, format: 'cjs', platform: 'node', target, legalComments: 'none', logLevel: 'warning' };
// Less to read and parse on every run; names stay (stack traces with ZIBO_DEBUG=1).
const BUNDLE = { ...COMMON, minifySyntax: true, minifyWhitespace: true, define: { 'import.meta': META }, banner: { js: META_BANNER }, write: false };

// The chunks: a module that only some commands import (with import()), bundled with what it needs that main.cjs
// does not hold. Loaded on first use through the code cache module, as main.cjs is.
const CHUNKS = {
  search: 'src/cli/search.ts',
  check: 'src/cli/check.ts',
  extract: 'src/cli/extract.ts',
  add: 'src/cli/add.ts',
  remove: 'src/cli/remove.ts',
  find: 'src/cli/find.ts',
  completion: 'src/cli/completion.ts',
  'data-file': 'src/core/data-file.ts',
};
// Modules that must exist once per process although only chunks import them: the index the --data reader (a chunk)
// attaches to a corpus is found by search and find (chunks) through this module's table. main.cjs holds them.
const PINNED = ['src/core/index/indexed-search.ts'];
const CHUNK_MARK = 'zibo-chunk:';
const LOADER_MARK = 'zibo-code-cache-module';
const chunkOf = new Map(Object.entries(CHUNKS).map(([name, path]) => [join(root, path), name]));

/** import() of a chunk's module becomes the chunk, compiled with its code cache (src/cli/code-cache.ts). */
const lazyChunks = {
  name: 'lazy-chunks',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData?.inner) return undefined;
      const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { inner: true } });
      const name = chunkOf.get(r.path);
      return name === undefined ? undefined : { path: name, namespace: 'zibo-chunk' };
    });
    b.onResolve({ filter: new RegExp(`^(${CHUNK_MARK}|${LOADER_MARK}$)`) }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'zibo-chunk' }, (args) => ({
      loader: 'js',
      contents: `module.exports = require(${JSON.stringify(LOADER_MARK)}).load(${JSON.stringify(CHUNK_MARK + args.path)});`,
    }));
  },
};

/** Where a marked path points from the file `from` of dist/: a lazy package, a chunk, the code cache module. */
function withPaths(code, from) {
  const rel = (to) => {
    const r = relative(dirname(from), to);
    return r.startsWith('.') ? r : `./${r}`;
  };
  return withLazyPaths(code, from)
    .replaceAll(JSON.stringify(LOADER_MARK), JSON.stringify(rel(join(dist, 'code-cache.cjs'))))
    // A chunk is named by its path from the requiring file's folder (code-cache.ts resolves it against __dirname).
    .replace(new RegExp(`\\.load\\("${CHUNK_MARK}([\\w-]+)"\\)`, 'g'), (_, name) => `.load(require("node:path").join(__dirname, ${JSON.stringify(rel(join(dist, 'chunks', `${name}.cjs`)))}))`)
    // A module main.cjs holds is taken from its table.
    .replace(new RegExp(`require\\("${SHARED_MARK}([^"]+)"\\)`, 'g'), (_, k) => `globalThis[Symbol.for(${JSON.stringify(SHARED)})](${JSON.stringify(k)})`);
}

function writeBundle(file) {
  // Bundles are compiled by vm.Script (src/cli/code-cache.ts), which has no loader for import(): every import() of
  // our sources must have become a require (as esbuild does for CommonJS output, but not for node: built-ins).
  if (/[^\w$.]import\(/.test(file.text)) throw new Error(`${file.path}: a dynamic import() is left in the bundle; import it statically`);
  writeFileSync(file.path, WRAP[0] + asciiOnly(withPaths(file.text, file.path)) + WRAP[1]);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'lazy'), { recursive: true });
mkdirSync(join(dist, 'chunks'), { recursive: true });

const SHARED = 'zibo.shared';
const SHARED_MARK = 'zibo-shared:';
const key = (abs) => relative(root, abs).split('\\').join('/');
/** The source files a build put in its output (virtual modules left out), as paths from the root. */
const filesOf = (result) => Object.keys(result.metafile.inputs).filter((p) => !p.includes(':')).map((p) => key(join(root, p)));
const mainOptions = (plugins) => ({ ...BUNDLE, outfile: join(dist, 'main.cjs'), metafile: true, plugins: [lazyPackages, lazyBuiltins, lazyChunks, ...plugins] });

// main.cjs's entry: the table of its modules that chunks take (`require` of a bundled module gives its exports,
// initialised on first use, so main.cjs runs nothing more for it), then src/cli/main.ts.
const registry = (modules) => ({
  name: 'shared-registry',
  setup(b) {
    b.onResolve({ filter: /^zibo-(entry|registry)$/ }, (args) => ({ path: args.path, namespace: 'zibo-main' }));
    b.onLoad({ filter: /^zibo-entry$/, namespace: 'zibo-main' }, () => ({
      loader: 'js',
      resolveDir: root,
      contents: `import "zibo-registry";\nimport ${JSON.stringify(join(root, 'src/cli/main.ts'))};`,
    }));
    b.onLoad({ filter: /^zibo-registry$/, namespace: 'zibo-main' }, () => ({
      loader: 'js',
      resolveDir: root,
      contents: `const table = {\n${[...modules].sort().map((k) => `  ${JSON.stringify(k)}: () => require(${JSON.stringify(join(root, k))}),`).join('\n')}\n};\n`
        + `globalThis[Symbol.for(${JSON.stringify(SHARED)})] = (id) => table[id]();\n`,
    }));
  },
});

// 1. main.cjs as it will be: which source files it holds.
const first = await build({ ...mainOptions([registry(PINNED)]), entryPoints: ['zibo-entry'] });
const inMain = new Set(filesOf(first));

// 2. The chunks: a module main.cjs holds is taken from main.cjs (the table `shared` reads), never bundled again.
const sharedUsed = new Set();
const chunkInputs = {};
for (const [name, entry] of Object.entries(CHUNKS)) {
  const fromMain = {
    name: 'from-main',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.inner || args.kind === 'entry-point') return undefined;
        const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { inner: true } });
        if (r.errors.length > 0 || r.external || !r.path) return undefined;
        const k = key(r.path);
        if (!inMain.has(k)) return undefined;
        sharedUsed.add(k);
        return { path: `${SHARED_MARK}${k}`, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: 'zibo-shared' }, (args) => ({
        loader: 'js',
        contents: `module.exports = globalThis[Symbol.for(${JSON.stringify(SHARED)})](${JSON.stringify(args.pluginData.key)});`,
      }));
    },
  };
  const out = await build({
    ...BUNDLE,
    entryPoints: [join(root, entry)],
    outfile: join(dist, 'chunks', `${name}.cjs`),
    metafile: true,
    plugins: [lazyPackages, lazyBuiltins, lazyChunks, fromMain],
  });
  chunkInputs[name] = filesOf(out);
  for (const file of out.outputFiles) writeBundle(file);
}

// A module two chunks both bundle runs twice if one run loads both (completion loads every command): allowed only
// for modules without state of their own (no top-level `let`, no empty Map or Set filled later), or whose state was
// reviewed to be a memo of a pure computation (a lazily built regular expression or Intl object, a memo keyed by
// value), so that a second copy costs time, never behaviour.
const MEMO_ONLY = new Set([
  'src/extract/corpus.ts', 'src/extract/magnitudes.ts', 'src/extract/normalize.ts', 'src/core/check/compare.ts',
  // tables of data/search/ read on first use (lazy.ts), and what is built from them; regular expressions; a buffer
  'src/core/search/lazy.ts', 'src/core/search/fold.ts', 'src/core/search/pinyin.ts', 'src/core/search/normalize.ts',
  'src/core/search/numbers.ts', 'src/core/search/vocab.ts',
]);
const seen = new Map();
for (const [name, inputs] of Object.entries(chunkInputs)) for (const p of inputs) seen.set(p, [...(seen.get(p) ?? []), name]);
for (const [p, names] of seen) {
  if (names.length < 2 || !/\.ts$/.test(p) || MEMO_ONLY.has(p)) continue;
  const text = readFileSync(join(root, p), 'utf8');
  if (/^(export )?let |^(export )?const \w+(: [^=]+)? = new (Map|Set|WeakMap|WeakSet)(<[^>]*>)?\(\)/m.test(text)) {
    throw new Error(`${p} keeps state and is bundled into chunks ${names.join(', ')}: review it for MEMO_ONLY, or import it where main.cjs holds it`);
  }
}

// 3. main.cjs, with the table.
const main = await build({ ...mainOptions([registry(new Set([...sharedUsed, ...PINNED]))]), entryPoints: ['zibo-entry'] });
const held = new Set(filesOf(main));
for (const k of inMain) if (!held.has(k)) throw new Error(`main.cjs lost ${k} between builds`);
// A table entry is `(init_x(), __toCommonJS(x_exports))`: __toCommonJS copies every export getter into a new object
// (~1.4 ms and ~60 KB of a search run's young generation for the modules a chunk takes). The module's own exports
// object (getters over its live bindings) serves a chunk's named imports as well, so the table hands out that.
const direct = (text) => text.replace(/("[^"]+":\(\)=>\(init_\w+\(\),)__toCommonJS\((\w+_exports\d*)\)\)/g, '$1$2)');
for (const file of main.outputFiles) {
  const text = file.text.replace(/var table\d*=\{[^}]*\}/, direct);
  if (text === file.text) throw new Error('main.cjs: the registry table was not found');
  writeBundle({ path: file.path, text: lazyExports(text) });
}

/**
 * esbuild fills the exports object of each module that the table or an import() hands out at start-up, with a getter
 * closure, a descriptor and a dictionary slot per export: ~200 of them, ~60 KB of young generation that lives through
 * the first scavenge although a `facts` run never reads one. Here each is filled on first hand-out instead:
 * `__export(x_exports, {…})` becomes a thunk kept in a Map, and `(init_x(), x_exports)` (the only way the code reaches
 * such an object, checked) runs it first. A module that declares none of its exports with `let` or `var` gets plain
 * values instead of getters (what a getter would read: its bindings never change once its init has run), which is
 * what a chunk pays when it takes the module (~45 KB less for `search`); the others keep esbuild's getters.
 */
function lazyExports(text) {
  const decl = /var (\w+_exports\d*)=\{\};__export\(\1,(\{(?:([\w$]+):\(\)=>[\w$]+,?)*\})\);/g;
  let out = text;
  let lazy = 0;
  for (const [whole, name, all] of text.matchAll(decl)) {
    const handOut = new RegExp(`\\((init_\\w+)\\(\\),${name}\\)`, 'g');
    const uses = (text.match(new RegExp(`\\b${name}\\b`, 'g')) ?? []).length;
    const outs = [...text.matchAll(handOut)];
    if (uses !== 2 + outs.length || outs.length === 0) continue; // read some other way too: left as esbuild made it
    const fill = stableExports(text, outs[0][1], all) ? `Object.assign(${name},${all.replace(/:\(\)=>/g, ':')})` : `__export(${name},${all})`;
    out = out.replace(whole, `var ${name}={};__exportLater(${name},()=>${fill});`).replace(handOut, `($1(),__exportNow(${name}))`);
    lazy++;
  }
  if (lazy === 0) throw new Error('main.cjs: no module exports object was made lazy (has esbuild changed its output?)');
  const helpers = 'var __exportThunks=new Map,__exportLater=(t,f)=>{__exportThunks.set(t,f)},'
    + '__exportNow=t=>{let f=__exportThunks.get(t);return f&&(__exportThunks.delete(t),f()),t};';
  const at = out.indexOf('var __create=');
  if (at < 0) throw new Error('main.cjs: esbuild\'s prelude was not found');
  return out.slice(0, at) + helpers + out.slice(at);
}

/** Whether no export of the module `init` initialises is declared with `let` or `var` in its source (so none is reassigned). */
function stableExports(text, init, all) {
  const path = new RegExp(`\\b${init}=__esm\\(\\{"([^"]+)"`).exec(text)?.[1];
  if (!path) return false;
  let source;
  try {
    source = readFileSync(join(root, path), 'utf8');
  } catch {
    return false;
  }
  if (/^\s*export\s+(?:let|var)\b|^\s*export\s*\*/m.test(source)) return false; // a mutable or an unknown export
  const mutable = new Set([...source.matchAll(/^\s*(?:let|var)\s+([\w$]+)/gm)].map((m) => m[1]));
  // Exported by name (`export { x }`, `export { x as y }`): the local name decides.
  const listed = [...source.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((x) => x.trim().split(/\s+as\s+/)[0]));
  const names = [...all.matchAll(/([\w$]+):\(\)=>/g)].map((m) => m[1]);
  return ![...names, ...listed].some((n) => mutable.has(n));
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

// The code caches, made here from the command lines scripts and people run most, one after the other: main.cjs's
// from `facts` in a pipe, `facts` as a table and `search` (each run starts from the cache the one before wrote and
// adds what it compiled), and the search chunk's from its first run. Without this, whichever command ran first after
// a build would decide what main.cjs's cache holds. Made in dist/ itself, after the swap: V8 keeps the file name a
// cache was made under (stack traces and profiles would name the staging folder).
const TRAIN = [
  ['facts', '--topic', '公交'],
  ['facts', '--topic', '公交', '--format', 'table', '--color', 'always'],
  ['search', '数据中心', '--json'],
];
const trainHome = join(final, 'no-library'); // never created: training reads no one's library
for (const args of TRAIN) {
  const loader = `process.argv.splice(1, 0, 'zibo'); require(${JSON.stringify(join(final, 'code-cache.cjs'))}).load(${JSON.stringify(join(final, 'main.cjs'))}, { refresh: true });`;
  const r = spawnSync(process.execPath, ['-e', loader, ...args], { env: { ...process.env, ZIBO_HOME: trainHome, ZIBO_DATA: '', COLUMNS: '100' }, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`training the code cache: zibo ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
}
