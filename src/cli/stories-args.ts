import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** What `leaky-lab stories` was asked to verify. */
export interface StoriesArgs {
  /** Seeds 1..seeds per story. */
  readonly seeds: number;
  /** Steps per seed (null: each story's own horizon, at most). */
  readonly horizon: number | null;
  /** Worker threads running seeds in parallel. */
  readonly workers: number;
  /** Built-in story ids to run (empty: all), or experiment files with claims. */
  readonly only: readonly string[];
  readonly files: readonly string[];
  /** Where to write every verdict as JSON (null: nowhere). */
  readonly json: string | null;
  /** Share of seeds a story must hold for, [0, 1] (1 with --strict). */
  readonly bar: number;
  readonly quiet: boolean;
}

/** Help for the stories command. */
export const STORIES_HELP = `  leaky-lab stories [STORY.json ...] [--seeds N] [--horizon STEPS] [--only ID,ID] [--workers N] [--json FILE] [--strict] [--quiet]

Runs every story (the default session and each scenario, or the experiment files given, with their
"claims") on the real engine for seeds 1..N up to its horizon, on every core, and prints one row per
claim: how many seeds it held for and the first failing seed and step. Exits with 1 when a story holds
for fewer than 90% of the seeds (18 of 20).

  --seeds N           seeds per story (default 20)
  --horizon STEPS     steps per seed (default: each story's own, 1,000,000 for the default session)
  --only ID,ID        only these built-in stories: default, high-lr, bad-init, deep-narrow,
                      small-batch, revival, prelu, real-digits, article, alpha, cures
  --workers N         worker threads (default: the number of cores)
  --json FILE         also write every verdict as JSON (scripts/record-stories.mjs turns it into docs)
  --strict            exit with 1 when any claim fails for any seed
`;

const whole = (name: string, text: string | undefined, min: number, max: number, fallback: number): number | string => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) return `--${name} must be a whole number from ${min} to ${max}, not "${text}"`;
  return n;
};

/** Parses the arguments after `stories`; a string is a one-line usage error. */
export function parseStoriesArgs(argv: readonly string[]): StoriesArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { seeds: { type: 'string' }, horizon: { type: 'string' }, workers: { type: 'string' }, only: { type: 'string' }, json: { type: 'string' }, strict: { type: 'boolean' }, quiet: { type: 'boolean' } },
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(e);
    return `${msg} (see leaky-lab --help)`;
  }
  const { values, positionals } = parsed;
  const seeds = whole('seeds', values.seeds, 1, 1000, 20);
  const horizon = whole('horizon', values.horizon, 1, 100_000_000, 0);
  const workers = whole('workers', values.workers, 1, 64, Math.max(1, availableParallelism()));
  for (const r of [seeds, horizon, workers]) if (typeof r === 'string') return r;
  if (values.json !== undefined && !/\.json$/i.test(values.json)) return `--json must name a .json file, not "${values.json}"`;
  return {
    seeds: seeds as number,
    horizon: values.horizon === undefined ? null : (horizon as number),
    workers: workers as number,
    only: values.only === undefined ? [] : values.only.split(',').map((s) => s.trim()).filter((s) => s !== ''),
    files: positionals,
    json: values.json ?? null,
    bar: values.strict === true ? 1 : 0.9,
    quiet: values.quiet === true,
  };
}
