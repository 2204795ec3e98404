import type { ParsedArgs } from '../command.ts';

/** The --sources/--watchlist flags every pipeline command takes. */
export const CONFIG_FLAGS = {
  sources: { type: 'string' },
  watchlist: { type: 'string' },
  alerts: { type: 'string' },
} as const;

export const CONFIG_FLAGS_HELP = `  --sources FILE     sources file (default: $TUMEN_SOURCES, else config/sources.yaml)
  --watchlist FILE   watchlist file (default: $TUMEN_WATCHLIST, else config/watchlist.yaml)
  --alerts FILE      alert channels (default: $TUMEN_ALERTS, else config/alerts.yaml if present)`;

export function configFlags(args: ParsedArgs): { sources?: string; watchlist?: string; alerts?: string } {
  return {
    sources: args.values.sources as string | undefined,
    watchlist: args.values.watchlist as string | undefined,
    alerts: args.values.alerts as string | undefined,
  };
}
