import { defaultSessionSpec, laneSpec, type LaneSpec, type SessionSpec } from '../protocol/spec';
import { SWEEP_FORMAT, SWEEP_VERSION, type Sweep } from '../protocol/sweep';

/** A built-in study: a sweep with what it reproduces and the published observation to set beside it. */
export interface Study {
  readonly id: string;
  readonly title: string;
  /** What the study asks, in a sentence. */
  readonly question: string;
  /** The published figure or observation it is compared with, and where it comes from. */
  readonly published: string;
  readonly sweep: Sweep;
}

const ACTIVATIONS = [
  { kind: 'relu' },
  { kind: 'leaky_relu', alpha: 0.01 },
  { kind: 'leaky_relu', alpha: 0.2 },
  { kind: 'prelu', alpha: 0.25, perNeuron: false },
] as const;

/** A sweep object with the format fields filled in. */
function sweep(name: string, base: SessionSpec, steps: number, seeds: number, target: number | null, axes: Sweep['axes']): Sweep {
  return { format: SWEEP_FORMAT, version: SWEEP_VERSION, name, base, steps, seeds, target, axes, results: [] };
}

/**
 * The article's question on the app's default session: ReLU against Leaky ReLU 0.01 and 0.2 and PReLU at
 * four learning rates, 10 seeds, 3,000 steps; also what the Lab builds from a session by default.
 */
export function doesItMatter(base: SessionSpec = defaultSessionSpec(), lrs: readonly number[] = [0.01, 0.03, 0.1, 0.3]): Sweep {
  const lane = base.lanes[0]!;
  return sweep('Does it matter? ReLU vs Leaky ReLU vs PReLU by learning rate', { ...base, lanes: [lane] }, 3000, 10, 0.95, [
    { axis: 'activation', values: [...ACTIVATIONS] },
    { axis: 'lr', values: [...lrs] },
  ]);
}

/**
 * Lu et al. 2019's collapse setting: a 1-D target fitted by 9 hidden layers of width 2 with He init
 * (zero biases), full batch (256 training points), Adam at 0.001, 3,000 steps; 500 seeds per cell.
 */
export function collapseStudy(target: 'abs' | 'xsin5x', seeds = 500): Sweep {
  const lane: LaneSpec = {
    ...laneSpec('ReLU', { kind: 'relu' }, 0.001),
    optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
    clipNorm: null,
    init: { kind: 'he_normal', a: 0 },
  };
  const base: SessionSpec = { seed: 1, dataset: { kind: target, samples: 320, noise: 0 }, testFraction: 0.2, hidden: Array.from({ length: 9 }, () => 2), batchSize: 256, lanes: [lane] };
  return sweep(`Collapse of deep narrow nets fitting ${target === 'abs' ? '|x|' : 'x sin 5x'}`, base, 3000, seeds, null, [
    { axis: 'activation', values: [{ kind: 'relu' }, { kind: 'leaky_relu', alpha: 0.01 }, { kind: 'prelu', alpha: 0.25, perNeuron: false }] },
    { axis: 'init', values: [{ kind: 'he_normal', a: 0 }, { kind: 'rai' }] },
  ]);
}

/** He et al. 2015's learned PReLU slopes: a deep PReLU network on Digits, per-neuron and shared α, 10 seeds. */
export function preluSlopesStudy(): Sweep {
  const lane = laneSpec('PReLU', { kind: 'prelu', alpha: 0.25, perNeuron: true }, 0.05);
  const base: SessionSpec = { seed: 1, dataset: { kind: 'bundled', name: 'digits' }, testFraction: 0.2, hidden: [64, 64, 64, 64, 64, 64, 64, 64], batchSize: 32, lanes: [lane] };
  return sweep('Learned PReLU slopes per layer (He et al. 2015)', base, 5000, 10, null, [
    { axis: 'activation', values: [{ kind: 'prelu', alpha: 0.25, perNeuron: true }, { kind: 'prelu', alpha: 0.25, perNeuron: false }] },
  ]);
}

