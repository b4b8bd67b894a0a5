export * from './protocol/index.js';
export * from './search/index.js';
