import { parseArgs } from 'node:util';
import { TORCH_DIFFERENCES } from '../core/protocol/torch-differences';
import { BORN_DEAD_HELP, type BornDeadArgs, parseBornDeadArgs } from './born-dead-args';
import { parseReportArgs, REPORT_HELP, type ReportArgs } from './report-args';
import { EXPORT_TORCH_HELP, type ExportTorchArgs, parseExportTorchArgs } from './export-torch-args';
import { parseStoriesArgs, STORIES_HELP, type StoriesArgs } from './stories-args';
import { parseSweepArgs, SWEEP_HELP, type SweepArgs } from './sweep-args';

/** What the command line asked for, before the spec is built. */
export interface RunArgs {
  readonly experiment: string | null;
  readonly steps: number | null;
  readonly out: string | null;
  readonly save: string | null;
  /** Where to write the engine's metric history as CSV (the app's "Export metrics CSV"), or null. */
  readonly history: string | null;
  /** Replay an experiment file from step 0 and compare with its saved fingerprints instead of training. */
  readonly verify: boolean;
  readonly dataset: string;
  readonly target: string | null;
  readonly task: 'classification' | 'regression' | null;
  readonly missing: 'drop' | 'mean' | null;
  /** Where an experiment's dataset file is, when not next to the experiment. */
  readonly data: string | null;
  readonly layers: string | null;
  readonly activations: readonly string[];
  readonly lr: string | null;
  readonly batch: string | null;
  readonly seed: string | null;
  readonly momentum: string | null;
  readonly dampening: string | null;
  readonly nesterov: boolean;
  readonly optimizer: string | null;
  readonly weightDecay: string | null;
  readonly init: string | null;
  readonly biasShift: string | null;
  readonly clip: string | null;
  readonly redo: string | null;
  readonly tau: string | null;
  /** A PyTorch state_dict (.pt, .pth) or .npz every lane starts from, or null. */
  readonly startWeights: string | null;
  readonly schedule: string | null;
  readonly samples: string | null;
  readonly noise: string | null;
  readonly quiet: boolean;
}

/** The parsed command: help, a run, or a one-line usage error. */
export type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; args: RunArgs } | { kind: 'stories'; args: StoriesArgs } | { kind: 'sweep'; args: SweepArgs } | { kind: 'born-dead'; args: BornDeadArgs } | { kind: 'report'; args: ReportArgs } | { kind: 'export-torch'; args: ExportTorchArgs } | { kind: 'error'; message: string };

