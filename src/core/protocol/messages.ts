import * as v from 'valibot';
import type { ActivationSpec } from '../nn/activation';
import { DatasetPayloadSchema } from './dataset-payload';
import { type Experiment, type ExperimentEvent, ExperimentSchema } from './experiment';
import type { HistoryDelta } from './history';
import { ActivationSchema, LIMITS, LaneSpecSchema, RedoSchema, type RedoSpec, SessionSpecSchema, type SessionSpec, type TableOptions } from './spec';

/** Version of the command/snapshot protocol; bumped on any incompatible change. */
export const PROTOCOL_VERSION = 1;

const laneIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3));
/**
 * A request id the sender chooses for a command that can fail or rebuild the session; the engine echoes
 * it as `request` in the error or the 'ready' that answers it, so a reply is never matched by timing.
 */
const requestId = v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64)));

/** Schema of every command the UI (or CLI) may send to the engine. */
export const CommandSchema = v.variant('type', [
  // data: a user file's rows, required when spec.dataset is a 'file' other than the open one.
  v.strictObject({ type: v.literal('init'), id: requestId, spec: SessionSpecSchema, data: v.optional(DatasetPayloadSchema) }),
  v.strictObject({ type: v.literal('play') }),
  v.strictObject({ type: v.literal('pause') }),
  v.strictObject({ type: v.literal('step'), count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)) }),
  v.strictObject({ type: v.literal('reset') }),
  v.strictObject({ type: v.literal('set-activation'), id: requestId, lane: laneIndex, activation: ActivationSchema }),
  v.strictObject({ type: v.literal('set-lr'), id: requestId, lane: laneIndex, lr: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100)) }),
  // ReDo on (every K steps, threshold tau) or off (null) from the next step on, and the lane's dormant threshold tau (0 to 1).
  v.strictObject({ type: v.literal('set-redo'), id: requestId, lane: laneIndex, redo: v.nullable(RedoSchema), tau: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)) }),
  v.strictObject({ type: v.literal('ack'), seq: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  // null: as fast as possible; otherwise a steady rate (below 1 is slow motion).
  v.strictObject({ type: v.literal('set-speed'), stepsPerSecond: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0.1), v.maxValue(1_000_000))) }),
  v.strictObject({ type: v.literal('set-snapshot-rate'), perSecond: v.pipe(v.number(), v.finite(), v.minValue(1), v.maxValue(120)) }),
  v.strictObject({ type: v.literal('reseed'), id: requestId, seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)) }),
  // Rebuilds the session as it was at a checkpoint's step; what came after is dropped (a branch).
  // With a lane: only that lane goes back to the checkpoint and trains on from there (the others keep going).
  v.strictObject({ type: v.literal('rewind'), id: requestId, step: v.pipe(v.number(), v.integer(), v.minValue(0)), lane: v.optional(laneIndex) }),
  // A new lane, trained from step 0 as if it had always been there (the others keep their exact state).
  v.strictObject({ type: v.literal('add-lane'), id: requestId, lane: LaneSpecSchema }),
  v.strictObject({ type: v.literal('remove-lane'), id: requestId, lane: laneIndex }),
  // Rewinds a diverged lane to its last checkpoint before the divergence with its learning rate halved (a recorded lane rewind).
  v.strictObject({ type: v.literal('recover'), id: requestId, lane: laneIndex }),
  // Chooses the neuron whose histogram and response snapshots carry (neuron: index into the concatenated hidden layers); null stops.
  v.strictObject({ type: v.literal('inspect'), target: v.nullable(v.strictObject({ lane: laneIndex, neuron: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(LIMITS.maxWidth * LIMITS.maxHiddenLayers)) })) }),
  // Replies with an 'experiment' message: the spec and every change since the last reset, a user file's
  // rows (unless too big), and on request the weights and the metric history.
  // states: also the state checkpoints (so the file reopens at once and continues with the same bits).
  v.strictObject({ type: v.literal('export'), weights: v.optional(v.boolean()), history: v.optional(v.boolean()), states: v.optional(v.boolean()) }),
  // Replays the session from step 0 to the current step in the background and answers with 'verified':
  // whether every lane's fingerprint matches (training goes on meanwhile; progress comes as 'progress').
  v.strictObject({ type: v.literal('verify'), id: requestId }),
  // The next snapshot carries the whole history and event list (a consumer that lost track, or a new one).
  v.strictObject({ type: v.literal('resync') }),
  // Rebuilds the session from an experiment and replays it to its step count (same numbers as when saved);
  // data: the rows of the file the experiment names, when it does not embed them.
  v.strictObject({ type: v.literal('load'), id: requestId, experiment: ExperimentSchema, data: v.optional(DatasetPayloadSchema) }),
]);