/** The activations people reach for when ReLU neurons die, besides ReLU itself (PyTorch's defaults; Leaky ReLU also at the article's "more aggressive" 0.2). */
const CURES = [
  { kind: 'relu' },
  { kind: 'leaky_relu', alpha: 0.01 },
  { kind: 'leaky_relu', alpha: 0.2 },
  { kind: 'prelu', alpha: 0.25, perNeuron: false },
  { kind: 'rrelu', lower: 1 / 8, upper: 1 / 3 },
  { kind: 'elu', alpha: 1 },
  { kind: 'gelu', approximate: 'none' },
] as const;

/**
 * Which cure revives most, at what cost in accuracy: the bad start of the bad-initialization scenario
 * (every hidden bias 1 lower, so most second-layer ReLU neurons are born dead) on the default session
 * at lr 0.05, for ReLU and each cure, each without and with ReDo (Sokar et al. 2023: every 1,000
 * steps, tau 0.025, as the "Cures side by side" story), 10 seeds, 20,000 steps.
 */
export function curesStudy(): Sweep {
  const base = defaultSessionSpec();
  const lane: LaneSpec = { ...laneSpec('ReLU', { kind: 'relu' }, 0.05), biasShift: -1 };
  const redo = [null, { every: 1_000, tau: 0.025 }];
  return sweep('Which cure revives most, at what cost? (bad start: biases 1 lower)', { ...base, lanes: [lane] }, 20_000, 10, 0.95, [
    { axis: 'activation', values: [...CURES] },
    { axis: 'redo', values: redo },
  ]);
}

/** The built-in sweep studies (the born-dead study is not a sweep: lab/born-dead.ts). */
export function builtInStudies(): Study[] {
  return [
    {
      id: 'does-it-matter',
      title: 'Does it actually matter?',
      question: 'On the default session, does ReLU lose test accuracy against Leaky ReLU or PReLU, and at which learning rates?',
      published: 'The article: "often not much difference for typical networks"; it matters with high learning rates, small batches, deep nets and bad initialization.',
      sweep: doesItMatter(),
    },
    {
      id: 'collapse-abs',
      title: 'Collapse fitting |x| (Lu et al. 2019)',
      question: 'How often does a deep narrow network (9 layers of width 2) end as a constant function when it fits |x|?',
      published: 'Lu et al. 2019 (arXiv 1903.06733): deep narrow ReLU nets collapse to a constant with high probability; RAI initialization lowers it (docs/lab.md has their figures).',
      sweep: collapseStudy('abs'),
    },
    {
      id: 'collapse-xsin5x',
      title: 'Collapse fitting x sin 5x (Lu et al. 2019)',
      question: 'The same for the harder target x sin 5x.',
      published: 'Lu et al. 2019 (arXiv 1903.06733), their second 1-D target (docs/lab.md).',
      sweep: collapseStudy('xsin5x'),
    },
    {
      id: 'cures',
      title: 'Which cure revives most?',
      question: 'From a bad start (biases 1 lower), how many neurons stay silent under ReLU and under each cure, and what does each cost or gain in test accuracy?',
      published: 'The article: Leaky ReLU keeps a gradient for z < 0, "0.1-0.3 more aggressive"; PReLU learns the slope (He et al. 2015); RReLU draws it at random (Xu et al. 2015); ELU and GELU are smooth and never flat for z < 0.',
      sweep: curesStudy(),
    },
    {
      id: 'prelu-slopes',
      title: 'Learned PReLU slopes (He et al. 2015)',
      question: 'Which negative slopes do PReLU layers learn, layer by layer, in a deep network?',
      published: 'He et al. 2015 (arXiv 1502.01852, Table 1): early layers learn large slopes (0.6-0.7 in conv1), deeper layers much smaller ones.',
      sweep: preluSlopesStudy(),
    },
  ];
}
