import * as v from 'valibot';

/** Largest hidden layer width and deepest network a session accepts (keeps the UI and memory sane). */
export const LIMITS = { maxWidth: 1024, maxHiddenLayers: 16, maxLanes: 4, maxSamples: 100_000, maxBatch: 4096 } as const;

const finite = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const plain = (kind: 'relu' | 'selu' | 'silu' | 'tanh' | 'sigmoid' | 'identity') => v.strictObject({ kind: v.literal(kind) });

/** Schema of an activation spec (see nn/activation.ts); slopes in [0, 1], RReLU needs lower <= upper. */
export const ActivationSchema = v.variant('kind', [
  plain('relu'),
  v.strictObject({ kind: v.literal('leaky_relu'), alpha: finite(0, 1) }),
  v.strictObject({ kind: v.literal('prelu'), alpha: finite(0, 1), perNeuron: v.boolean() }),
  v.pipe(
    v.strictObject({ kind: v.literal('rrelu'), lower: finite(0, 1), upper: finite(0, 1) }),
    v.forward(
      v.check((a) => a.lower <= a.upper, 'lower must not exceed upper'),
      ['upper'],
    ),
  ),
  v.strictObject({ kind: v.literal('elu'), alpha: finite(0, 10) }),
  plain('selu'),
  v.strictObject({ kind: v.literal('gelu'), approximate: v.picklist(['none', 'tanh']) }),
  plain('silu'),
  v.strictObject({ kind: v.literal('softplus'), beta: finite(0.01, 100), threshold: finite(1, 100) }),
  plain('tanh'),
  plain('sigmoid'),
  plain('identity'),
]);

/** Names of the real datasets bundled with the app. */
export const BUNDLED_DATASETS = ['iris', 'wine', 'breast_cancer', 'digits'] as const;

/**
 * How a table (a user's file) becomes a dataset: the target column by name, the task, what to do with
 * rows that have missing values ('drop' them, or fill numeric cells with the column 'mean'), and the most
 * categories a feature column may have to be one-hot encoded (columns with more are left out, reported).
 */
export const TableOptionsSchema = v.strictObject({
  target: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)),
  task: v.picklist(['classification', 'regression']),
  missing: v.picklist(['drop', 'mean']),
  oneHotLimit: int(2, 256),
});

const samples = int(8, LIMITS.maxSamples);
const noise = finite(0, 10);

/** Schema of a built-in dataset reference: a seeded generator and its parameters (noise: std, input units). */
export const DatasetRefSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('moons'), samples, noise }),
  v.strictObject({ kind: v.literal('circles'), samples, noise, factor: finite(0.05, 0.95) }),
  v.strictObject({ kind: v.literal('spiral'), samples, noise, arms: int(2, 8) }),
  v.strictObject({ kind: v.literal('xor'), samples, noise }),
  v.strictObject({ kind: v.literal('blobs'), samples, noise, centers: int(2, 10) }),
  v.strictObject({ kind: v.literal('checkerboard'), samples, noise, cells: int(2, 12) }),
  // The article's task: 100 features, 10 classes (noise: the clusters' std, input units; core/data/hypercube.ts).
  v.strictObject({ kind: v.literal('hypercube'), samples, noise }),
  // 1-D regression targets on x in [-1, 1]: sin(pi x), |x| and x sin(5x) (noise: std, target units).
  v.strictObject({ kind: v.literal('sine'), samples, noise }),
  v.strictObject({ kind: v.literal('abs'), samples, noise }),
  v.strictObject({ kind: v.literal('xsin5x'), samples, noise }),
  // Real datasets bundled with the app (docs/datasets.md has their sources and licences).
  v.strictObject({ kind: v.literal('bundled'), name: v.picklist(BUNDLED_DATASETS) }),
  // The user's own file, identified by name and content hash; its rows travel beside the spec.
  v.strictObject({ kind: v.literal('file'), name: v.pipe(v.string(), v.minLength(1), v.maxLength(255)), sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)), bytes: int(0, Number.MAX_SAFE_INTEGER), options: TableOptionsSchema }),
]);

const weightDecay = finite(0, 1);
const beta = finite(0, 0.9999);
const eps = finite(1e-12, 1);

/** PyTorch's own words when torch.optim.SGD refuses Nesterov without momentum or with dampening. */
export const NESTEROV_REASON = 'Nesterov momentum requires a momentum and zero dampening (PyTorch refuses it too)';