/** Help text for `leaky-lab --help`: every command and flag. */
export const HELP = `Usage:
  leaky-lab run EXPERIMENT.json [--steps N] [--out FILE.csv|FILE.json] [--history FILE.csv] [--save EXPERIMENT.json]
                [--data DATASET_FILE] [--quiet]
  leaky-lab run EXPERIMENT.json --verify
  leaky-lab run [--dataset moons|FILE.csv] [--target COLUMN] [--task T] [--missing M] [--layers 16,16] [--activation relu --activation leaky_relu:0.01 ...]
                [--lr X] [--optimizer sgd] [--momentum M] [--dampening D] [--nesterov] [--weight-decay W]
                [--schedule S] [--clip C]
                [--init I] [--bias-shift B] [--start-weights MODEL.pt|MODEL.npz] [--redo K:TAU] [--tau T]
                [--batch N] [--seed N] [--steps N] [--save EXPERIMENT.json]
                [--out FILE.csv|FILE.json] [--history FILE.csv] [--quiet]

Trains headless on the same engine as the app and prints a summary table per lane (final loss,
accuracy, dead % per layer, neurons died and revived). Same experiment, same numbers as the app.

${STORIES_HELP}
${SWEEP_HELP}
${BORN_DEAD_HELP}
${REPORT_HELP}
${EXPORT_TORCH_HELP}
Options:
  EXPERIMENT.json     an experiment file saved by the app or by --save
  --steps N           train to step N (default: the experiment's, else 2000); an experiment saved
                      with its state (by the app, or by --save) continues from it instead of
                      replaying from step 0
  --out FILE          write per-step metrics of the steps trained: .csv (one row per step and lane) or .json
  --history FILE.csv  write the engine's metric history (every 10 steps, thinned on long runs): the
                      same file as the app's "Export metrics CSV" for the same experiment
  --save FILE         after training, save the experiment with its weights, history and state, so
                      that \`run FILE\` reopens it at once and \`--steps\` continues it
  --verify            replay the experiment from step 0 to its saved step and compare every lane's
                      weights with the saved fingerprints (exit 1 when one differs)
  --data FILE         the dataset file of an experiment that refers to one it does not embed
                      (default: the file's name next to the experiment; its content hash is checked)
  --dataset NAME      built-in: moons (default), circles, spiral, xor, blobs, checkerboard,
                      hypercube (100 features, 10 classes: the article's nn.Linear(100, 50) task); 1-D
                      regression: sine, abs, xsin5x; real: iris, wine, breast_cancer, digits;
                      or a file: .csv, .tsv, .txt (comma, tab or semicolon separated) or .json
  --samples N         rows the generator makes (default 1000)
  --noise X           Gaussian noise std of the generator, input units (default per dataset)
  --target COLUMN     target column of a dataset file (default: the last column)
  --task T            classification or regression (default: inferred from the target column)
  --missing M         rows with missing values: drop (default) or mean (fill with the column mean)
  --layers W,W,...    hidden layer widths (default 16,16)
  --activation A      one lane per flag (1 to 4): relu, leaky_relu[:ALPHA] (0.01), prelu[:ALPHA] (0.25,
                      one shared α per layer as nn.PReLU()), prelu[:ALPHA]:per-neuron (one α per neuron,
                      nn.PReLU(num_parameters=width)), rrelu[:LOWER:UPPER] (0.125:0.333), elu[:ALPHA] (1),
                      selu, gelu[:tanh], silu, softplus[:BETA] (1), tanh, sigmoid, identity; PyTorch's
                      defaults in brackets (default: two lanes, relu and leaky_relu:0.01)
  --lr X              learning rate for every lane (default 0.3; 0.05 for real and file datasets)
  --optimizer NAME    sgd (default), adam, adamw, rmsprop; torch.optim's update rules and defaults,
                      except where listed below
  --momentum M        momentum of sgd (default 0.9, not torch's 0) and rmsprop (default 0, torch's)
  --dampening D       dampening of sgd's momentum (default 0, torch's)
  --nesterov          Nesterov momentum for sgd; refused, as torch.optim.SGD refuses it, with
                      --momentum 0 or a dampening
  --weight-decay W    L2 (sgd, adam, rmsprop) or decoupled (adamw) weight decay on weights and biases,
                      never on PReLU α (default 0, AdamW's too)
  --schedule S        constant (default), step:STEPS:GAMMA, cosine:TMAX[:ETA_MIN]
  --clip C            clip the gradient norm to C (default 1; "none": no clipping)
  --init I            torch_default (default), he_normal[:A], he_uniform[:A], xavier_normal,
                      xavier_uniform, lecun_normal, rai (Lu et al. 2019)
  --bias-shift B      add B to every hidden bias after init (negative: the bad-initialization scenario)
  --start-weights F   every lane starts from a PyTorch MLP's weights instead of --init: a state_dict
                      saved with torch.save (.pt, .pth) or an .npz of its tensors; the hidden layers
                      are the file's (--layers, if given, must agree); the activation is each lane's
                      own (a state_dict does not say which sat between the Linear layers)
  --redo K:TAU        ReDo (Sokar et al. 2023) in every lane: every K steps (K >= 1) recycle the neurons
                      whose dormant score is <= TAU (0 to 1): incoming weights re-drawn from --init,
                      outgoing weights 0, their optimizer state reset (per-lane: an experiment file)
  --tau T             dormant threshold of every lane's dormant % (0 to 1; default 0.025, Sokar et
                      al.'s; 0 counts only neurons that output 0 on every probe row)
  --batch N           batch size (default 16)
  --seed N            seed for data, split, initial weights and batch order (default 7)
  --quiet             no progress output
  -h, --help          this help
  -v, --version       the version

PyTorch's defaults, and where we differ on purpose (docs/pytorch-differences.md):
  Activations take PyTorch's default parameters (PReLU: one shared α of 0.25 per layer, as nn.PReLU());
  initialization is nn.Linear's; Adam and AdamW use betas 0.9, 0.999 and eps 1e-8, RMSprop alpha 0.99,
  eps 1e-8 and momentum 0, as torch.optim. The deliberate differences:
${TORCH_DIFFERENCES.map((d) => wrap(`- ${d.topic}: ${d.ours}. PyTorch: ${d.torch}. Why: ${d.why}.`)).join('\n')}
`;

