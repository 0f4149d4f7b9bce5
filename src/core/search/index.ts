// Public face of the search engine (issue 4). src/core/search.ts re-exports this.
export { createSearchEngine, type SearchEngine, type SearchHit, type SearchOptions, type Plan, type Form } from './engine.js';
export { prepareQuery, MAX_QUERY_CHARS, type PreparedQuery, normalize } from './normalize.js';
export { resolveTopic, type TopicResolution } from './topics.js';
export { loadedTables } from './lazy.js';
