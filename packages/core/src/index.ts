/**
 * @tumen/core: domain types, configuration schemas, normalization and matching.
 * Pure: no I/O, no environment, no clock. Everything else depends on this package.
 */
export * from './types.ts';
export * from './errors.ts';
export * from './duration.ts';
export * from './document-text.ts';
export { groupBy } from './group-by.ts';
export { parseYamlConfig, formatPath } from './config/parse-yaml-config.ts';
export { parseWatchlist, watchlistSchema } from './config/watchlist-schema.ts';
export { parseSources, sourcesFileSchema } from './config/sources-schema.ts';
export { parseAlerts, alertsFileSchema, channelAccepts, type AlertChannel } from './config/alerts-schema.ts';
export {
  compileWatchlist,
  explainMatch,
  watchlistStats,
  ENGINE_VERSION,
  type CompiledWatchlist,
  type Explanation,
  type EntityExplanation,
  type StoryExplanation,
} from './extract/index.ts';
export { normalize, foldText, createFoldBuffer, type FoldedText } from './extract/normalize.ts';
export { keysForEntity, keysForForm } from './extract/variants.ts';
export { aliasWarnings, type AliasWarning } from './extract/alias-warnings.ts';
export { KOREAN_ROMANIZATION_TABLE } from './extract/korean-romanization-table.ts';
export { HANGUL_PARTICLES, HANGUL_ATTACHED_NOUNS, HANGUL_TITLES, HANGUL_INITIAL_PAIRS } from './extract/hangul.ts';
export { RUSSIAN_ENDING_SETS } from './extract/russian-endings.ts';
export { parseQuery, entityRefs } from './query/parser.ts';
export { QuerySyntaxError, formatQuery, type QueryNode } from './query/ast.ts';
export { evaluateQuery, type ClauseTrace, type TermHit } from './query/evaluate.ts';
