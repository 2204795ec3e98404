import type { MatchView, SourceRow } from '@tumen/db';
import { escapeHtml, safeHref } from '../html.ts';

/** The server-rendered inbox: newest matches, with their evidence, and source health. */
export function renderInbox(matches: MatchView[], sources: SourceRow[], status: string | undefined): string {
  const rows = collapseClusters(matches).map(renderMatch).join('\n');
  const failing = sources.filter((s) => s.enabled && s.consecutive_failures > 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tumen inbox</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d232b}
header{background:#1d3557;color:#fff;padding:.7rem 1.2rem;display:flex;gap:1.5rem;align-items:baseline}
header h1{font-size:1.2rem;margin:0} header a{color:#cfe0ff}
main{max-width:60rem;margin:1rem auto;padding:0 1rem}
.match{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:.7rem 1rem;margin:.6rem 0}
.target{font-weight:600} .type{color:#5a6775;font-size:.85em;margin-left:.4em}
.meta{color:#5a6775;font-size:.85em} .snippet{margin:.3rem 0 0;color:#333} mark{background:#ffe58a}
.warn{background:#fff4e5;border:1px solid #f0c36d;border-radius:6px;padding:.5rem 1rem}
.empty{color:#5a6775;text-align:center;margin:3rem 0} .cluster{background:#e8eef8;border-radius:3px;padding:0 .3em}
</style></head>
<body><header><h1>Tumen</h1><nav><a href="/">All</a> · <a href="/?status=new">New</a> · <a href="/api/matches">JSON</a> · <a href="/api/sources">Sources</a></nav></header>
<main>
${failing.length ? `<p class="warn">${failing.length} source(s) failing: ${failing.map((s) => `<b>${escapeHtml(s.name)}</b> (${escapeHtml(s.last_error ?? 'error')})`).join('; ')}</p>` : ''}
<h2>${status ? `${escapeHtml(status)} matches` : 'Newest matches'} (${matches.length})</h2>
${rows || '<p class="empty">No matches yet. Sources are polled on their schedule; matches appear here as they are found.</p>'}
</main></body></html>`;
}

/**
 * One entry per story and target: reprints of the same text (a near-duplicate
 * cluster) show once, with the number of sources that carried it.
 */
export function collapseClusters(matches: MatchView[]): MatchView[] {
  const seen = new Set<string>();
  return matches.filter((m) => {
    if (!m.cluster) return true;
    const key = `${m.cluster.id}:${m.target.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function renderMatch(m: MatchView): string {
  const href = safeHref(m.article.url);
  const title = escapeHtml(m.article.title || '(untitled)');
  const ev = m.evidence[0];
  return `<article class="match" data-id="${m.id}">
<div><span class="target">${escapeHtml(m.target.name)}</span><span class="type">${escapeHtml(m.target.type)}</span> · ${href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${title}</a>` : title}</div>
<div class="meta">${escapeHtml(m.article.source_id)}${m.cluster && m.cluster.size > 1 ? ` <span class="cluster" title="${escapeHtml(m.cluster.sources.join(', '))}">+ ${m.cluster.size - 1} more report(s) from ${escapeHtml(m.cluster.sources.join(', '))}</span>` : ''} · ${escapeHtml((m.article.published_at ?? m.created_at).slice(0, 16).replace('T', ' '))} · ${escapeHtml(m.status)}</div>
${ev ? `<p class="snippet">${highlight(ev.snippet, ev.text)}</p>` : ''}
</article>`;
}

function highlight(snippet: string, text: string): string {
  const at = snippet.indexOf(text);
  if (!text || at < 0) return escapeHtml(snippet);
  return `${escapeHtml(snippet.slice(0, at))}<mark>${escapeHtml(text)}</mark>${escapeHtml(snippet.slice(at + text.length))}`;
}
