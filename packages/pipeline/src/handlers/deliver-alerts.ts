import { markAlertsSent, recordAlertFailure, unsentAlerts } from '@tumen/db';
import { buildAlertMessage } from '../alerts/message.ts';
import type { DeliverPayload } from '../contracts/queues.ts';
import type { PipelineDeps } from '../deps.ts';

export interface DeliverResult {
  channelId: string;
  sent: number;
}

/**
 * Sends a channel's unsent alerts (the given ones, or all of them for a digest or a
 * sweep) as one message, then marks them sent. Alerts already marked are skipped, so
 * a replayed job sends nothing twice; a crash between sending and marking sends once
 * more (at least once), with the same Idempotency-Key for webhook receivers.
 */
export async function handleDeliver(payload: DeliverPayload, deps: PipelineDeps): Promise<DeliverResult> {
  const channel = deps.config().alerts.find((c) => c.id === payload.channelId);
  if (!channel) {
    deps.log.warn({ channelId: payload.channelId }, 'alert channel no longer configured; alerts kept unsent');
    return { channelId: payload.channelId, sent: 0 };
  }
  const alerts = await unsentAlerts(deps.db, channel.id, payload.alertIds);
  if (alerts.length === 0) return { channelId: channel.id, sent: 0 };
  const ids = alerts.map((a) => a.id);
  try {
    await deps.notifier.send(channel, buildAlertMessage(channel, alerts));
  } catch (err) {
    await recordAlertFailure(deps.db, ids, (err as Error).message);
    throw err;
  }
  await markAlertsSent(deps.db, ids);
  deps.log.info({ channelId: channel.id, alerts: ids.length }, 'alerts sent');
  return { channelId: channel.id, sent: ids.length };
}
