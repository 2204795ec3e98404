import type { Db } from '@tumen/db';
import { pollQueue } from './contracts/queues.ts';
import type { Enqueue, Logger } from './deps.ts';

export interface SchedulerOptions {
  db: Db;
  enqueue: Enqueue;
  log: Logger;
  now(): Date;
  /** How often to look for due sources. */
  tickMs?: number;
}

/**
 * Queues a poll for every enabled source whose next check is due. The job id carries
 * the source's stored `next_check_at`, so several schedulers reading the same row
 * queue the same job id, and the queue keeps only one.
 */
export class Scheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly options: SchedulerOptions) {}

  /** Looks once for due sources and queues them; returns how many were queued. */
  async tick(): Promise<number> {
    const { rows } = await this.options.db.query<{ id: string; next_check_at: Date | null }>(
      `SELECT id, next_check_at FROM sources
        WHERE enabled AND (next_check_at IS NULL OR next_check_at <= $1)
        ORDER BY next_check_at NULLS FIRST, id`,
      [this.options.now()],
    );
    for (const row of rows) {
      await this.options.enqueue(pollQueue, {
        sourceId: row.id,
        tick: row.next_check_at ? row.next_check_at.toISOString() : 'first',
      });
    }
    return rows.length;
  }

  start(): void {
    const loop = async (): Promise<void> => {
      this.running = this.tick().catch((err: Error) => {
        // A database hiccup must not stop scheduling; the next tick tries again.
        this.options.log.error({ err: err.message }, 'scheduler tick failed; retrying');
        return 0;
      });
      await this.running;
      this.timer = setTimeout(loop, this.options.tickMs ?? 1000);
    };
    void loop();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    clearTimeout(this.timer);
  }
}
