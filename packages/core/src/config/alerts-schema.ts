import { z } from 'zod';
import { parseDuration } from '../duration.ts';
import { parseYamlConfig } from './parse-yaml-config.ts';
import { checkUniqueIds } from './unique-ids.ts';

/** Where alerts go, and when. Secrets are named by environment variable, never written in the file. */
export type AlertChannel =
  | (AlertChannelBase & { kind: 'webhook'; url: string; secretEnv?: string | undefined })
  | (AlertChannelBase & { kind: 'email'; to: string[]; from: string; smtpUrlEnv: string });

interface AlertChannelBase {
  id: string;
  /** instant: one message per extraction batch; digest: one message every `everyMs`. */
  mode: 'instant' | 'digest';
  everyMs: number;
  /** Only these entity/story ids (empty: all). */
  targets: string[];
  /** Only targets carrying one of these tags (empty: all). */
  tags: string[];
}

const base = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens'),
  mode: z.enum(['instant', 'digest']).default('instant'),
  every: z.string().default('1h'),
  targets: z.array(z.string().min(1)).default([]),
  tags: z.array(z.string().min(1)).default([]),
};
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be the name of an environment variable, like TUMEN_SMTP_URL');

const channelSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ ...base, kind: z.literal('webhook'), url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }), secret_env: envName.optional() }),
    z.strictObject({
      ...base,
      kind: z.literal('email'),
      to: z.array(z.email()).min(1, 'needs at least one address'),
      from: z.string().min(3),
      smtp_url_env: envName.default('TUMEN_SMTP_URL'),
    }),
  ])
  .transform((c, ctx): AlertChannel => {
    const everyMs = parseDuration(c.every);
    if (everyMs === undefined || everyMs < 60_000) {
      ctx.addIssue({ code: 'custom', path: ['every'], message: `"${c.every}" is not an interval of at least 1m, like "15m" or "1h"` });
      return z.NEVER;
    }
    const common = { id: c.id, mode: c.mode, everyMs, targets: c.targets, tags: c.tags };
    return c.kind === 'webhook'
      ? { ...common, kind: 'webhook', url: c.url, secretEnv: c.secret_env }
      : { ...common, kind: 'email', to: c.to, from: c.from, smtpUrlEnv: c.smtp_url_env };
  });

export const alertsFileSchema = z
  .strictObject({ channels: z.array(channelSchema).default([]) })
  .superRefine((file, ctx) => checkUniqueIds(ctx, [['channels', file.channels]]));

/** Parses and validates alerts YAML; throws a ConfigError naming file, line and field. */
export function parseAlerts(text: string, file = 'alerts.yaml'): AlertChannel[] {
  return parseYamlConfig(text, file, alertsFileSchema).channels;
}

/** Whether a channel wants alerts about a target with these tags. */
export function channelAccepts(channel: AlertChannel, targetId: string, targetTags: readonly string[]): boolean {
  if (channel.targets.length && !channel.targets.includes(targetId)) return false;
  if (channel.tags.length && !channel.tags.some((t) => targetTags.includes(t))) return false;
  return true;
}
