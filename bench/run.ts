/**
 * Runs one of the benchmarks: `pnpm bench <extract|pipeline> [options]`.
 * Each prints Markdown tables to paste into BENCHMARKS.md and progress on stderr.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HELP = `Usage: pnpm bench <name> [options]

  extract [--quick]   extraction engine: build time, memory and MB/s at 100 to 100k
                      aliases against RegExp-per-alias, npm ahocorasick and a floor
                      (about 5 minutes; --quick stops at 10k aliases)
  pipeline [--feeds N] [--items N] [--workers 1,2] [--scheduler-sources N] [--scheduler-seconds S]
                      end-to-end articles/s on a local feed farm, embedded and distributed,
                      and the scheduler's CPU at 10,000 sources (needs Postgres and Redis)
  compare OLD_CHECKOUT [en,ko,ru | -] [--builds N] [--rounds N] [--allow-different]
                      two versions of the extraction engine in one process, interleaved:
                      output checked identical, then build ms and MB/s old vs new (check
                      the old commit out beside this one: see bench/extract/compare.ts)
  linearity [--rounds N]
                      MB/s of one text of 1 to 20 MB against the articles it is made of,
                      at 100k aliases (under a minute)

Results go to stdout as Markdown; record them in BENCHMARKS.md.
`;

const SCRIPTS: Record<string, { file: string; node: string[] }> = {
  // --expose-gc: retained memory is measured after forced collections.
  extract: { file: 'extract.ts', node: ['--expose-gc', '--import', 'tsx'] },
  pipeline: { file: 'pipeline/run.ts', node: ['--import', 'tsx'] },
  compare: { file: 'extract/compare.ts', node: ['--import', 'tsx'] },
  linearity: { file: 'extract/linearity.ts', node: ['--import', 'tsx'] },
};

const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  process.stdout.write(HELP);
  process.exit(name ? 0 : 2);
}
const script = SCRIPTS[name];
if (!script) {
  process.stderr.write(`There is no benchmark called "${name}": run \`pnpm bench --help\` to see extract, pipeline, compare and linearity.\n`);
  process.exit(2);
}
const file = fileURLToPath(new URL(script.file, import.meta.url));
const result = spawnSync(process.execPath, [...script.node, file, ...rest], { stdio: 'inherit' });
process.exit(result.status ?? 1);
