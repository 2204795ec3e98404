import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What every command receives: its arguments and where to write. Env is read only by main.ts. */
export interface CommandContext {
  /** Arguments after the command name. */
  argv: string[];
  /** Parsed environment (see env.ts). */
  env: import('./env.ts').TumenEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** True when stderr is a terminal: show progress there. */
  interactive: boolean;
}

/** One CLI command. `name` may have two words ("watchlist check"). */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text, printed by `--help`. Starts with the usage line. */
  help: string;
  options?: ParseArgsConfig['options'];
  /** Returns the exit code: 0 ok, 1 failure, 2 invalid usage or configuration. */
  run(ctx: CommandContext, args: ParsedArgs): Promise<number>;
}

/**
 * A command's `run` kept in a module of its own, loaded only when the command runs: the
 * commands that run the pipeline load Postgres, Redis, PGlite and the web server (1.6 s
 * here), which `tumen --help`, `extract` and `watchlist` never need.
 */
export function runIn(load: () => Promise<{ run: Command['run'] }>): Command['run'] {
  return async (ctx, args) => (await load()).run(ctx, args);
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** A problem with how the command was called; printed as one sentence, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses a command's arguments with node's parseArgs, turning its errors into UsageError. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    throw new UsageError(`${(err as Error).message.replace(/\.$/, '')}; see "tumen ${command.name} --help".`);
  }
}

/** Writes a JSON document followed by a newline. */
export function writeJson(out: NodeJS.WritableStream, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}
