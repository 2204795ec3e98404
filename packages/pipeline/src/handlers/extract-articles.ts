import { channelAccepts } from '@tumen/core';
import { findNearDuplicateCandidates, getArticles, insertAlerts, insertMatches, markExtracted, type ExtractedArticle, type NewMatch } from '@tumen/db';
import { deliverQueue, type ExtractPayload } from '../contracts/queues.ts';
import type { PipelineDeps } from '../deps.ts';
import { fingerprint, sameStory } from './fingerprint.ts';

export interface ExtractResult {
  articles: number;
  newMatches: number;
  /** The rows actually inserted: the only ones alerts may be built from. */
  inserted: { id: number; article_id: number; target_id: string }[];
}

/**
 * Matches a batch of articles against the current watchlist, assigns each to its
 * near-duplicate cluster, and stores the matches in one transaction with marking the
 * articles extracted. Replaying it stores nothing twice and reports no match as new twice.
 */
export async function handleExtract(payload: ExtractPayload, deps: PipelineDeps): Promise<ExtractResult> {
  const { matcher, alerts: channels } = deps.config();
  const articles = (await getArticles(deps.db, payload.articleIds)).filter((a) => a.extracted_at === null && a.fetch_state !== 'pending');
  if (articles.length === 0) return { articles: 0, newMatches: 0, inserted: [] };
  const entityTypes = new Map(matcher.watchlist.entities.map((e) => [e.id, e.type]));
  const rows: NewMatch[] = [];
  for (const article of articles) {
    for (const match of matcher.extract({ title: article.title, body: article.body })) {
      rows.push({
        articleId: article.id,
        targetId: match.id,
        targetType: match.type === 'story' ? 'story' : (entityTypes.get(match.id) ?? 'other'),
        targetName: match.name,
        evidence: match.evidence.slice(0, 20),
      });
    }
  }
  const clustered = await assignClusters(deps, articles);
  const tags = targetTags(matcher.watchlist);
  const { inserted, alerts } = await deps.db.transaction(async (tx) => {
    const ins = await insertMatches(tx, rows);
    await markExtracted(tx, clustered, matcher.version);
    // The outbox rows commit with the matches: an alert is never lost in between.
    const wanted = ins.flatMap((m) =>
      channels.filter((c) => channelAccepts(c, m.target_id, tags.get(m.target_id) ?? [])).map((c) => ({ matchId: m.id, channelId: c.id })),
    );
    return { inserted: ins, alerts: await insertAlerts(tx, wanted) };
  });
  for (const channel of channels) {
    if (channel.mode !== 'instant') continue;
    const ids = alerts.filter((a) => a.channel_id === channel.id).map((a) => a.id);
    if (ids.length) await deps.enqueue(deliverQueue, { channelId: channel.id, alertIds: ids.sort((a, b) => a - b).slice(0, 1000) });
  }
  deps.log.debug({ articles: articles.length, newMatches: inserted.length, alerts: alerts.length }, 'extracted');
  return { articles: articles.length, newMatches: inserted.length, inserted };
}

function targetTags(watchlist: { entities: { id: string; tags: string[] }[]; stories: { id: string; tags: string[] }[] }): Map<string, string[]> {
  return new Map([...watchlist.entities, ...watchlist.stories].map((t) => [t.id, t.tags]));
}

/**
 * Each article joins the cluster of the earliest near-duplicate already stored (LSH
 * candidates, confirmed by estimated Jaccard), or of an earlier one in this batch,
 * else starts its own. Two batches racing on the same story may start two clusters;
 * the next reprint joins the earlier one.
 */
async function assignClusters(deps: PipelineDeps, articles: { id: number; body: string; title: string }[]): Promise<ExtractedArticle[]> {
  const prints = articles.map((a) => ({ id: a.id, print: fingerprint(a.body.length > 200 ? a.body : `${a.title}\n${a.body}`) }));
  const candidates = await findNearDuplicateCandidates(
    deps.db,
    prints.flatMap((p) => (p.print ? [{ articleId: p.id, ...p.print }] : [])),
  );
  const out: ExtractedArticle[] = [];
  for (const { id, print } of prints) {
    let clusterId: number | undefined;
    if (print) {
      clusterId = candidates.find((c) => c.newId === id && sameStory(c.minhash, print.minhash))?.clusterId;
      clusterId ??= out.find((o) => o.minhash !== null && o.id < id && sameStory(o.minhash, print.minhash))?.clusterId;
    }
    out.push({ id, minhash: print?.minhash ?? null, lsh: print?.lsh ?? null, clusterId: clusterId ?? id });
  }
  return out;
}
