// The error of a cache file that fails verification. In a module of its own so that code which only catches it
// (indexed-search.ts, on every search) does not load the index reader and writer.

export class IndexCorruptError extends Error {
  override name = 'IndexCorruptError';
}
