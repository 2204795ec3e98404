import type { Command } from '../command.ts';
import { extractCommand } from './extract.ts';
import { matchesCommand } from './matches.ts';
import { migrateCommand } from './migrate.ts';
import { runCommand } from './run.ts';
import { schedulerCommand } from './scheduler.ts';
import { sourcesCommand } from './sources.ts';
import { startCommand } from './start.ts';
import { watchlistCheckCommand, watchlistExplainCommand } from './watchlist.ts';
import { webCommand } from './web.ts';
import { workerCommand } from './worker.ts';

/** Every CLI command, in the order `tumen --help` lists them. */
export const COMMANDS: Command[] = [
  startCommand,
  runCommand,
  workerCommand,
  schedulerCommand,
  webCommand,
  migrateCommand,
  matchesCommand,
  sourcesCommand,
  extractCommand,
  watchlistCheckCommand,
  watchlistExplainCommand,
];
