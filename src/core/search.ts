// The search engine behind `zibo search` lives in ./search/ (issue 4: normalisation, synonyms and topic aliases,
// Traditional folding, pinyin, English, homophone typos, numbers). This file keeps the import path the CLI uses.
export {
  createSearchEngine,
  prepareQuery,
  MAX_QUERY_CHARS,
  type PreparedQuery,
  type SearchEngine,
  type SearchHit,
  type SearchOptions,
} from './search/index.js';
