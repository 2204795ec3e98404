import { getArticles, insertMatches, markExtracted, type NewMatch } from '@tumen/db';
import type { ExtractPayload } from '../contracts/queues.ts';
import type { PipelineDeps } from '../deps.ts';

export interface ExtractResult {
  articles: number;
  newMatches: number;
  /** The rows actually inserted: the only ones alerts may be built from. */
  inserted: { id: number; article_id: number; target_id: string }[];
}

/**
 * Matches a batch of articles against the current watchlist and stores the matches,
 * in one transaction with marking the articles extracted. Replaying it stores nothing
 * twice and reports no match as new twice.
 */
export async function handleExtract(payload: ExtractPayload, deps: PipelineDeps): Promise<ExtractResult> {
  const { matcher } = deps.config();
  const articles = (await getArticles(deps.db, payload.articleIds)).filter((a) => a.extracted_at === null);
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
  const inserted = await deps.db.transaction(async (tx) => {
    const ins = await insertMatches(tx, rows);
    await markExtracted(
      tx,
      articles.map((a) => a.id),
      matcher.version,
    );
    return ins;
  });
  deps.log.debug({ articles: articles.length, newMatches: inserted.length }, 'extracted');
  return { articles: articles.length, newMatches: inserted.length, inserted };
}
