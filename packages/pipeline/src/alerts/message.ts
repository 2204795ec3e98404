import type { AlertChannel } from '@tumen/core';
import type { AlertView } from '@tumen/db';

/** One message to one channel: the same content as JSON (webhooks) and text/HTML (email). */
export interface AlertMessage {
  subject: string;
  text: string;
  html: string;
  json: {
    channel: string;
    mode: AlertChannel['mode'];
    alerts: {
      id: number;
      match_id: number;
      target: AlertView['target'];
      article: AlertView['article'];
      evidence: AlertView['evidence'];
      also_in: string[];
    }[];
  };
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]!);
const httpUrl = (u: string | null) => (u && /^https?:\/\//i.test(u) ? u : undefined);

/** Builds the message for a batch (instant) or a period's worth (digest) of alerts. */
export function buildAlertMessage(channel: AlertChannel, alerts: AlertView[]): AlertMessage {
  const names = [...new Set(alerts.map((a) => a.target.name))];
  const subject =
    channel.mode === 'digest'
      ? `Tumen digest: ${alerts.length} new match${alerts.length === 1 ? '' : 'es'} (${names.slice(0, 3).join(', ')}${names.length > 3 ? '…' : ''})`
      : alerts.length === 1
        ? `Tumen: ${alerts[0]!.target.name} in “${alerts[0]!.article.title}”`
        : `Tumen: ${alerts.length} new matches (${names.slice(0, 3).join(', ')}${names.length > 3 ? '…' : ''})`;
  const text = alerts
    .map((a) => {
      const also = a.also_in.length ? `\n  also reported by: ${a.also_in.join(', ')}` : '';
      const snippet = a.evidence[0] ? `\n  “${a.evidence[0].snippet}”` : '';
      return `• ${a.target.name} (${a.target.type}) — ${a.article.title}\n  ${a.article.source_id}${a.article.published_at ? ` · ${a.article.published_at.slice(0, 16).replace('T', ' ')}` : ''}${a.article.url ? ` · ${a.article.url}` : ''}${snippet}${also}`;
    })
    .join('\n\n');
  const html = `<div style="font-family:system-ui,sans-serif">${alerts
    .map((a) => {
      const href = httpUrl(a.article.url);
      const title = href ? `<a href="${esc(href)}">${esc(a.article.title)}</a>` : esc(a.article.title);
      return `<p><b>${esc(a.target.name)}</b> <small>${esc(a.target.type)}</small> — ${title}<br><small>${esc(a.article.source_id)}${a.also_in.length ? ` · also ${esc(a.also_in.join(', '))}` : ''}</small>${a.evidence[0] ? `<br><i>“${esc(a.evidence[0].snippet)}”</i>` : ''}</p>`;
    })
    .join('\n')}</div>`;
  return {
    subject,
    text,
    html,
    json: {
      channel: channel.id,
      mode: channel.mode,
      alerts: alerts.map((a) => ({ id: a.id, match_id: a.match_id, target: a.target, article: a.article, evidence: a.evidence.slice(0, 3), also_in: a.also_in })),
    },
  };
}
