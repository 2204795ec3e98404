import pino from 'pino';
import type { Logger } from '@tumen/pipeline';

/** A pino logger writing JSON lines to stderr (stdout stays for command output). */
export function createLogger(level: string): Logger & pino.Logger {
  return pino({ level, base: { app: 'tumen' } }, pino.destination(2));
}