/** Schema of an optimizer spec (train/make-optimizer.ts), with torch.optim's ranges and refusals. */
export const OptimizerSchema = v.variant('kind', [
  // torch.optim.SGD raises "Nesterov momentum requires a momentum and zero dampening"; so do we, naming the field.
  v.pipe(
    v.strictObject({ kind: v.literal('sgd'), momentum: finite(0, 0.999), dampening: finite(0, 1), nesterov: v.boolean(), weightDecay }),
    v.forward(
      v.check((o) => !o.nesterov || o.momentum > 0, `${NESTEROV_REASON}, and momentum is 0: set momentum above 0 or nesterov to false`),
      ['nesterov'],
    ),
    v.forward(
      v.check((o) => !o.nesterov || o.dampening === 0, `${NESTEROV_REASON}: set dampening to 0 or nesterov to false`),
      ['dampening'],
    ),
  ),
  v.strictObject({ kind: v.literal('adam'), beta1: beta, beta2: beta, eps, weightDecay }),
  v.strictObject({ kind: v.literal('adamw'), beta1: beta, beta2: beta, eps, weightDecay }),
  v.strictObject({ kind: v.literal('rmsprop'), alpha: beta, eps, momentum: finite(0, 0.999), centered: v.boolean(), weightDecay }),
]);

/** Schema of a learning-rate schedule (train/schedule.ts). */
export const ScheduleSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('constant') }),
  v.strictObject({ kind: v.literal('step'), stepSize: int(1, 100_000_000), gamma: finite(0, 1) }),
  v.strictObject({ kind: v.literal('cosine'), tMax: int(1, 100_000_000), etaMin: finite(0, 100) }),
]);

/** Schema of a weight initialization (nn/init.ts); `a` is the leaky slope in He's gain. */
export const InitSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('torch_default') }),
  v.strictObject({ kind: v.literal('he_normal'), a: finite(0, 1) }),
  v.strictObject({ kind: v.literal('he_uniform'), a: finite(0, 1) }),
  v.strictObject({ kind: v.literal('xavier_normal') }),
  v.strictObject({ kind: v.literal('xavier_uniform') }),
  v.strictObject({ kind: v.literal('lecun_normal') }),
  v.strictObject({ kind: v.literal('rai') }),
]);

/**
 * Schema of ReDo (Sokar et al. 2023): every `every` steps (K >= 1), the neurons of each hidden layer
 * whose dormant score is <= `tau` (in [0, 1]) are recycled: incoming weights re-drawn from the lane's
 * init, outgoing weights set to 0, the optimizer state of those weights reset.
 */
export const RedoSchema = v.strictObject({ every: int(1, 100_000_000), tau: finite(0, 1) });

/**
 * Sokar et al.'s threshold (they recycle and report tau = 0.025-dormant neurons in their DQN runs), the
 * default dormant threshold of a lane. tau = 0 would only repeat the dead line under ReLU (a ReLU neuron
 * scores 0 exactly when it is 0 on every probe row) and the zero fraction under Leaky ReLU.
 */
export const DEFAULT_TAU = 0.025;

/** The lane's dormant threshold (dimensionless score): its `tau`, or DEFAULT_TAU when the spec has none. */
export function laneTau(spec: { readonly tau?: number | undefined }): number {
  return spec.tau ?? DEFAULT_TAU;
}

/**
 * Schema of a lane's starting weights imported from a PyTorch file (a state_dict or an .npz): the file's
 * name, the fingerprint of the tensors (digestFloat32), their names in the file, and the tensors as
 * base64 of little-endian float32 in the network's order (weight [out x in], then bias, per layer), and
 * the file's PReLU slopes per hidden layer. The lane starts from them instead of drawing from `init`
 * (ReDo still re-draws from `init`); the bias shift is added to their hidden biases; a PReLU lane starts
 * from the slopes (a shared slope fills a per-neuron lane; per-neuron slopes do not fit a shared one). engine/start-weights.ts checks them against the network's shape.
 */
export const StartWeightsSchema = v.pipe(
  v.strictObject({
    source: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
    digest: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)),
    keys: v.pipe(v.array(v.pipe(v.string(), v.maxLength(1000))), v.minLength(4), v.maxLength(2 * (LIMITS.maxHiddenLayers + 1))),
    tensors: v.array(v.string()),
    // Per hidden layer, the PReLU slopes the file held after it (1, or one per neuron; null: none), same encoding.
    alphas: v.optional(v.pipe(v.array(v.nullable(v.string())), v.maxLength(LIMITS.maxHiddenLayers))),
  }),
  v.forward(
    v.check((s) => s.keys.length === s.tensors.length, 'there must be one name in "keys" per tensor'),
    ['tensors'],
  ),
);

