import type { AlertChannel } from '@tumen/core';
import { channelsWithStaleAlerts, claimDigestSlot, type Db } from '@tumen/db';
import { deliverQueue } from '../contracts/queues.ts';
import type { Enqueue } from '../deps.ts';

/** Instant alerts still unsent after this long lost their job (a crash after commit): send them. */
export const STALE_ALERT_MS = 120_000;

/**
 * Queues what no extraction job will: a digest per channel and period (each period
 * claimed once in the database, however many schedulers run), and instant alerts
 * whose delivery job was lost. Returns how many deliver jobs it queued.
 */
export async function sweepAlerts(db: Db, enqueue: Enqueue, channels: readonly AlertChannel[], now: Date): Promise<number> {
  let queued = 0;
  for (const channel of channels) {
    if (channel.mode !== 'digest') continue;
    const slot = Math.floor(now.getTime() / channel.everyMs);
    if (await claimDigestSlot(db, channel.id, slot)) {
      await enqueue(deliverQueue, { channelId: channel.id, slot: `digest-${slot}` });
      queued++;
    }
  }
  const instant = new Set(channels.filter((c) => c.mode === 'instant').map((c) => c.id));
  for (const stale of await channelsWithStaleAlerts(db, new Date(now.getTime() - STALE_ALERT_MS))) {
    if (!instant.has(stale.channel_id)) continue;
    await enqueue(deliverQueue, { channelId: stale.channel_id, slot: `sweep-${stale.first_id}-${stale.n}` });
    queued++;
  }
  return queued;
}
