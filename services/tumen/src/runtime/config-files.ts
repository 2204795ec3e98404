import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import {
  ConfigError,
  compileWatchlist,
  parseAlerts,
  parseSources,
  parseWatchlist,
  type AlertChannel,
  type CompiledWatchlist,
  type SourceConfig,
} from '@tumen/core';

const REPO_CONFIG = fileURLToPath(new URL('../../../../config/', import.meta.url));

/** Where the configuration files are: flag, then env, then the repo's `config/`. */
export interface ConfigPaths {
  sources: string;
  watchlist: string;
  /** Alert channels; optional: the default file may be absent (no alerts). */
  alerts: string;
  /** True when the alerts file was named explicitly, so its absence is an error. */
  alertsRequired: boolean;
}

export function configPaths(
  flags: { sources?: string; watchlist?: string; alerts?: string },
  env: { TUMEN_SOURCES?: string; TUMEN_WATCHLIST?: string; TUMEN_ALERTS?: string },
): ConfigPaths {
  const alerts = flags.alerts ?? env.TUMEN_ALERTS;
  return {
    sources: resolve(flags.sources ?? env.TUMEN_SOURCES ?? `${REPO_CONFIG}sources.yaml`),
    watchlist: resolve(flags.watchlist ?? env.TUMEN_WATCHLIST ?? `${REPO_CONFIG}watchlist.yaml`),
    alerts: resolve(alerts ?? `${REPO_CONFIG}alerts.yaml`),
    alertsRequired: alerts !== undefined,
  };
}

/** The loaded, validated configuration. */
export interface LoadedConfig {
  sources: SourceConfig[];
  sourceMap: ReadonlyMap<string, SourceConfig>;
  matcher: CompiledWatchlist;
  alerts: AlertChannel[];
}

/** Reads and validates both files; a problem is a ConfigError naming file, line and field. */
export async function loadConfig(paths: ConfigPaths): Promise<LoadedConfig> {
  const sources = parseSources(await readConfigFile(paths.sources), paths.sources);
  const matcher = compileWatchlist(parseWatchlist(await readConfigFile(paths.watchlist), paths.watchlist));
  const alerts = paths.alertsRequired || (await exists(paths.alerts)) ? parseAlerts(await readConfigFile(paths.alerts), paths.alerts) : [];
  return { sources, sourceMap: new Map(sources.map((s) => [s.id, s])), matcher, alerts };
}

async function readConfigFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT' ? `${path}: the file does not exist; create it or point to another with a flag or env variable.` : `${path}: the file cannot be read (${code}).`,
      path,
    );
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
