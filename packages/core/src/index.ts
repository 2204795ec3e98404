/**
 * @tumen/core: domain types, configuration schemas, normalization and matching.
 * Pure: no I/O, no environment, no clock. Everything else depends on this package.
 */
export * from './types.ts';
export * from './errors.ts';
export * from './duration.ts';
export * from './document-text.ts';
export { parseYamlConfig, formatPath } from './config/parse-yaml-config.ts';
export { parseWatchlist, watchlistSchema } from './config/watchlist-schema.ts';
export { parseSources, sourcesFileSchema } from './config/sources-schema.ts';
export { compileWatchlist, type CompiledWatchlist } from './extract/index.ts';
