import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from '@tumen/pipeline';

/**
 * A pino logger on stderr (stdout stays for command output): JSON lines for log
 * collectors, or readable coloured lines when stderr is a terminal (a person watching
 * `tumen start`).
 */
export function createLogger(level: string): Logger & pino.Logger {
  const destination = process.stderr.isTTY
    ? pretty({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'app,pid,hostname', singleLine: true })
    : pino.destination(2);
  return pino({ level, base: { app: 'tumen' } }, destination);
}