/** A command to the engine. */
export type Command = v.InferOutput<typeof CommandSchema>;

/** A lane's scalar metrics at one step: what the charts, the CLI table and metric files show. */
export interface LaneMetrics {
  readonly name: string;
  /** Optimizer steps taken by this lane. */
  readonly step: number;
  /** Mean cross-entropy (nats) of the last training batch; for regression its mean squared error (target units squared). */
  readonly loss: number;
  /** The score on the probe rows: accuracy in [0, 1] for classification, R^2 for regression (at most 1, NaN for a constant target). */
  readonly trainScore: number;
  /** The same score on the test rows; NaN when there are none (an empty test split: not measured, never 0). */
  readonly testScore: number;
  /** Mean loss on the test rows at the last probe (same units as loss); NaN before a probe or without test rows. */
  readonly testLoss: number;
  readonly activation: ActivationSpec;
  readonly lr: number;
  /** Null while training is healthy; otherwise what went non-finite, when, and with which rate. */
  readonly diverged: Divergence | null;
  /**
   * Per hidden layer: percentage of dead neurons, [0, 100]: inactive under an activation with zero
   * gradient for z < 0 (ReLU). Always 0 under Leaky ReLU, PReLU and the others, whose inactive neurons still learn.
   */
  readonly deadPercent: readonly number[];
  /** Per hidden layer: percentage of inactive neurons (no probe row gives z > 0), whatever the activation, [0, 100]. */
  readonly inactivePercent: readonly number[];
  /** Per hidden layer: the article's zero fraction, share of probe activations exactly 0, [0, 1]. */
  readonly zeroFraction: readonly number[];
  /** Per hidden layer: percentage of tau-dormant neurons (Sokar et al.'s score <= tau, stats/dormant.ts), [0, 100]; NaN before a probe. */
  readonly dormantPercent: readonly number[];
  /** The lane's dormant threshold tau (dimensionless score). */
  readonly tau: number;
  /** ReDo's settings in force (every K steps, threshold tau), or null when off. */
  readonly redo: RedoSpec | null;
  /** Revivals (a dead or inactive neuron firing again) and deaths (going inactive under ReLU) since the lane started. */
  readonly revivals: number;
  readonly deaths: number;
  /** The revivals that happened under an activation passing gradient for z < 0 (a cure); the rest were momentum or upstream drift. */
  readonly revivalsByCure: number;
  /** Neurons dead at step 0 (inactive for every probe input under the lane's initial ReLU); 0 for other initial activations. */
  readonly bornDead: number;
  /** 2-norm of the last step's gradients before clipping (gradient units); NaN before the first step. */
  readonly gradNorm: number;
  /** % of the neurons inactive at the lane's last hot-swap that have fired since; NaN without a swap (or none inactive then). */
  readonly revivedSinceSwap: number;
  /** Largest minus smallest negative slope f'(z < 0) over the hidden neurons (slope units): how far PReLU's learned alphas spread; 0 for fixed slopes. */
  readonly slopeSpread: number;
}

/** Why a lane stopped: which quantity went non-finite, at which step, the rate in force and the gradient norm of the step before. */
export interface Divergence {
  readonly step: number;
  readonly quantity: 'loss' | 'weights';
  readonly lr: number;
  /** Gradient 2-norm of the last finite step (before clipping); NaN when the lane never took a step. */
  readonly gradNorm: number;
  /** The same as a sentence. */
  readonly reason: string;
}

