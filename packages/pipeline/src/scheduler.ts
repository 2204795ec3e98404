import type { AlertChannel, SourceConfig } from '@tumen/core';
import { sweepAlerts } from './alerts/sweep.ts';
import type { Db } from '@tumen/db';
import { pollQueue } from './contracts/queues.ts';
import type { Enqueue, Logger } from './deps.ts';

export interface SchedulerOptions {
  db: Db;
  enqueue: Enqueue;
  log: Logger;
  now(): Date;
  /** The configured sources (for each one's interval, which bounds its lease). */
  sources?: () => ReadonlyMap<string, SourceConfig>;
  /** How often to look for due sources. */
  tickMs?: number;
  /**
   * Spread: each source is due up to this much after its stored next check, by a fixed
   * offset derived from its id, so sources with the same interval do not all fall due
   * in the same second, and every scheduler process agrees on it. Default 10 s.
   */
  jitterMs?: number;
  /** At most this many sources are claimed per database round trip. */
  batch?: number;
  /** Lease for a source whose interval is unknown (not in `sources`). */
  defaultLeaseMs?: number;
  /** Alert channels: each tick also queues due digests and lost instant alerts. */
  alertChannels?: () => readonly AlertChannel[];
  /** Called after each tick with how many polls it queued (metrics). */
  onTick?(queued: number, ms: number): void;
}

/**
 * Queues a poll for every enabled source whose next check is due, safely with any
 * number of schedulers on one database. Each due source is *claimed* in a transaction
 * (`FOR UPDATE SKIP LOCKED`, then `next_check_at` moved one interval ahead as a lease),
 * so two schedulers never queue the same source twice in an interval. The poll records
 * the real next check when it runs; if the poll is lost (a crash before it was queued),
 * the lease expires and the source is polled again one interval later. The job id
 * carries the claimed slot, so a repeated enqueue of the same claim is dropped too.
 */
export class Scheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {}

  /** Claims every due source and queues its poll; returns how many were queued. */
  async tick(): Promise<number> {
    const started = performance.now();
    const batch = this.options.batch ?? 500;
    let queued = 0;
    for (;;) {
      const claimed = await this.claim(batch);
      for (const c of claimed) {
        await this.options.enqueue(pollQueue, { sourceId: c.id, tick: c.slot });
      }
      queued += claimed.length;
      if (claimed.length < batch || this.stopped) break;
    }
    const channels = this.options.alertChannels?.() ?? [];
    if (channels.length) await sweepAlerts(this.options.db, this.options.enqueue, channels, this.options.now());
    this.options.onTick?.(queued, performance.now() - started);
    return queued;
  }

  /** One transaction: lock up to `limit` due sources no other scheduler holds, and lease them. */
  private claim(limit: number): Promise<{ id: string; slot: string }[]> {
    const now = this.options.now();
    const jitterMs = this.options.jitterMs ?? 10_000;
    return this.options.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; next_check_at: Date | null }>(
        `SELECT id, next_check_at FROM sources
          WHERE enabled
            AND (next_check_at IS NULL
                 OR next_check_at + ((hashtext(id) & 1023) * $2::float8 / 1024) * interval '1 millisecond' <= $1)
          ORDER BY next_check_at NULLS FIRST, id
          LIMIT $3
          FOR UPDATE SKIP LOCKED`,
        [now, jitterMs, limit],
      );
      if (rows.length === 0) return [];
      const sources = this.options.sources?.();
      const fallback = this.options.defaultLeaseMs ?? 15 * 60_000;
      const leases = rows.map((r) => sources?.get(r.id)?.everyMs ?? fallback);
      await tx.query(
        `UPDATE sources s SET next_check_at = $1::timestamptz + c.lease_ms * interval '1 millisecond'
           FROM unnest($2::text[], $3::float8[]) AS c(id, lease_ms)
          WHERE s.id = c.id`,
        [now, rows.map((r) => r.id), leases],
      );
      return rows.map((r) => ({ id: r.id, slot: r.next_check_at ? r.next_check_at.toISOString() : `new@${now.toISOString()}` }));
    });
  }

  /** Ticks every `tickMs` until {@link stop}; a failing tick is logged and retried. */
  start(): void {
    this.stopped = false;
    const loop = async (): Promise<void> => {
      this.running = this.tick().catch((err: Error) => {
        // A database or Redis hiccup must not stop scheduling; the next tick tries again.
        this.options.log.error({ err: err.message }, 'scheduler tick failed; retrying');
        return 0;
      });
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, this.options.tickMs ?? 1000);
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    clearTimeout(this.timer);
  }
}
