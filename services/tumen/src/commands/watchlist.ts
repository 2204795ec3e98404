import { aliasWarnings, compileWatchlist, explainMatch, watchlistStats, type AliasWarning, type ClauseTrace, type Evidence, type Explanation, type Watchlist } from '@tumen/core';
import { UsageError, writeJson, type Command } from '../command.ts';
import { inputText, loadWatchlistFile, readDocument, reportConfigError } from './extract.ts';

/** Counts for `tumen watchlist check`. */
export interface WatchlistSummary {
  entities: number;
  stories: number;
  aliases: number;
  /** Exclude phrases (matches of their entity inside them are dropped). */
  excludes: number;
  /** Spellings in the compiled automaton, generated variants included. */
  spellings: number;
  version: string;
  /** Valid aliases likely to match ordinary words, and exclude phrases that can never apply (see aliasWarnings). */
  warnings: AliasWarning[];
}

/** Summarizes a validated watchlist (compiles it, so query problems surface here too). */
export function summarizeWatchlist(watchlist: Watchlist): WatchlistSummary {
  const compiled = compileWatchlist(watchlist);
  return {
    entities: watchlist.entities.length,
    stories: watchlist.stories.length,
    aliases: watchlist.entities.reduce((n, e) => n + 1 + e.aliases.length, 0),
    excludes: watchlist.entities.reduce((n, e) => n + (e.exclude?.length ?? 0), 0),
    spellings: watchlistStats(compiled)?.keys ?? 0,
    version: compiled.version,
    warnings: aliasWarnings(watchlist),
  };
}

export const watchlistCheckCommand: Command = {
  name: 'watchlist check',
  summary: 'validate a watchlist file and print its counts',
  help: `Usage: tumen watchlist check [--json] [FILE]

Validates the watchlist (default: $TUMEN_WATCHLIST, else config/watchlist.yaml):
schema, unique ids, story query syntax and @entity references. Prints counts,
and a warning for each alias likely to match ordinary words or exclude phrase
that can never apply (exit 0); exits 2 naming the file, line and field of the
first problem.

Options:
  --json   print the counts as JSON`,
  options: { json: { type: 'boolean' } },
  async run(ctx, args) {
    if (args.positionals.length > 1) throw new UsageError('watchlist check takes one FILE; see "tumen watchlist check --help".');
    try {
      const file = args.positionals[0] ?? ctx.env.TUMEN_WATCHLIST ?? 'config/watchlist.yaml';
      const summary = summarizeWatchlist(await loadWatchlistFile(file));
      if (args.values.json) writeJson(ctx.stdout, { file, ...summary });
      else {
        ctx.stdout.write(
          `${file}: ok, ${summary.entities} entities (${summary.aliases} names and aliases${summary.excludes ? `, ${summary.excludes} exclude phrases` : ''}, ${summary.spellings} spellings with variants), ${summary.stories} stories; version ${summary.version}\n`,
        );
        for (const w of summary.warnings) ctx.stdout.write(`warning: entity ${w.entity}: ${w.message}.\n`);
      }
      return 0;
    } catch (err) {
      return reportConfigError(ctx, err);
    }
  },
};

/** Renders an explanation as indented plain text. */
export function formatExplanation(x: Explanation): string {
  const lines: string[] = [];
  const ev = (e: Evidence): string => `"${e.text}" at ${e.start}-${e.end}: ${e.snippet}`;
  if (x.kind === 'entity') {
    lines.push(`entity ${x.id} (${x.name}): ${x.matched ? 'MATCHED' : 'not matched'}`);
    lines.push('spellings searched:');
    for (const f of x.forms) {
      const shown = f.variants.slice(0, 12).join(' | ');
      lines.push(`  ${f.form} -> ${shown}${f.variants.length > 12 ? ` | … (${f.variants.length} in all)` : ''}`);
    }
    if (x.hits.length) lines.push('matched:');
    for (const h of x.hits) lines.push(`  via "${h.variant}" (from "${h.form}", ${h.rule}): ${ev(h.evidence)}`);
    if (x.rejected.length) lines.push('rejected candidates:');
    for (const r of x.rejected) lines.push(`  "${r.variant}" (from "${r.form}") ${r.reason}: ${ev(r.evidence)}`);
    if (x.suppressed.length) lines.push('inside a longer match of the same entity:');
    for (const s of x.suppressed) lines.push(`  "${s.variant}": ${ev(s.evidence)}`);
    if (x.excluded.length) lines.push('inside a phrase the watchlist excludes for this entity:');
    for (const s of x.excluded) lines.push(`  "${s.variant}" (in "${s.exclude}"): ${ev(s.evidence)}`);
    if (!x.matched && !x.rejected.length && !x.excluded.length) lines.push('no spelling of this entity occurs in the text.');
  } else {
    lines.push(`story ${x.id} (${x.name}): ${x.matched ? 'MATCHED' : 'not matched'}`);
    lines.push(`query: ${x.query}`);
    lines.push('clauses:');
    const walk = (c: ClauseTrace, depth: number): void => {
      const pad = '  '.repeat(depth + 1);
      const hits = c.hits.length ? `: ${[...new Set(c.hits.map((h) => `"${h.start}-${h.end}"`))].slice(0, 6).join(', ')}` : '';
      lines.push(`${pad}[${c.matched ? 'yes' : 'no '}] ${c.clause}${c.children.length ? '' : hits}`);
      for (const child of c.children) walk(child, depth + 1);
    };
    walk(x.clauses, 0);
    if (x.evidence.length) lines.push('evidence:');
    for (const e of x.evidence) lines.push(`  ${ev(e)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const watchlistExplainCommand: Command = {
  name: 'watchlist explain',
  summary: 'show why a story or entity matched a text, or did not',
  help: `Usage: tumen watchlist explain [--title TITLE] [--json] FILE ID [PATH|-]

Matches the text at PATH (stdin when "-" or absent; HTML is turned into text)
against the watchlist FILE and shows, for the entity or story ID, every spelling
searched, each hit and the variant that produced it, candidates the boundary rules
rejected and why, and for a story each clause of its query with its hits.

Options:
  --title TITLE   the document's title, matched along with the body
  --json          print the explanation as JSON`,
  options: { title: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, args) {
    const [file, id, path, ...extra] = args.positionals;
    if (!file || !id || extra.length) {
      throw new UsageError('watchlist explain needs FILE and ID, then optionally PATH; see "tumen watchlist explain --help".');
    }
    try {
      const watchlist = await loadWatchlistFile(file);
      const raw = await readDocument(path);
      const x = explainMatch(watchlist, id, { title: args.values.title as string | undefined, body: inputText(raw) });
      if (!x) throw new UsageError(`"${id}" is neither an entity nor a story id in ${file}; run "tumen watchlist check ${file}" to list counts.`);
      if (args.values.json) writeJson(ctx.stdout, x);
      else ctx.stdout.write(formatExplanation(x));
      return 0;
    } catch (err) {
      return reportConfigError(ctx, err);
    }
  },
};
