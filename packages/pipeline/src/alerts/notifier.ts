import { createHmac, createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { request } from 'undici';
import type { AlertChannel } from '@tumen/core';
import type { AlertMessage } from './message.ts';

/** A delivery failed; the message says why in words the operator can act on. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

/** Sends alert messages to channels. */
export interface Notifier {
  send(channel: AlertChannel, message: AlertMessage): Promise<void>;
  close(): Promise<void>;
}

export interface NotifierOptions {
  /** Looks up a secret (webhook key, SMTP URL) by environment variable name. */
  secret(name: string): string | undefined;
  userAgent?: string;
  timeoutMs?: number;
}

/**
 * The signature a webhook receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" with the channel's secret>`. Binding the timestamp lets receivers
 * refuse replays older than a few minutes.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** SMTP options from an `smtp://` or `smtps://` URL, with our timeouts (nodemailer's own wait minutes). */
function smtpOptions(channelId: string, raw: string, timeoutMs: number) {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DeliveryError(`channel "${channelId}": the SMTP URL is not a URL; use smtp://user:password@host:587`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new DeliveryError(`channel "${channelId}": the SMTP URL must start with smtp:// or smtps://`);
  }
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // Loopback relays in tests and many internal relays have no certificate: allow plain SMTP when asked.
    ignoreTLS: url.searchParams.get('tls') === 'off',
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

/** Sends by webhook (undici, signed) and by email (nodemailer over SMTP). */
export function createNotifier(options: NotifierOptions): Notifier {
  const transports = new Map<string, Transporter>();
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function sendWebhook(channel: Extract<AlertChannel, { kind: 'webhook' }>, message: AlertMessage): Promise<void> {
    const body = JSON.stringify(message.json);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': options.userAgent ?? 'Tumen alerts',
      // Same alerts → same key, so a receiver can drop a redelivery (delivery is at least once).
      'idempotency-key': createHash('sha256').update(`${channel.id}:${message.json.alerts.map((a) => a.id).join(',')}`).digest('hex'),
    };
    if (channel.secretEnv) {
      const secret = options.secret(channel.secretEnv);
      if (!secret) throw new DeliveryError(`channel "${channel.id}": environment variable ${channel.secretEnv} (the webhook secret) is not set`);
      headers['x-tumen-signature'] = signWebhook(secret, Math.floor(Date.now() / 1000), body);
    }
    let status: number;
    try {
      const res = await request(channel.url, { method: 'POST', headers, body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) });
      status = res.statusCode;
      await res.body.dump();
    } catch (err) {
      throw new DeliveryError(`channel "${channel.id}": the webhook ${new URL(channel.url).host} could not be reached (${(err as { code?: string }).code ?? (err as Error).message})`);
    }
    if (status < 200 || status >= 300) throw new DeliveryError(`channel "${channel.id}": the webhook answered HTTP ${status}`);
  }

  async function sendEmail(channel: Extract<AlertChannel, { kind: 'email' }>, message: AlertMessage): Promise<void> {
    let transport = transports.get(channel.id);
    if (!transport) {
      const url = options.secret(channel.smtpUrlEnv);
      if (!url) throw new DeliveryError(`channel "${channel.id}": environment variable ${channel.smtpUrlEnv} (the SMTP URL) is not set`);
      transport = nodemailer.createTransport(smtpOptions(channel.id, url, timeoutMs));
      transports.set(channel.id, transport);
    }
    try {
      await transport.sendMail({ from: channel.from, to: channel.to, subject: message.subject, text: message.text, html: message.html });
    } catch (err) {
      throw new DeliveryError(`channel "${channel.id}": the SMTP server refused or could not be reached (${(err as Error).message.split('\n')[0]})`);
    }
  }

  return {
    send: (channel, message) => (channel.kind === 'webhook' ? sendWebhook(channel, message) : sendEmail(channel, message)),
    async close() {
      for (const t of transports.values()) t.close();
      transports.clear();
    },
  };
}