/** Wraps one help paragraph at 100 columns, indented by 2 (continuation lines by 4). */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '  ';
  for (const word of text.split(' ')) {
    if (line.trim() !== '' && line.length + 1 + word.length > 100) {
      lines.push(line);
      line = '    ';
    }
    line += (line.trim() === '' ? '' : ' ') + word;
  }
  return [...lines, line].join('\n');
}

/** Rewrites "--lr -1" as "--lr=-1": parseArgs would read -1 as a flag and call the option ambiguous. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (a.startsWith('--') && !a.includes('=') && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Parses argv (without node and the script); never throws. */
export function parseCommandLine(argv: readonly string[]): Parsed {
  if (argv[0] === 'born-dead') {
    const args = parseBornDeadArgs(argv.slice(1));
    return typeof args === 'string' ? { kind: 'error', message: args } : { kind: 'born-dead', args };
  }
  if (argv[0] === 'export-torch') {
    const args = parseExportTorchArgs(argv.slice(1));
    return typeof args === 'string' ? { kind: 'error', message: args } : { kind: 'export-torch', args };
  }
  if (argv[0] === 'sweep') {
    const args = parseSweepArgs(argv.slice(1));
    return typeof args === 'string' ? { kind: 'error', message: args } : { kind: 'sweep', args };
  }
  if (argv[0] === 'report') {
    const args = parseReportArgs(argv.slice(1));
    return typeof args === 'string' ? { kind: 'error', message: args } : { kind: 'report', args };
  }
  if (argv[0] === 'stories') {
    const args = parseStoriesArgs(argv.slice(1));
    return typeof args === 'string' ? { kind: 'error', message: args } : { kind: 'stories', args };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        steps: { type: 'string' },
        out: { type: 'string' },
        save: { type: 'string' },
        history: { type: 'string' },
        verify: { type: 'boolean' },
        dataset: { type: 'string' },
        target: { type: 'string' },
        task: { type: 'string' },
        missing: { type: 'string' },
        data: { type: 'string' },
        layers: { type: 'string' },
        activation: { type: 'string', multiple: true },
        lr: { type: 'string' },
        momentum: { type: 'string' },
        dampening: { type: 'string' },
        nesterov: { type: 'boolean' },
        optimizer: { type: 'string' },
        'weight-decay': { type: 'string' },
        init: { type: 'string' },
        'bias-shift': { type: 'string' },
        clip: { type: 'string' },
        redo: { type: 'string' },
        tau: { type: 'string' },
        'start-weights': { type: 'string' },
        schedule: { type: 'string' },
        samples: { type: 'string' },
        noise: { type: 'string' },
        batch: { type: 'string' },
        seed: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    // parseArgs messages are long; keep the first sentence and point to --help.
    const msg = e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(e);
    return { kind: 'error', message: `${msg} (see leaky-lab --help)` };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  const [command, experiment, ...extra] = positionals;
  if (command === undefined) return { kind: 'help' };
  if (command !== 'run') return { kind: 'error', message: `unknown command "${command}": the commands are "run", "stories", "sweep", "born-dead", "report" and "export-torch" (see leaky-lab --help)` };
  if (extra.length > 0) return { kind: 'error', message: `unexpected argument "${extra[0]}": run takes at most one experiment file` };
  let steps: number | null = null;
  if (values.steps !== undefined) {
    steps = Number(values.steps);
    if (!/^\d+$/.test(values.steps) || !Number.isSafeInteger(steps) || steps < 1 || steps > 100_000_000) {
      return { kind: 'error', message: `--steps must be a whole number from 1 to 100000000, not "${values.steps}"` };
    }
  }
  if (values.out !== undefined && !/\.(csv|json)$/i.test(values.out)) {
    return { kind: 'error', message: `--out must name a .csv or .json file, not "${values.out}"` };
  }
  if (values.history !== undefined && !/\.csv$/i.test(values.history)) {
    return { kind: 'error', message: `--history must name a .csv file, not "${values.history}"` };
  }
  if (values.verify === true && experiment === undefined) {
    return { kind: 'error', message: '--verify checks a saved experiment: give its file (leaky-lab run EXPERIMENT.json --verify)' };
  }
  if (values.verify === true && (values.steps !== undefined || values.out !== undefined || values.save !== undefined || values.history !== undefined)) {
    return { kind: 'error', message: '--verify only replays and compares: it takes no --steps, --out, --history or --save' };
  }
  if (values.task !== undefined && values.task !== 'classification' && values.task !== 'regression') {
    return { kind: 'error', message: `--task must be classification or regression, not "${values.task}"` };
  }
  if (values.missing !== undefined && values.missing !== 'drop' && values.missing !== 'mean') {
    return { kind: 'error', message: `--missing must be drop or mean, not "${values.missing}"` };
  }
  if (values.data !== undefined && experiment === undefined) {
    return { kind: 'error', message: '--data names the dataset file of an experiment; without one, use --dataset FILE' };
  }
  const flagsForSpec = ['dataset', 'target', 'task', 'missing', 'layers', 'activation', 'lr', 'momentum', 'dampening', 'nesterov', 'optimizer', 'weight-decay', 'init', 'bias-shift', 'clip', 'redo', 'tau', 'start-weights', 'schedule', 'samples', 'noise', 'batch', 'seed'] as const;
  const used = flagsForSpec.filter((f) => values[f] !== undefined);
  if (experiment !== undefined && used.length > 0) {
    return { kind: 'error', message: `--${used[0]} builds a spec, but an experiment file was given: use one or the other` };
  }
  return {
    kind: 'run',
    args: {
      experiment: experiment ?? null,
      steps,
      out: values.out ?? null,
      save: values.save ?? null,
      history: values.history ?? null,
      verify: values.verify === true,
      dataset: values.dataset ?? 'moons',
      target: values.target ?? null,
      task: (values.task as RunArgs['task']) ?? null,
      missing: (values.missing as RunArgs['missing']) ?? null,
      data: values.data ?? null,
      layers: values.layers ?? null,
      activations: values.activation ?? [],
      lr: values.lr ?? null,
      batch: values.batch ?? null,
      seed: values.seed ?? null,
      momentum: values.momentum ?? null,
      dampening: values.dampening ?? null,
      nesterov: values.nesterov === true,
      optimizer: values.optimizer ?? null,
      weightDecay: values['weight-decay'] ?? null,
      init: values.init ?? null,
      biasShift: values['bias-shift'] ?? null,
      clip: values.clip ?? null,
      redo: values.redo ?? null,
      tau: values.tau ?? null,
      startWeights: values['start-weights'] ?? null,
      schedule: values.schedule ?? null,
      samples: values.samples ?? null,
      noise: values.noise ?? null,
      quiet: values.quiet === true,
    },
  };
}
