import * as v from 'valibot';
import { EmbeddedDatasetSchema } from './dataset-payload';
import { ClaimSchema, claimProblem } from './claims';
import { ActivationSchema, RedoSchema, SessionSpecSchema } from './spec';
import { StateSchema } from './state-schema';
import type { Parsed } from './messages';

/** The `format` tag every experiment file carries. */
export const EXPERIMENT_FORMAT = 'leaky-lab-experiment';
/**
 * The newest experiment file version this build reads and the one it writes. Version 2 added embedded
 * data, weights, metric history and lane rewinds; version 3 state checkpoints (`states`) and the
 * history's new series; version 4 the lanes' `tau` and `redo`, ReDo's `recycle` events, the dormant and
 * zero series and the states' sums of |a|; version 5 a lane's `start` (weights imported from PyTorch).
 * Every older file is a valid newer one.
 */
export const EXPERIMENT_VERSION = 5;
/** Largest experiment file accepted, in bytes (a spec is a few kilobytes; weights and history add more). */
export const EXPERIMENT_MAX_BYTES = 64 * 1024 * 1024;

const step = v.pipe(v.number(), v.integer(), v.minValue(0));
const lane = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3));

/**
 * A scheduled change, applied once the lanes have taken `step` steps (before the next one), keeping the
 * weights: a hot-swap of a lane's activation, or a new learning rate.
 */
const lr = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100));
const EventSchema = v.variant('type', [
  // lr: the hot-swap also set this learning rate (a fix that lowers a rate too high for the new activation).
  v.strictObject({ type: v.literal('activation'), step, lane, activation: ActivationSchema, lr: v.optional(lr) }),
  v.strictObject({ type: v.literal('lr'), step, lane, lr }),
  // Since version 4: ReDo switched on (or changed, or off: null) for a lane, and its dormant threshold tau.
  v.strictObject({ type: v.literal('redo'), step, lane, redo: v.nullable(RedoSchema), tau: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)) }),
  // One lane put back to the state it had at checkpoint `to` (<= step); it trains on from there, on the
  // session's next batches; lr: with this learning rate (the recovery of a diverged lane halves it).
  v.pipe(
    v.strictObject({ type: v.literal('rewind-lane'), step, lane, to: step, lr: v.optional(lr) }),
    v.forward(
      v.check((e) => e.to <= e.step, 'a lane can only be rewound to an earlier step'),
      ['to'],
    ),
  ),
  // Since version 4: ReDo recycled these neurons (indices within hidden layer `layer`, from 0) of a lane
  // after its step `step`. A record, not a command: the lane's spec makes a replay recycle the same ones.
  v.strictObject({ type: v.literal('recycle'), step, lane, layer: v.pipe(v.number(), v.integer(), v.minValue(0)), neurons: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.minLength(1)) }),
]);

const series = v.array(v.nullable(v.number()));

/**
 * Metric history as the engine recorded it (every 10 steps, thinned to at most a few thousand points;
 * protocol/history.ts names every series): per lane its losses, scores (accuracy, or R^2 for
 * regression), dead and inactive % (of all hidden neurons, and per hidden layer), mean slope per layer,
 * deaths and revivals. Version 2 files wrote trainAccuracy/testAccuracy for the scores.
 */
export const HistorySchema = v.strictObject({
  steps: v.array(v.number()),
  // Since version 3: the thinning position (keep every stride-th probe; seen probes so far), so training goes on recording exactly.
  stride: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  seen: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  lanes: v.array(
    v.strictObject({
      name: v.string(),
      loss: series,
      smoothedLoss: v.optional(series),
      testLoss: v.optional(series),
      trainScore: v.optional(series),
      testScore: v.optional(series),
      trainAccuracy: v.optional(series),
      testAccuracy: v.optional(series),
      deadAll: v.optional(series),
      inactiveAll: v.optional(series),
      deadPercent: v.array(series),
      // Since Leaky Lab 0.2: inactive % per hidden layer (deadPercent counts only ReLU's zero-gradient neurons).
      inactivePercent: v.optional(v.array(series)),
      slope: v.optional(v.array(series)),
      deaths: series,
      revivals: series,
      // Since version 4: tau-dormant % and the % of outputs exactly 0, of all hidden neurons and per layer.
      dormantAll: v.optional(series),
      zeroAll: v.optional(series),
      dormantPercent: v.optional(v.array(series)),
      zeroPercent: v.optional(v.array(series)),
    }),
  ),
});

/** Per lane, its parameters at the saved step (base64 of little-endian float32, in the network's parameter order) and their fingerprint. */
export const WeightsSchema = v.array(v.strictObject({ digest: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)), tensors: v.array(v.string()) }));

/** Schema of an experiment file (any version) (docs/experiment-format.md describes every field). */
export const ExperimentSchema = v.strictObject({
  format: v.literal(EXPERIMENT_FORMAT),
  version: v.picklist([1, 2, 3, 4, EXPERIMENT_VERSION]),
  spec: SessionSpecSchema,
  steps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000)),
  events: v.array(EventSchema),
  // The rows of a user-file dataset (spec.dataset.kind 'file'), when small enough to travel with the experiment.
  data: v.optional(EmbeddedDatasetSchema),
  weights: v.optional(WeightsSchema),
  history: v.optional(HistorySchema),
  // Since version 3: full session states at checkpoint steps, oldest first; the last one is at `steps`.
  states: v.optional(v.array(StateSchema)),
  // Since version 3: the neuron the inspector showed, and its activity rate at probe steps since it was chosen.
  inspection: v.optional(
    v.pipe(
      v.strictObject({ lane, neuron: v.pipe(v.number(), v.integer(), v.minValue(0)), stride: v.pipe(step, v.minValue(1)), seen: step, steps: v.array(step), activity: v.array(v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1)))) }),
      v.check((i) => i.steps.length === i.activity.length, 'inspection.steps and inspection.activity must have the same length'),
    ),
  ),
  // A story's checkable outcome (docs/stories.md): claims over the engine's numbers up to `horizon` steps.
  claims: v.optional(v.array(ClaimSchema)),
  horizon: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000_000))),
});

