import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { type BornDeadActivation, type BornDeadBiasInit, type BornDeadInit, type BornDeadOptions, bornDeadProblem } from '../core/lab/born-dead';

/** What `leaky-lab born-dead` was asked to do. */
export interface BornDeadArgs {
  /** The study at the deepest depth asked for (nets of smaller depths are their first layers). */
  readonly options: BornDeadOptions;
  /** Depths (hidden layers) to report, ascending, the last one options.depth. */
  readonly depths: readonly number[];
  readonly workers: number;
  /** The CSV to write (null: only the table on stdout). */
  readonly out: string | null;
  readonly quiet: boolean;
}

/** Help for the born-dead command. */
export const BORN_DEAD_HELP = `  leaky-lab born-dead [--input-dim N] [--depth D|A-B|D,D] [--widths W,W] [--nets N] [--init I] [--bias-init B]
                     [--activation A] [--seed N] [--workers N] [--out FILE.csv] [--quiet]

The born-dead study (Lu et al. 2019, docs/lab.md): the share of freshly initialized nets that are a
constant function of their input on [-sqrt(3), sqrt(3)]^N (some hidden layer all zero there), per width
and depth, with a 95% Wilson interval. One input: exact, by the net's breakpoints; more: at a grid of
up to 1024 points (an upper estimate). Writes width,depth,nets,born_dead,ci_low,ci_high.

  --input-dim N       inputs of the nets (default 1; 1 to 64)
  --depth D           hidden layers (default 9); A-B or D,D,... for several (one pass: the shallower
                      nets are the first layers of the deepest)
  --widths W,W        hidden layer widths, one row each (default 2,3,5,10)
  --nets N            nets per width (default 20000)
  --init I            he_normal (default), torch_default, rai (Lu et al.'s randomized asymmetric init)
  --bias-init B       init (default: the initializer's own biases), zero, torch_default (U(+-1/sqrt(fan_in)))
  --activation A      relu (default), leaky_relu (slope 0.01), prelu (initial slope 0.25): never born dead
  --seed N            study seed (default 1); net i of width W depends on (seed, W, i) only
  --workers N         worker threads (default: the number of cores); same numbers for any N
  --out FILE.csv      write the table as CSV
`;

const INITS = ['he_normal', 'torch_default', 'rai'] as const;
const BIASES = ['init', 'zero', 'torch_default'] as const;
const ACTIVATIONS = ['relu', 'leaky_relu', 'prelu'] as const;

/** A whole number flag within [min, max], its default when absent, or a one-line error. */
function whole(flag: string, text: string | undefined, min: number, max: number, fallback: number): number | string {
  if (text === undefined) return fallback;
  const n = Number(text);
  return /^\d+$/.test(text) && n >= min && n <= max ? n : `--${flag} must be a whole number from ${min} to ${max}, not "${text}"`;
}

/** A comma list of whole numbers within [min, max] (for --depth also ranges A-B), ascending and distinct, or an error. */
function list(flag: string, text: string, min: number, max: number, ranges: boolean): number[] | string {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    const lo = m === null ? Number.NaN : Number(m[1]);
    const hi = m?.[2] === undefined ? lo : Number(m[2]);
    if (m === null || (!ranges && m[2] !== undefined) || lo < min || hi > max || lo > hi) {
      return `--${flag} must be ${ranges ? 'whole numbers or ranges A-B' : 'whole numbers'} from ${min} to ${max} separated by commas, not "${text}"`;
    }
    for (let v = lo; v <= hi; v++) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** One of `allowed` (the first when absent), or a one-line error as { error }. */
function choice<T extends string>(flag: string, text: string | undefined, allowed: readonly T[]): T | { error: string } {
  if (text === undefined) return allowed[0]!;
  return (allowed as readonly string[]).includes(text) ? (text as T) : { error: `--${flag} must be one of ${allowed.join(', ')}, not "${text}"` };
}

/** Parses the arguments after `born-dead`; a string is a one-line usage error. */
export function parseBornDeadArgs(argv: readonly string[]): BornDeadArgs | string {
  let parsed;
  try {
    const text = { type: 'string' } as const;
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { 'input-dim': text, depth: text, widths: text, nets: text, init: text, 'bias-init': text, activation: text, seed: text, workers: text, out: text, quiet: { type: 'boolean' } },
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(e);
    return `${msg} (see leaky-lab --help)`;
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 0) return `unexpected argument "${positionals[0]}": born-dead takes only flags (see leaky-lab --help)`;
  const inputDim = whole('input-dim', v['input-dim'], 1, 64, 1);
  const depths = v.depth === undefined ? [9] : list('depth', v.depth, 1, 1000, true);
  const widths = v.widths === undefined ? [2, 3, 5, 10] : list('widths', v.widths, 1, 4096, false);
  const nets = whole('nets', v.nets, 1, 100_000_000, 20_000);
  const init = choice('init', v.init, INITS);
  const biasInit = choice('bias-init', v['bias-init'], BIASES);
  const activation = choice('activation', v.activation, ACTIVATIONS);
  const seed = whole('seed', v.seed, 0, 0xffffffff, 1);
  const workers = whole('workers', v.workers, 1, 64, Math.max(1, availableParallelism()));
  for (const x of [inputDim, depths, widths, nets, seed, workers]) if (typeof x === 'string') return x;
  for (const x of [init, biasInit, activation]) if (typeof x === 'object') return x.error;
  if (v.out !== undefined && !/\.csv$/i.test(v.out)) return `--out must name a .csv file, not "${v.out}"`;
  const ds = depths as number[];
  const options: BornDeadOptions = {
    inputDim: inputDim as number,
    depth: ds[ds.length - 1]!,
    widths: widths as number[],
    nets: nets as number,
    init: init as BornDeadInit,
    biasInit: biasInit as BornDeadBiasInit,
    activation: activation as BornDeadActivation,
    seed: seed as number,
  };
  const problem = bornDeadProblem(options);
  if (problem !== null) return `born-dead: ${problem}`;
  return { options, depths: ds, workers: workers as number, out: v.out ?? null, quiet: v.quiet === true };
}
