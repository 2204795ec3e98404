import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from '@tumen/pipeline';
import { loadConfig, type ConfigPaths, type LoadedConfig } from './config-files.ts';

/**
 * Reloads the sources and watchlist files on SIGHUP or when they change on disk. A
 * new configuration is validated and compiled completely before `apply` swaps it in,
 * so a job sees either the old watchlist or the new one, never a mix; an invalid file
 * is logged and the running configuration kept.
 */
export class ConfigReloader {
  private watchers: FSWatcher[] = [];
  private debounce?: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly paths: ConfigPaths,
    private readonly apply: (next: LoadedConfig) => Promise<void> | void,
    private readonly log: Logger,
  ) {}

  /** Reloads now; reloads never overlap (a second one waits for the first). */
  reload(reason = 'SIGHUP'): Promise<void> {
    this.chain = this.chain.then(async () => {
      try {
        const next = await loadConfig(this.paths);
        await this.apply(next);
        this.log.info({ reason, sources: next.sources.length, watchlist: next.matcher.version }, 'configuration reloaded');
      } catch (err) {
        this.log.error({ reason, err: (err as Error).message }, 'configuration not reloaded; keeping the previous one');
      }
    });
    return this.chain;
  }

  /**
   * Watches the files' folders, not the files: editors and config management replace
   * a file by renaming a new one over it, which a watch on the old inode never sees.
   */
  watch(debounceMs = 300): void {
    const files = new Map<string, Set<string>>();
    for (const path of [this.paths.sources, this.paths.watchlist, this.paths.alerts]) {
      const dir = dirname(path);
      files.set(dir, (files.get(dir) ?? new Set()).add(basename(path)));
    }
    for (const [dir, names] of files) {
      try {
        const watcher = watch(dir, (_event, name) => {
          if (name && !names.has(name.toString())) return;
          clearTimeout(this.debounce);
          this.debounce = setTimeout(() => void this.reload('file changed'), debounceMs);
        });
        watcher.on('error', (err) => this.log.warn({ dir, err: err.message }, 'cannot watch the configuration folder; SIGHUP still reloads'));
        this.watchers.push(watcher);
      } catch (err) {
        this.log.warn({ dir, err: (err as Error).message }, 'cannot watch the configuration folder; SIGHUP still reloads');
      }
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.debounce);
    for (const w of this.watchers) w.close();
    this.watchers = [];
    await this.chain;
  }
}