/** Per-lane contents of a snapshot: the metrics plus per-neuron arrays (transferred, not copied). */
export interface LaneSnapshot extends LaneMetrics {
  /** Per hidden neuron (layers concatenated): activity rate, fraction of probe rows with z > 0. */
  readonly activity: Float32Array<ArrayBuffer>;
  /** Per hidden neuron: 1 when inactive (activity rate exactly 0 on the probe set). */
  readonly inactive: Uint8Array<ArrayBuffer>;
  /** Per hidden neuron: 1 when dead (inactive under an activation with zero gradient for z < 0); never set under Leaky ReLU or PReLU. */
  readonly dead: Uint8Array<ArrayBuffer>;
  /** Per hidden neuron: what brought it back the last time (NEURON_EVENT: 1 momentum or upstream drift, 2 a cure), or -1. */
  readonly lastRevivalKind: Int8Array<ArrayBuffer>;
  /** Per hidden neuron: step of its most recent revival, or -1. */
  readonly lastRevived: Int32Array<ArrayBuffer>;
  /** Per hidden neuron: step of its most recent death, or -1 (born-dead neurons: the first probe step). */
  readonly lastDied: Int32Array<ArrayBuffer>;
  /**
   * The most recent deaths and revivals (up to RECENT_NEURON_EVENTS), oldest first, as (neuron, step,
   * kind) triples: neuron indexes the concatenated hidden layers, kind a NEURON_EVENT (0 went inactive,
   * 1 revived by drift, 2 revived under a cure).
   */
  readonly neuronEvents: Int32Array<ArrayBuffer>;
  /** Per hidden neuron: the negative slope f'(z < 0) now in force (PReLU: the learned alpha). */
  readonly slopes: Float32Array<ArrayBuffer>;
  /** Per hidden layer, HIST_BINS counts of pre-activations z over the first HISTOGRAM_ROWS probe rows (layer l at l * HIST_BINS). */
  readonly histograms: Int32Array<ArrayBuffer>;
  /** Per hidden layer, the histogram's bins span [-range, range] in z units (a power of two). */
  readonly histogramRanges: readonly number[];
  /** Per layer (including the output layer), its weights [outputs x inputs] row-major. */
  readonly weights: readonly Float32Array<ArrayBuffer>[];
  /**
   * On the session's boundary grid: class probabilities [size*size x classes] for 2-D classification, the
   * prediction per point [size*size] for 2-D regression, or [size] for 1-D data; null when not sent this time.
   */
  readonly boundary: Float32Array<ArrayBuffer> | null;
  /** For a diverged lane, what the 'recover' command would do: rewind to checkpoint `to` (a step) with learning rate `lr`; else null. */
  readonly recovery: { readonly to: number; readonly lr: number } | null;
}

/** Most deaths and revivals a lane snapshot carries (the tracker keeps as many: stats/neuron-tracker.ts MAX_TRACKED_EVENTS). */
export const RECENT_NEURON_EVENTS = 512;

/**
 * Where the decision-boundary grid lies (input units). 2-D data: size x size cells, row 0 at y0. 1-D data:
 * `size` points evenly spaced from x0 to x1 (y0 = y1 = 0).
 */
