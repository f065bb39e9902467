import * as v from 'valibot';
import { ActivationSchema, LaneSpecSchema } from './spec';

/**
 * A session state checkpoint as an experiment file stores it (version 3, docs/experiment-format.md):
 * every typed array as base64 of its little-endian bytes, exact; non-finite numbers as the strings
 * "NaN", "Infinity", "-Infinity" (JSON has none).
 */
const b64 = v.string();
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const int = v.pipe(v.number(), v.integer());
const num = v.union([v.number(), v.picklist(['NaN', 'Infinity', '-Infinity'])]);
const rng = v.tuple([count, count, count, count, num]);

// absSum (float64 per neuron, the dormant score's sums) since version 4.
const CountsSchema = v.strictObject({ active: b64, zeros: b64, absSum: v.optional(b64), rows: count, correct: count, sse: num, sst: num, lossSum: num });

const LaneStateSchema = v.strictObject({
  spec: LaneSpecSchema,
  initialActivation: ActivationSchema,
  layerActivations: v.array(ActivationSchema),
  step: count,
  loss: num,
  smoothedLoss: num,
  gradNorm: num,
  diverged: v.nullable(v.strictObject({ step: count, quantity: v.picklist(['loss', 'weights']), lr: num, gradNorm: num, reason: v.string() })),
  swap: v.nullable(v.strictObject({ step: count, inactive: b64 })),
  params: v.array(b64),
  // The 64-bit fingerprint of params (as snapshots and `weights` carry it): a damaged state is refused.
  digest: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)),
  optimizer: v.array(v.nullable(v.strictObject({ buffers: v.array(b64), steps: count }))),
  random: v.array(v.nullable(rng)),
  tracker: v.strictObject({ inactive: b64, bornInactive: b64, lastDied: b64, lastRevived: b64, lastRevivalKind: b64, recycled: v.optional(b64), log: b64, counts: v.tuple([count, count, count, count, int]) }),
  trainCounts: CountsSchema,
  testCounts: CountsSchema,
});

/** One saved state: the step, the batch order (base64, or the index of an earlier saved state with the same one), the log's thinning position, and every lane. */
export const StateSchema = v.strictObject({
  step: count,
  // Fingerprint of the spec and the events up to this step that the state was trained under: a file
  // whose spec or events were edited afterwards is replayed instead of restored.
  basis: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)),
  epoch: count,
  cursor: count,
  orderRandom: rng,
  order: v.union([b64, count]),
  log: v.strictObject({ stride: v.pipe(count, v.minValue(1)), seen: count }),
  lanes: v.array(LaneStateSchema),
});

/** A saved state as it is in the file. */
export type EncodedState = v.InferOutput<typeof StateSchema>;
/** One lane of a saved state. */
export type EncodedLaneState = v.InferOutput<typeof LaneStateSchema>;
