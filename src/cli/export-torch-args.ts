import { parseArgs } from 'node:util';
import { MAX_EXPORT_STEPS } from '../core/export/torch-plan';

/** What `leaky-lab export-torch` was asked to write. */
export interface ExportTorchArgs {
  readonly experiment: string;
  /** The script's path (.py); a side-car .npz goes next to it when the arrays are big. */
  readonly out: string;
  /** Steps to replay (null: the file's, or 1,000 when it has none). */
  readonly steps: number | null;
  /** Where the experiment's dataset file is, when it neither embeds it nor has it next to it. */
  readonly data: string | null;
}

/** Help for the export-torch command. */
export const EXPORT_TORCH_HELP = `  leaky-lab export-torch EXPERIMENT.json -o run.py [--steps N] [--data DATASET_FILE]

Writes one self-contained Python script (torch and numpy only) that rebuilds every lane as
nn.Sequential with the exact initial weights, training rows and batch order the app uses, trains it
with the matching torch.optim optimizer, scheduler and clipping, replays the recorded events, and
prints per-step loss and dead % per layer. \`python3 run.py --check metrics.csv\` compares it with the
app's metrics (\`leaky-lab run EXPERIMENT.json --out metrics.csv\`, or the app's metrics CSV).

  -o, --out FILE.py   the script to write (arrays over 4 MB go to FILE.npz beside it)
  --steps N           steps to replay (default: the experiment's, else 1000; at most ${MAX_EXPORT_STEPS})
  --data FILE         the dataset file of an experiment that refers to one it does not embed
`;

/** Parses the arguments after `export-torch`; a string is a one-line usage error. */
export function parseExportTorchArgs(argv: readonly string[]): ExportTorchArgs | string {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { out: { type: 'string', short: 'o' }, steps: { type: 'string' }, data: { type: 'string' } } });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(e);
    return `${msg} (see leaky-lab --help)`;
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) return 'export-torch needs an experiment file: leaky-lab export-torch EXPERIMENT.json -o run.py';
  if (positionals.length > 1) return `unexpected argument "${positionals[1]}": export-torch takes one experiment file`;
  if (values.out === undefined) return 'export-torch needs the script to write: -o run.py';
  if (!/\.py$/i.test(values.out)) return `-o must name a .py file, not "${values.out}"`;
  let steps: number | null = null;
  if (values.steps !== undefined) {
    steps = Number(values.steps);
    if (!/^\d+$/.test(values.steps) || !Number.isSafeInteger(steps) || steps < 1 || steps > MAX_EXPORT_STEPS) return `--steps must be a whole number from 1 to ${MAX_EXPORT_STEPS}, not "${values.steps}"`;
  }
  return { experiment: positionals[0]!, out: values.out, steps, data: values.data ?? null };
}
