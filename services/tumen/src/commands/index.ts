import type { Command } from '../command.ts';
import { matchesCommand } from './matches.ts';
import { migrateCommand } from './migrate.ts';
import { runCommand } from './run.ts';
import { sourcesCommand } from './sources.ts';
import { startCommand } from './start.ts';

/** Every CLI command, in the order `tumen --help` lists them. */
export const COMMANDS: Command[] = [startCommand, runCommand, migrateCommand, matchesCommand, sourcesCommand];
