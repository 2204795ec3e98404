/** @tumen/web: the inbox and JSON API (fastify). Built from deps; main.ts listens. */
export { buildWebApp, sourceView, type WebAppOptions } from './app.ts';
export { escapeHtml, safeHref } from './html.ts';