/**
 * Schema of one lane: activation, learning rate (parameter units per gradient unit), optimizer,
 * schedule, optional gradient-norm clipping, and initialization with a bias shift (input units; negative
 * values give the "bad initialization" scenario), or weights imported from PyTorch (`start`). Lanes with
 * the same init (or the same imported weights) and bias shift start from identical weights.
 */
export const LaneSpecSchema = v.strictObject({
  name: v.pipe(v.string(), v.maxLength(40)),
  activation: ActivationSchema,
  lr: finite(0, 100),
  optimizer: OptimizerSchema,
  schedule: ScheduleSchema,
  clipNorm: v.nullable(finite(1e-6, 1e6)),
  init: InitSchema,
  biasShift: finite(-100, 100),
  // Since experiment version 4, both optional so that older files open unchanged: the lane's dormant
  // threshold (absent: DEFAULT_TAU) and ReDo (absent or null: off).
  tau: v.optional(finite(0, 1)),
  redo: v.optional(v.nullable(RedoSchema)),
  // Since version 5: weights imported from a PyTorch file, which the lane starts from instead of `init`'s draw.
  start: v.optional(StartWeightsSchema),
});

/** Schema of a whole session spec. */
export const SessionSpecSchema = v.strictObject({
  seed: int(0, 0xffffffff),
  dataset: DatasetRefSchema,
  testFraction: finite(0, 0.9),
  hidden: v.pipe(v.array(int(1, LIMITS.maxWidth)), v.minLength(1), v.maxLength(LIMITS.maxHiddenLayers)),
  batchSize: int(1, LIMITS.maxBatch),
  lanes: v.pipe(v.array(LaneSpecSchema), v.minLength(1), v.maxLength(LIMITS.maxLanes)),
});

/** How a table becomes a dataset (target, task, missing values, one-hot limit). */
export type TableOptions = v.InferOutput<typeof TableOptionsSchema>;
/** A dataset reference: a seeded generator, a bundled dataset, or a user file by name and hash. */
export type DatasetRef = v.InferOutput<typeof DatasetRefSchema>;
/** A lane's imported starting weights (see StartWeightsSchema). */
export type StartWeights = v.InferOutput<typeof StartWeightsSchema>;
/** ReDo settings: recycle every `every` steps the neurons with score <= tau. */
export type RedoSpec = v.InferOutput<typeof RedoSchema>;
/** One lane's settings (lr in parameter units per gradient unit). */
export type LaneSpec = v.InferOutput<typeof LaneSpecSchema>;
/** Everything needed to rebuild a session bit for bit. */
export type SessionSpec = v.InferOutput<typeof SessionSpecSchema>;

/**
 * The spec the app opens with: two moons, 2-16-16-2, a ReLU lane beside a Leaky ReLU lane from identical
 * weights, at a learning rate (0.3 with momentum 0.9) high enough that ReLU neurons die within seconds,
 * with gradients clipped to norm 1 so that no lane diverges however long it plays (docs/stories.md has
 * the sweep behind these choices: unclipped, the Leaky ReLU lane diverged near step 120,000).
 */
export function defaultSessionSpec(): SessionSpec {
  return {
    seed: 7,
    dataset: { kind: 'moons', samples: 1000, noise: 0.15 },
    testFraction: 0.2,
    hidden: [16, 16],
    batchSize: 16,
    lanes: [laneSpec('ReLU', { kind: 'relu' }, 0.3), laneSpec('Leaky ReLU', { kind: 'leaky_relu', alpha: 0.01 }, 0.3)],
  };
}

/**
 * Default SGD learning rate for real and file data (standardized features): at the generators' 0.3 with
 * momentum 0.9 the lanes diverge or collapse within a few hundred steps on Wine, Breast cancer and Digits
 * (measured with the CLI, 3,000 steps); at 0.05 none diverges.
 */
export const REAL_DATA_LR = 0.05;

/**
 * Gradient-norm clipping of every new lane (torch.nn.utils.clip_grad_norm_ with max_norm 1): measured
 * over 20 seeds and 1,000,000 steps, it keeps every default lane finite (docs/stories.md).
 */
export const DEFAULT_CLIP_NORM = 1;

/** A lane with the app's defaults: SGD with momentum 0.9, constant rate, gradients clipped to norm 1, PyTorch's init. */
export function laneSpec(name: string, activation: LaneSpec['activation'], lr: number): LaneSpec {
  return {
    name,
    activation,
    lr,
    optimizer: { kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 },
    schedule: { kind: 'constant' },
    clipNorm: DEFAULT_CLIP_NORM,
    init: { kind: 'torch_default' },
    biasShift: 0,
  };
}
