/**
 * The born-dead study (Lu et al. 2019, "Dying ReLU and Initialization", arXiv 1903.06733): the share of
 * freshly initialized nets that are born dead, against depth and width.
 *
 * Definition (Lu et al.): a network is born dead in a domain when it is a constant function of its
 * input on that domain at initialization. What is computed: the net (inputDim inputs, `depth` hidden
 * layers of `width` neurons, drawn with the engine's initializers) counts as born dead when some hidden
 * layer is all zero on the domain: every neuron's activation is 0 at every input (for ReLU: every
 * pre-activation <= 0; ReLU(0) = 0 as in PyTorch). That makes the output constant whatever the output
 * layer, so the output layer is not drawn. The converse holds with probability 1 for weights drawn
 * from continuous distributions: the first layer whose activations are all constant is all zero (a
 * neuron fed by non-constant inputs has, almost surely, a non-constant pre-activation, and its
 * activation is then constant only if it is dead), and a linear read-out of non-constant activations
 * is almost surely not constant. Leaky ReLU (slope 0.01) and PReLU (its initial slope 0.25) are computed
 * the same way and are never born dead: with a nonzero slope an activation is 0 only where its
 * pre-activation is exactly 0, so every count is 0.
 *
 * Domain: the cube [-sqrt(3), sqrt(3)]^inputDim (the support of a unit-variance uniform input). One
 * input: exact, over the whole interval, by the net's breakpoints (born-dead-interval.ts). More inputs: the points of cubeProbe (born-dead-points.ts): a grid of up to
 * 1024 points for 2 to 6 inputs, 1024 seeded uniform points beyond; a neuron alive only between
 * them counts as dead there, so those counts are upper estimates. With one point, the share is that of
 * nets dead at that input (Lu et al.'s single-point bound). `probe` replaces the domain (tests).
 */
import { wilson } from '../stats/wilson';
import { IntervalTest } from './born-dead-interval';
import { type BornDeadBiasInit, type BornDeadInit, NetSampler } from './born-dead-net';
import { cubeProbe, PointsTest, type ProbePoints } from './born-dead-points';

export type { BornDeadBiasInit, BornDeadInit } from './born-dead-net';

/** Hidden activation of the study's nets. */
export type BornDeadActivation = 'relu' | 'leaky_relu' | 'prelu';

/** Slope for z <= 0 of each activation at initialization (PyTorch's defaults: LeakyReLU 0.01, PReLU 0.25). */
export const NEGATIVE_SLOPE: Record<BornDeadActivation, number> = { relu: 0, leaky_relu: 0.01, prelu: 0.25 };

/** Half-width of the default input domain [-sqrt(3), sqrt(3)] per input (input units). */
export const DOMAIN_HALF_WIDTH = Math.sqrt(3);

/** The inputs a net is checked on: an interval of a 1-D input (exact), or a set of points. */
export type BornDeadProbe = { readonly kind: 'interval'; readonly lo: number; readonly hi: number } | { readonly kind: 'points'; readonly points: ProbePoints };

/** What the study draws and checks. */
export interface BornDeadOptions {
  /** Inputs of the nets (1 to 64). */
  readonly inputDim: number;
  /** Hidden layers (1 to 1000). */
  readonly depth: number;
  /** Hidden layer widths, one table row each (1 to 4096). */
  readonly widths: readonly number[];
  /** Nets drawn per width (1 to 100,000,000). */
  readonly nets: number;
  readonly init: BornDeadInit;
  readonly biasInit: BornDeadBiasInit;
  readonly activation: BornDeadActivation;
  /** Study seed (an integer from 0 to 2^32 - 1); net i of width w derives from (seed, w, i) only. */
  readonly seed: number;
  /** Inputs to check instead of the default domain (see the file's comment). */
  readonly probe?: BornDeadProbe;
}