/** An experiment: everything needed to re-run a session with identical numbers. */
export type Experiment = v.InferOutput<typeof ExperimentSchema>;
/** Recorded metric history of an experiment. */
export type ExperimentHistory = v.InferOutput<typeof HistorySchema>;
/** One scheduled change (hot-swap, learning rate, or a lane rewind), or a record of ReDo's recycling. */
export type ExperimentEvent = v.InferOutput<typeof EventSchema>;
/** ReDo's record of the neurons of one layer it recycled at one step. */
export type RecycleEvent = Extract<ExperimentEvent, { type: 'recycle' }>;

/** The events a user made (hot-swaps, rates, rewinds), without ReDo's records (which the lanes' specs reproduce). */
export function userEvents(events: readonly ExperimentEvent[]): ExperimentEvent[] {
  return events.filter((e) => e.type !== 'recycle');
}

/** User events and ReDo records in one list by step (stable; at a step, the recycles first: they happen during the step, user changes after it). */
export function withRecycles(events: readonly ExperimentEvent[], recycles: readonly RecycleEvent[]): ExperimentEvent[] {
  const user = userEvents(events);
  const out: ExperimentEvent[] = [];
  let i = 0;
  for (const r of recycles) {
    while (i < user.length && user[i]!.step < r.step) out.push(user[i++]!);
    out.push(r);
  }
  while (i < user.length) out.push(user[i++]!);
  return out;
}

/** Serializes an experiment as pretty JSON (stable key order, so files diff well). */
export function serializeExperiment(e: Experiment): string {
  return `${JSON.stringify(e, null, 2)}\n`;
}

/**
 * Parses and validates experiment file text. Every failure names the file and says what is wrong and
 * what to do: not JSON (with the position), not an experiment file, a newer version, or a bad field.
 */
export function parseExperiment(text: string, fileName: string): Parsed<Experiment> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail(`${fileName} is not valid JSON (${detail}); it may be truncated or not an experiment file.`, null);
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== EXPERIMENT_FORMAT) {
    return fail(`${fileName} is not a Leaky Lab experiment file (its "format" field is not "${EXPERIMENT_FORMAT}").`, 'format');
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > EXPERIMENT_VERSION) {
    return fail(`${fileName} was saved by a newer Leaky Lab (experiment format version ${version}; this one reads up to ${EXPERIMENT_VERSION}). Update Leaky Lab to open it.`, 'version');
  }
  const r = v.safeParse(ExperimentSchema, raw);
  if (r.success) {
    const lanes = r.output.spec.lanes.length;
    const bad = r.output.events.findIndex((h) => h.lane >= lanes);
    if (bad >= 0) return fail(`${fileName}: field "events.${bad}.lane" names lane ${r.output.events[bad]!.lane}, but the experiment has ${lanes} lane(s).`, `events.${bad}.lane`);
    const hidden = r.output.spec.hidden;
    const badLayer = r.output.events.findIndex((h) => h.type === 'recycle' && h.layer >= hidden.length);
    if (badLayer >= 0) return fail(`${fileName}: field "events.${badLayer}.layer" names hidden layer ${(r.output.events[badLayer] as RecycleEvent).layer + 1} (layers count from 0 in files: 0 is the first), but the spec has ${hidden.length}.`, `events.${badLayer}.layer`);
    const badNeuron = r.output.events.findIndex((h) => h.type === 'recycle' && h.neurons.some((n) => n >= hidden[h.layer]!));
    if (badNeuron >= 0) return fail(`${fileName}: field "events.${badNeuron}.neurons" names a neuron past the width of its layer; recycle events list neuron indices from 0.`, `events.${badNeuron}.neurons`);
    const claims = r.output.claims ?? [];
    const horizon = r.output.horizon ?? 1_000_000;
    for (let i = 0; i < claims.length; i++) {
      const p = claimProblem(claims[i]!, r.output.spec.hidden, lanes, horizon);
      if (p !== null) return fail(`${fileName}: field "claims.${i}.${p.field}" ${p.message}; the engine cannot evaluate this claim.`, `claims.${i}.${p.field}`);
    }
    const { dataset } = r.output.spec;
    if (r.output.data !== undefined && dataset.kind !== 'file') return fail(`${fileName}: field "data" holds rows, but the spec's dataset is the built-in "${dataset.kind}"; remove one of them.`, 'data');
    return { ok: true, value: r.output };
  }
  const issue = r.issues[0];
  const field = v.getDotPath(issue);
  return fail(`${fileName}: field "${field ?? '(top level)'}" is invalid: ${issue.message}.`, field);
}

function fail(message: string, field: string | null): Parsed<Experiment> {
  return { ok: false, message, field };
}
