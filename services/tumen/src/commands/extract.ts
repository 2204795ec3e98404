import { readFile } from 'node:fs/promises';
import { compileWatchlist, ConfigError, parseWatchlist, type ExtractedMatch, type Watchlist } from '@tumen/core';
// Not the package's index, which loads the fetcher (undici, rss-parser, iconv): 0.45 s of every `tumen extract`.
import { htmlToText, looksLikeHtml } from '@tumen/feeds/html-text';
import { UsageError, writeJson, type Command, type CommandContext } from '../command.ts';

/** What `tumen extract` prints. */
export interface ExtractOutput {
  matches: ExtractedMatch[];
}

/** Plain text as matched: HTML is turned into the text a reader sees, anything else is kept as is. */
export function inputText(raw: string): string {
  return looksLikeHtml(raw) ? htmlToText(raw) : raw;
}

/**
 * The pure core of `tumen extract`: matches `raw` (plain text or HTML) against a watchlist.
 * Evidence offsets index `documentText({ title, body: inputText(raw) })`.
 */
export function runExtract(watchlist: Watchlist, raw: string, opts: { title?: string | undefined } = {}): ExtractOutput {
  const compiled = compileWatchlist(watchlist);
  return { matches: compiled.extract({ title: opts.title, body: inputText(raw) }) };
}

/** Reads and validates a watchlist file; a missing file is a usage error naming the path. */
export async function loadWatchlistFile(file: string): Promise<Watchlist> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read the watchlist "${file}" (${(err as NodeJS.ErrnoException).code ?? 'error'}); check the path or pass --watchlist FILE.`);
  }
  return parseWatchlist(text, file);
}

/** Reads a document from a path, or from stdin when the path is "-" or absent. */
export async function readDocument(path: string | undefined): Promise<string> {
  if (path === undefined || path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read "${path}" (${(err as NodeJS.ErrnoException).code ?? 'error'}); check the path, or use "-" to read stdin.`);
  }
}

/** Prints a ConfigError as one sentence and returns exit code 2; rethrows anything else. */
export function reportConfigError(ctx: CommandContext, err: unknown): number {
  if (err instanceof ConfigError || err instanceof UsageError) {
    ctx.stderr.write(`tumen: ${err.message}\n`);
    return 2;
  }
  throw err;
}

export const extractCommand: Command = {
  name: 'extract',
  summary: 'find watchlist entities and stories in one text or HTML file',
  help: `Usage: tumen extract [--watchlist FILE] [--title TITLE] [PATH|-]

Reads plain text or HTML (turned into visible text) from PATH, or stdin when PATH
is "-" or absent, and prints one JSON object:
  {"matches":[{"id","type":"entity"|"story","name","evidence":[{"text","start","end","snippet"}]}]}
start/end are offsets into the matched text: the title, a blank line, then the body.

Options:
  --watchlist FILE   watchlist file (default: $TUMEN_WATCHLIST, else config/watchlist.yaml)
  --title TITLE      the document's title, matched along with the body`,
  options: { watchlist: { type: 'string' }, title: { type: 'string' } },
  async run(ctx, args) {
    if (args.positionals.length > 1) {
      throw new UsageError('extract takes at most one PATH; see "tumen extract --help".');
    }
    try {
      const file = (args.values.watchlist as string | undefined) ?? ctx.env.TUMEN_WATCHLIST ?? 'config/watchlist.yaml';
      const watchlist = await loadWatchlistFile(file);
      const raw = await readDocument(args.positionals[0]);
      writeJson(ctx.stdout, runExtract(watchlist, raw, { title: args.values.title as string | undefined }));
      return 0;
    } catch (err) {
      return reportConfigError(ctx, err);
    }
  },
};