/** One row of the table: nets of one width and depth, the share born dead and its 95% Wilson interval. */
export interface BornDeadRow {
  readonly width: number;
  readonly depth: number;
  readonly nets: number;
  /** Share of the nets born dead, in [0, 1]. */
  readonly bornDead: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

/** Most hidden weights one net may have (depth x width^2): the layers are held in memory with their gradients. */
export const MAX_WEIGHTS = 16_777_216;

const INITS: readonly BornDeadInit[] = ['he_normal', 'torch_default', 'rai'];
const BIASES: readonly BornDeadBiasInit[] = ['init', 'zero', 'torch_default'];
const ACTIVATIONS: readonly BornDeadActivation[] = ['relu', 'leaky_relu', 'prelu'];

const whole = (x: unknown, lo: number, hi: number) => typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;

/** Why the options cannot be run (naming the field and what it takes), or null when they can. */
export function bornDeadProblem(o: BornDeadOptions): string | null {
  if (!whole(o.inputDim, 1, 64)) return `inputDim must be a whole number from 1 to 64, not ${String(o.inputDim)}`;
  if (!whole(o.depth, 1, 1000)) return `depth must be a whole number of hidden layers from 1 to 1000, not ${String(o.depth)}`;
  if (!Array.isArray(o.widths) || o.widths.length === 0) return 'widths must list at least one hidden layer width';
  const bad = o.widths.find((w) => !whole(w, 1, 4096));
  if (bad !== undefined) return `widths: each width must be a whole number from 1 to 4096, not ${String(bad)}`;
  const widest = Math.max(...o.widths);
  if (o.depth * widest * widest > MAX_WEIGHTS) return `width ${widest} at depth ${o.depth} draws ${o.depth * widest * widest} weights per net, over the limit of ${MAX_WEIGHTS}: use fewer layers or narrower ones`;
  if (!whole(o.nets, 1, 100_000_000)) return `nets must be a whole number from 1 to 100000000, not ${String(o.nets)}`;
  if (!INITS.includes(o.init)) return `init must be one of ${INITS.join(', ')}, not ${String(o.init)}`;
  if (!BIASES.includes(o.biasInit)) return `biasInit must be one of ${BIASES.join(', ')}, not ${String(o.biasInit)}`;
  if (!ACTIVATIONS.includes(o.activation)) return `activation must be one of ${ACTIVATIONS.join(', ')}, not ${String(o.activation)}`;
  if (!whole(o.seed, 0, 0xffffffff)) return `seed must be a whole number from 0 to 4294967295, not ${String(o.seed)}`;
  const p = o.probe;
  if (p?.kind === 'interval' && !(Number.isFinite(p.lo) && Number.isFinite(p.hi) && p.lo < p.hi)) return `probe: the interval needs finite ends with lo < hi, not [${p.lo}, ${p.hi}]`;
  if (p?.kind === 'interval' && o.inputDim !== 1) return `probe: an interval is for 1 input, not ${o.inputDim}`;
  if (p?.kind === 'points' && (p.points.inputDim !== o.inputDim || p.points.count < 1 || p.points.values.length !== p.points.count * o.inputDim)) return `probe: points must be at least one row of inputDim (${o.inputDim}) numbers`;
  return null;
}

/** The inputs the options' nets are checked on: the given probe, else the default domain (exact for 1 input). */
export function bornDeadProbe(o: BornDeadOptions): BornDeadProbe {
  if (o.probe !== undefined) return o.probe;
  if (o.inputDim === 1) return { kind: 'interval', lo: -DOMAIN_HALF_WIDTH, hi: DOMAIN_HALF_WIDTH };
  return { kind: 'points', points: cubeProbe(o.inputDim, DOMAIN_HALF_WIDTH, o.seed) };
}

/**
 * For nets [from, to) of one width: deaths[l] is how many of them have hidden layer l + 1 as their first
 * all-zero layer (l < depth), so a net of depth D is born dead when that layer is at most D (nets of
 * depth D are the first D layers of the deeper nets). The counts add up across any split of the range.
 * Throws a RangeError for bad options.
 */
export function bornDeadByDepth(o: BornDeadOptions, width: number, from: number, to: number): number[] {
  const problem = bornDeadProblem({ ...o, widths: [width] });
  if (problem !== null) throw new RangeError(problem);
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to <= o.nets)) throw new RangeError(`net range [${from}, ${to}) must lie within [0, ${o.nets})`);
  const probe = bornDeadProbe(o);
  const slope = NEGATIVE_SLOPE[o.activation];
  const net = new NetSampler(o.inputDim, width, o.depth, o.init, o.biasInit);
  const interval = probe.kind === 'interval' ? new IntervalTest(width) : null;
  const points = probe.kind === 'points' ? new PointsTest(width, probe.points) : null;
  const deaths = new Array<number>(o.depth).fill(0);
  for (let i = from; i < to; i++) {
    net.start(o.seed, i);
    const layer = probe.kind === 'interval' ? interval!.firstZeroLayer(net, o.depth, probe.lo, probe.hi, slope) : points!.firstZeroLayer(net, o.depth, slope);
    if (layer > 0) deaths[layer - 1]!++;
  }
  return deaths;
}

/** How many of nets [from, to) of one width are born dead at the options' depth (the sum of bornDeadByDepth). */
export function countBornDead(o: BornDeadOptions, width: number, from: number, to: number): number {
  return bornDeadByDepth(o, width, from, to).reduce((a, b) => a + b, 0);
}

/** The row of `nets` nets of one width at `depth` (at most deaths.length), from their first-all-zero-layer counts. */
export function bornDeadRow(width: number, depth: number, nets: number, deaths: readonly number[]): BornDeadRow {
  let dead = 0;
  for (let l = 0; l < depth; l++) dead += deaths[l] ?? 0;
  const ci = wilson(dead, nets);
  return { width, depth, nets, bornDead: dead / nets, ciLow: ci.low, ciHigh: ci.high };
}

/** The study's table in one thread: one row per width at the options' depth. Throws a RangeError for bad options. */
export function bornDeadTable(o: BornDeadOptions): BornDeadRow[] {
  const problem = bornDeadProblem(o);
  if (problem !== null) throw new RangeError(problem);
  return o.widths.map((w) => bornDeadRow(w, o.depth, o.nets, bornDeadByDepth(o, w, 0, o.nets)));
}
