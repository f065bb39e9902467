import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** What `leaky-lab sweep` was asked to do. */
export interface SweepArgs {
  /** The sweep file, or null with a built-in study. */
  readonly file: string | null;
  /** A built-in study's id (core/lab/studies.ts) instead of a file, or null. */
  readonly study: string | null;
  /** Results CSV, one row per run (null: none). */
  readonly out: string | null;
  /** Summary CSV, one row per cell (null: none). */
  readonly summary: string | null;
  /** Where to write the sweep with its results (null: nowhere); may be the sweep file itself. */
  readonly save: string | null;
  /** The dataset file of a sweep whose base trains on one (default: its name next to the sweep). */
  readonly data: string | null;
  readonly workers: number;
  /** With a study: seeds per cell instead of its own, or null. */
  readonly seeds: number | null;
  readonly quiet: boolean;
}

/** Help for the sweep command. */
export const SWEEP_HELP = `  leaky-lab sweep SWEEP.json [--out RESULTS.csv] [--summary SUMMARY.csv] [--save SWEEP.json] [--workers N] [--data FILE] [--quiet]
  leaky-lab sweep --study ID [--seeds N] [...the same outputs]

Runs a sweep (docs/sweep-format.md: a base session, axes to vary and seeds) on every core and writes
one row per run (the axes as columns, then the metrics) and, with --summary, one row per cell with the
mean and 95% interval of each metric; prints the verdict of each activation against ReLU. Runs the sweep
file already holds results for are not trained again (resume); Ctrl-C stops and keeps finished runs.

  --out FILE.csv      results, one row per finished run
  --summary FILE.csv  one row per cell: mean and 95% interval (bootstrap; Wilson for shares)
  --save FILE.json    the sweep with every finished run, to resume it or open it in the app's Lab
  --workers N         worker threads (default: the number of cores)
  --data FILE         the dataset file of a sweep whose base trains on a user file
  --study ID          a built-in study instead of a file: does-it-matter, collapse-abs,
                      collapse-xsin5x, cures, prelu-slopes (docs/lab.md)
  --seeds N           with --study: seeds per cell instead of the study's own (fewer: a quick look)
`;

/** Parses the arguments after `sweep`; a string is a one-line usage error. */
export function parseSweepArgs(argv: readonly string[]): SweepArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { out: { type: 'string' }, summary: { type: 'string' }, save: { type: 'string' }, data: { type: 'string' }, workers: { type: 'string' }, study: { type: 'string' }, seeds: { type: 'string' }, quiet: { type: 'boolean' } },
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(e);
    return `${msg} (see leaky-lab --help)`;
  }
  const { values, positionals } = parsed;
  const study = values.study ?? null;
  if (study !== null && positionals.length > 0) return `--study ${study} runs a built-in study: give it or a sweep file ("${positionals[0]}"), not both`;
  if (study === null && positionals.length !== 1) return positionals.length === 0 ? 'sweep needs a sweep file or --study ID: leaky-lab sweep SWEEP.json --out RESULTS.csv (docs/sweep-format.md)' : `unexpected argument "${positionals[1]}": sweep takes one sweep file`;
  let seeds: number | null = null;
  if (values.seeds !== undefined) {
    seeds = Number(values.seeds);
    if (study === null) return '--seeds goes with --study; a sweep file says its own "seeds"';
    if (!/^\d+$/.test(values.seeds) || seeds < 1 || seeds > 10_000) return `--seeds must be a whole number from 1 to 10000, not "${values.seeds}"`;
  }
  for (const flag of ['out', 'summary'] as const) {
    const path = values[flag];
    if (path !== undefined && !/\.csv$/i.test(path)) return `--${flag} must name a .csv file, not "${path}"`;
  }
  if (values.save !== undefined && !/\.json$/i.test(values.save)) return `--save must name a .json file, not "${values.save}"`;
  if (values.out === undefined && values.summary === undefined && values.save === undefined) return 'sweep writes its results with --out RESULTS.csv, --summary SUMMARY.csv or --save SWEEP.json: give at least one';
  let workers = Math.max(1, availableParallelism());
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!/^\d+$/.test(values.workers) || workers < 1 || workers > 64) return `--workers must be a whole number from 1 to 64, not "${values.workers}"`;
  }
  return { file: positionals[0] ?? null, study, seeds, out: values.out ?? null, summary: values.summary ?? null, save: values.save ?? null, data: values.data ?? null, workers, quiet: values.quiet === true };
}
