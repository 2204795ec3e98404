import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  TUMEN_DATA_DIR: z.string().min(1).default('./data'),
  TUMEN_HOST: z.string().min(1).default('127.0.0.1'),
  TUMEN_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  TUMEN_SOURCES: z.string().min(1).optional(),
  TUMEN_WATCHLIST: z.string().min(1).optional(),
  TUMEN_ALERTS: z.string().min(1).optional(),
  TUMEN_FETCH_ALLOW: z.string().default(''),
  TUMEN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TUMEN_QUEUE_PREFIX: z.string().min(1).default('tumen'),
  // Politeness delay between two requests to one host:port (lower it only for hosts you own).
  TUMEN_FETCH_HOST_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  // How long a dead worker's jobs stay locked before another worker takes them over.
  TUMEN_JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
});

/**
 * The environment Tumen reads, parsed once at start. `secret` reads the variables that
 * configuration files name for secrets (webhook keys, SMTP URLs), which are not
 * written in the files themselves.
 */
export type TumenEnv = z.infer<typeof envSchema> & { secret(name: string): string | undefined };

/** Parses the process environment; throws one readable sentence on a bad value. */
export function parseEnv(env: NodeJS.ProcessEnv): TumenEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) {
    const snapshot = { ...cleaned };
    return { ...result.data, secret: (name: string) => snapshot[name] };
  }
  const issue = result.error.issues[0]!;
  throw new Error(`Environment variable ${String(issue.path[0])} is invalid: ${issue.message}.`);
}
