import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The modules `tumen` loads before any command runs: main.ts and what it imports
 * statically (not `import type`, not `import()`), followed through relative paths. The
 * commands that run the pipeline keep their `run` in a module under `commands/impl/`, loaded by
 * runIn() when they run, so that `tumen --help`, `extract` and `watchlist` start in
 * about 1 s rather than 2 (measured with /usr/bin/time).
 */
function staticImports(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (files.includes(file)) continue;
    files.push(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^']+)';/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('tumen start-up', () => {
  const { files, packages } = staticImports(main);

  it('reaches every command descriptor', () => {
    expect(files.some((f) => f.endsWith('commands/start.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('commands/extract.ts'))).toBe(true);
  });

  it('loads no database, queue, web server or fetcher before a command runs', () => {
    const heavy = [...packages].filter((p) => /^(@tumen\/(pipeline|db|web)|@tumen\/feeds$|bullmq|ioredis|pg|@electric-sql|fastify|undici|rss-parser)/.test(p));
    expect(heavy).toEqual([]);
    expect(files.filter((f) => f.includes('/runtime/'))).toEqual([]);
  });
});
