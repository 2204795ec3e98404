#!/usr/bin/env node
/**
 * The tumen CLI. The only place that reads the environment and process arguments;
 * everything below gets them as parsed, typed values.
 */
import { ConfigError } from '@tumen/core';
import { parseCommandArgs, UsageError, type Command } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { parseEnv } from './env.ts';

const USAGE = `Usage: tumen <command> [options]

Tumen polls news feeds and pages, finds the people, organizations, places and
stories on your watchlist, and keeps the matches for review.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(20)} ${c.summary}`).join('\n')}

Run "tumen <command> --help" for a command's options.
Environment: DATABASE_URL, REDIS_URL, TUMEN_DATA_DIR, TUMEN_HOST, TUMEN_PORT,
TUMEN_SOURCES, TUMEN_WATCHLIST, TUMEN_FETCH_ALLOW, TUMEN_LOG_LEVEL (see README).
`;

/** Finds the command named by the first one or two words of argv. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const two = `${argv[0]} ${argv[1]}`;
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : undefined;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length) {
      process.stderr.write(`"tumen ${argv[0]}" needs a subcommand: ${group.map((c) => c.name).join(', ')}.\n`);
    } else {
      process.stderr.write(`Unknown command "${argv[0]}"; run "tumen --help" to see the commands.\n`);
    }
    return 2;
  }
  const { command, rest } = found;
  try {
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      process.stdout.write(`${command.help}\n`);
      return 0;
    }
    const env = parseEnv(process.env);
    return await command.run(
      { argv: rest, env, stdout: process.stdout, stderr: process.stderr, interactive: Boolean(process.stderr.isTTY) },
      args,
    );
  } catch (err) {
    return reportError(err);
  }
}

/** One plain sentence on stderr; the stack only with TUMEN_DEBUG=1. */
function reportError(err: unknown): number {
  const error = err instanceof Error ? err : new Error(String(err));
  const message = error.message.trim() || error.name;
  process.stderr.write(`tumen: ${message}${/[.!?]$/.test(message) ? '' : '.'}\n`);
  if (process.env.TUMEN_DEBUG === '1' && error.stack) process.stderr.write(`${error.stack}\n`);
  return err instanceof ConfigError || err instanceof UsageError ? 2 : 1;
}

process.exitCode = await main(process.argv.slice(2));
// Wait for stdout to flush, then make sure no stray handle keeps a finished command alive.
process.stdout.write('', () => process.exit(process.exitCode));
