// The data contract lives in the lowest layer (src/extract/types.ts); core and the CLI keep importing it from here.
export * from '../extract/types.js';
