import type { Command } from '../command.ts';
import { matchesCommand } from './matches.ts';
import { migrateCommand } from './migrate.ts';
import { runCommand } from './run.ts';
import { sourcesCommand } from './sources.ts';
import { startCommand } from './start.ts';
import { schedulerCommand } from './scheduler.ts';
import { webCommand } from './web.ts';
import { workerCommand } from './worker.ts';

/** Every CLI command, in the order `tumen --help` lists them. */
export const COMMANDS: Command[] = [startCommand, runCommand, migrateCommand, matchesCommand, sourcesCommand, workerCommand, schedulerCommand, webCommand];