export interface BoundaryFrame {
  readonly dims: 1 | 2;
  readonly size: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The neuron the user is inspecting, measured at snapshot time. */
export interface InspectedNeuron {
  readonly lane: number;
  /** Index into the concatenated hidden layers. */
  readonly neuron: number;
  /** Its hidden layer (0 is the first). */
  readonly layer: number;
  /** HIST_BINS counts of its pre-activation z over the first HISTOGRAM_ROWS probe rows. */
  readonly histogram: Int32Array<ArrayBuffer>;
  /** The histogram's bins span [-range, range] (z units, a power of two). */
  readonly range: number;
  /** z at every point of the boundary grid (its response over the input plane, or line), sent with boundary frames; else null. */
  readonly response: Float32Array<ArrayBuffer> | null;
  /** Its activity rate (share of probe rows with z > 0, [0, 1]) at every probe step since it was chosen (thinned past 1,000 points), recorded by the engine. */
  readonly trail: { readonly steps: Float64Array<ArrayBuffer>; readonly activity: Float32Array<ArrayBuffer> };
  /** Its z for every probe row, with the weights of the snapshot: entry i is training row i (the data panel's train point i). */
  readonly probeZ: Float32Array<ArrayBuffer>;
  /** What reached it in the last training step since it was chosen (null until one was taken). */
  readonly gradient: NeuronGradient | null;
  /** f and f' of its activation at the lesson's six z values, with the measured upstream gradient. */
  readonly ledger: NeuronLedger;
}

/**
 * The backward pass through one neuron in one training step, measured by the engine from the batch's
 * own buffers. Sums run over the batch rows; the loss is the batch mean, so a sum is the gradient of that
 * loss (units: loss per unit of a or z). Taken before gradient clipping scales the parameter gradients.
 */
export interface NeuronGradient {
  /** The lane's step count after that step. */
  readonly step: number;
  /** Rows in the batch. */
  readonly rows: number;
  /** Sum over rows of dLoss/da: the upstream gradient the layer above sends to the neuron's output. */
  readonly upstream: number;
  /** Sum over rows of |dLoss/da|. */
  readonly upstreamAbs: number;
  /** Mean over rows of f'(z), the local slope backprop multiplied by (the activation's own backward with da = 1). */
  readonly slope: number;
  /** Sum over rows of dLoss/dz = dLoss/da * f'(z): the gradient reaching the neuron (its bias gradient). */
  readonly gradient: number;
  /** Sum over rows of |dLoss/dz|. */
  readonly gradientAbs: number;
  /** Sum of |dLoss/dz| over the rows with z <= 0: what passed where ReLU passes nothing (0 under ReLU). */
  readonly belowAbs: number;
  /** Share of |dLoss/da| on rows with z <= 0, [0, 1]: the gradient ReLU zeroes there (under ReLU, what it did zero); NaN when no gradient arrived. */
  readonly reluDropped: number;
  /** Rows with z <= 0. */
  readonly rowsBelow: number;
}

/** One neuron's activation at fixed z values: as the lesson's ledger table, computed by the activation's own code. */
export interface NeuronLedger {
  readonly z: Float32Array<ArrayBuffer>;
  /** ReLU's output max(0, z). */
  readonly relu: Float32Array<ArrayBuffer>;
  /** This neuron's activation output f(z) (evaluation mode). */
  readonly f: Float32Array<ArrayBuffer>;
  /** f'(z), the slope backprop uses there. */
  readonly slope: Float32Array<ArrayBuffer>;
  /** The measured upstream gradient (NeuronGradient.upstream) times f'(z): what would reach z = this value; NaN before a step. */
  readonly gradient: Float64Array<ArrayBuffer>;
}

/** A step the session can be rewound to, and why it is one. */
export interface Checkpoint {
  readonly step: number;
  readonly reason: 'start' | 'hot-swap' | 'learning rate' | 'lane rewind' | 'periodic' | 'redo';
}

/** What stays fixed for a session's life: sent once, in its 'ready', not in every snapshot. */
export interface SessionFrame {
  /** Layer widths: inputs, hidden..., outputs. */
  readonly widths: readonly number[];
  /** Rows in the probe set on which neuron statistics are computed. */
  readonly probeRows: number;
  /** The session seed. */
  readonly seed: number;
  /** The boundary grid's placement for 2-D data, else null. */
  readonly boundaryFrame: BoundaryFrame | null;
}

/** What the engine sends to the UI at its snapshot rate. */
export interface Snapshot {
  /** Sequence number; the consumer acks it to receive the next one (never more than one in flight). */
  readonly seq: number;
  readonly playing: boolean;
  /** Training steps per second over the last second of wall time. */
  readonly stepsPerSecond: number;
  /** The speed limit in steps per second, or null for as fast as possible. */
  readonly speedLimit: number | null;
  /** Per lane, a 64-bit fingerprint (16 hex digits) of all its weights, biases and PReLU slopes. */
  readonly digests: readonly string[];
  /** The session's step (the furthest lane's: a diverged lane stops while the others go on). */
  readonly step: number;
  /** Steps the session can be rewound to: the start, every hot-swap and every 1,000 steps (recent ones). */
  readonly checkpoints: readonly Checkpoint[];
  /** The metric history points since the last snapshot (or all of them: see HistoryDelta). */
  readonly history: HistoryDelta;
  /** Every change recorded (hot-swaps, rates, lane rewinds), when it changed since the last snapshot; else null. */
  readonly events: readonly ExperimentEvent[] | null;
  readonly lanes: readonly LaneSnapshot[];
  /** The neuron chosen with the 'inspect' command, or null. */
  readonly inspected: InspectedNeuron | null;
}

/** What the UI needs to show the session's data: names, sizes and, for 2-D data, the points. */
export interface SessionDataView {
  readonly name: string;
  readonly task: TableOptions['task'];
  /** Name of the target column. */
  readonly targetName: string;
  readonly dims: number;
  readonly classes: number;
  readonly classNames: readonly string[];
  readonly featureNames: readonly string[];
  readonly trainRows: number;
  readonly testRows: number;
  /**
   * For 1-D and 2-D data, up to MAX_PLOT_POINTS rows of each part ([rows x dims] row-major), with labels,
   * or targets for regression (empty for classification); else null.
   */
  readonly points: {
    readonly trainX: Float32Array<ArrayBuffer>;
    readonly trainY: Int32Array<ArrayBuffer>;
    readonly trainT: Float32Array<ArrayBuffer>;
    readonly testX: Float32Array<ArrayBuffer>;
    readonly testY: Int32Array<ArrayBuffer>;
    readonly testT: Float32Array<ArrayBuffer>;
  } | null;
}

/** Every message the engine sends. */
export type EngineMessage =
  /** request: the id of the command this answers (init, load, rewind, lanes, reseed), when it had one. */
  | { readonly type: 'ready'; readonly protocol: number; readonly spec: SessionSpec; readonly data: SessionDataView; readonly frame: SessionFrame; readonly request?: string }
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot }
  | { readonly type: 'experiment'; readonly experiment: Experiment }
  /** A verification by replay finished: per lane, whether its replayed fingerprint equals the live one at `step`. */
  | { readonly type: 'verified'; readonly step: number; readonly lanes: readonly { readonly name: string; readonly live: string; readonly replayed: string }[]; readonly request?: string }
  /** A long job's progress: `done` of `total` steps replayed. */
  | { readonly type: 'progress'; readonly job: 'verify'; readonly done: number; readonly total: number }
  /** From the desktop shell rather than the engine: a restored autosave, a settings reset. Shown to the user. */
  | { readonly type: 'notice'; readonly level: 'info' | 'warning'; readonly message: string }
  /** request: the id of the command that failed, when it had one. */
  | { readonly type: 'error'; readonly message: string; readonly field: string | null; readonly request?: string };

/** Result of checking an untrusted message. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly field: string | null };

/** Validates an untrusted command; on failure names the offending field ("lanes.0.lr") and why. */
export function parseCommand(raw: unknown): Parsed<Command> {
  return parseWith(CommandSchema, raw, 'command');
}

/** Validates an untrusted session spec, naming the offending field on failure. */
export function parseSessionSpec(raw: unknown): Parsed<SessionSpec> {
  return parseWith(SessionSpecSchema, raw, 'spec');
}

function parseWith<T>(schema: v.GenericSchema<unknown, T>, raw: unknown, what: string): Parsed<T> {
  const r = v.safeParse(schema, raw);
  if (r.success) return { ok: true, value: r.output };
  const issue = r.issues[0];
  const field = v.getDotPath(issue);
  return {
    ok: false,
    field,
    message: `Invalid ${what}${field === null ? '' : ` field "${field}"`}: ${issue.message}`,
  };
}
