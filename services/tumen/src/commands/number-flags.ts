import { UsageError } from '../command.ts';

/** A positive whole-number flag, or undefined when absent; anything else is a UsageError. */
export function parsePositiveInt(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number, not "${String(value)}".`);
  return n;
}

/** A TCP port flag (0 picks a free one), or undefined when absent. */
export function parsePort(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number from 0 to 65535, not "${String(value)}".`);
  return n;
}
