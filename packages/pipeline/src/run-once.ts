import type { SourceConfig } from '@tumen/core';
import { pollQueue } from './contracts/queues.ts';
import type { PipelineDeps } from './deps.ts';
import type { ExtractResult } from './handlers/extract-articles.ts';
import type { PollResult } from './handlers/poll-source.ts';
import type { Binding, JobRunner } from './runner/runner.ts';

/** The summary `tumen run --once --json` prints. */
export interface RunSummary {
  sources: { id: string; ok: boolean; error: string | null; items: number; new_articles: number }[];
  new_articles: number;
  new_matches: number;
}

export interface RunOnceOptions {
  sources: SourceConfig[];
  runner: JobRunner;
  bindings: Binding<any, any>[];
  deps: PipelineDeps;
  /** Called as each source finishes (progress display). */
  onSource?(result: PollResult, done: number, total: number): void;
}

/**
 * Polls every enabled source once and takes every new item to completion (stored,
 * extracted, matches stored), then reports what happened per source.
 */
export async function runOnce(options: RunOnceOptions): Promise<RunSummary> {
  const enabled = options.sources.filter((s) => s.enabled);
  const polls = new Map<string, PollResult>();
  let newMatches = 0;
  const tick = `once:${options.deps.now().toISOString()}`;
  await options.runner.start(options.bindings, options.deps, {
    completed(queue, _payload, result) {
      if (queue === pollQueue.name) {
        const r = result as PollResult;
        polls.set(r.sourceId, r);
        options.onSource?.(r, polls.size, enabled.length);
      } else if (queue === 'extract') {
        newMatches += (result as ExtractResult).newMatches;
      }
    },
    failed(queue, payload, error, final) {
      if (queue === pollQueue.name && final) {
        const id = (payload as { sourceId: string }).sourceId;
        const r: PollResult = { sourceId: id, outcome: 'retry', ok: false, error: error.message, items: 0, newArticles: 0, bytes: 0 };
        polls.set(id, r);
        options.onSource?.(r, polls.size, enabled.length);
      }
    },
  });
  for (const source of enabled) await options.runner.enqueue(pollQueue, { sourceId: source.id, tick });
  await options.runner.drain();
  const sources = enabled.map((s) => {
    const r = polls.get(s.id);
    return {
      id: s.id,
      ok: r?.ok ?? false,
      error: r?.ok ? null : (r?.error ?? 'the poll did not finish'),
      items: r?.items ?? 0,
      new_articles: r?.newArticles ?? 0,
    };
  });
  return { sources, new_articles: sources.reduce((n, s) => n + s.new_articles, 0), new_matches: newMatches };
}
