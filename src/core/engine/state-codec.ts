import { digestFloat32, digestText } from '../math/digest';
import type { ExperimentEvent, RecycleEvent } from '../protocol/experiment';
import type { SessionSpec } from '../protocol/spec';
import type { RngState } from '../math/rng';
import type { EncodedLaneState, EncodedState } from '../protocol/state-schema';
import type { TrackerState } from '../stats/neuron-tracker';
import type { ProbeCounts } from '../stats/probe';
import type { LaneState } from './lane-state';
import type { SessionState } from './session-state';
import { base64ToTyped, typedToBase64 } from './typed-codec';

type Num = number | 'NaN' | 'Infinity' | '-Infinity';

/** A number JSON can hold: non-finite ones as their names. */
function num(x: number): Num {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

function unnum(x: Num): number {
  return typeof x === 'number' ? x : Number(x);
}

const rngOut = (r: RngState): EncodedState['orderRandom'] => [r[0], r[1], r[2], r[3], num(r[4])];
const rngIn = (r: EncodedState['orderRandom']): RngState => [r[0], r[1], r[2], r[3], unnum(r[4])];

function countsOut(c: ProbeCounts): EncodedLaneState['trainCounts'] {
  return { active: typedToBase64(c.active), zeros: typedToBase64(c.zeros), absSum: typedToBase64(c.absSum), rows: c.rows, correct: c.correct, sse: num(c.sse), sst: num(c.sst), lossSum: num(c.lossSum) };
}

function countsIn(c: EncodedLaneState['trainCounts']): ProbeCounts {
  // absSum since version 4; a version 3 state has none (empty: setCounts then marks the scores unknown).
  return { active: base64ToTyped(c.active, Int32Array), zeros: base64ToTyped(c.zeros, Int32Array), absSum: c.absSum === undefined ? new Float64Array(0) : base64ToTyped(c.absSum, Float64Array), rows: c.rows, correct: c.correct, sse: unnum(c.sse), sst: unnum(c.sst), lossSum: unnum(c.lossSum) };
}

function laneOut(l: LaneState): EncodedLaneState {
  const t = l.tracker;
  return {
    spec: l.spec,
    initialActivation: l.initialActivation,
    layerActivations: [...l.layerActivations],
    step: l.step,
    loss: num(l.loss),
    smoothedLoss: num(l.smoothedLoss),
    gradNorm: num(l.gradNorm),
    diverged: l.diverged === null ? null : { ...l.diverged, lr: num(l.diverged.lr), gradNorm: num(l.diverged.gradNorm) },
    swap: l.swap === null ? null : { step: l.swap.step, inactive: typedToBase64(l.swap.inactive) },
    params: l.params.map(typedToBase64),
    digest: digestFloat32(l.params),
    optimizer: l.optimizer.map((o) => (o === null ? null : { buffers: o.buffers.map(typedToBase64), steps: o.steps })),
    random: l.random.map((r) => (r === null ? null : rngOut(r))),
    tracker: { inactive: typedToBase64(t.inactive), bornInactive: typedToBase64(t.bornInactive), lastDied: typedToBase64(t.lastDied), lastRevived: typedToBase64(t.lastRevived), lastRevivalKind: typedToBase64(t.lastRevivalKind), ...(t.recycled === undefined ? {} : { recycled: typedToBase64(t.recycled) }), log: typedToBase64(t.log), counts: [...t.counts] },
    trainCounts: countsOut(l.trainCounts),
    testCounts: countsOut(l.testCounts),
  };
}

function laneIn(l: EncodedLaneState): LaneState {
  const t = l.tracker;
  const tracker: TrackerState = {
    inactive: base64ToTyped(t.inactive, Uint8Array),
    bornInactive: base64ToTyped(t.bornInactive, Uint8Array),
    lastDied: base64ToTyped(t.lastDied, Int32Array),
    lastRevived: base64ToTyped(t.lastRevived, Int32Array),
    lastRevivalKind: base64ToTyped(t.lastRevivalKind, Int8Array),
    ...(t.recycled === undefined ? {} : { recycled: base64ToTyped(t.recycled, Uint8Array) }),
    log: base64ToTyped(t.log, Int32Array),
    counts: t.counts,
  };
  const d = l.diverged;
  const params = l.params.map((p) => base64ToTyped(p, Float32Array));
  if (digestFloat32(params) !== l.digest) throw new Error(`lane "${l.spec.name}" does not match its fingerprint (the file was changed or damaged)`);
  return {
    spec: l.spec,
    initialActivation: l.initialActivation,
    layerActivations: l.layerActivations,
    step: l.step,
    loss: unnum(l.loss),
    smoothedLoss: unnum(l.smoothedLoss),
    gradNorm: unnum(l.gradNorm),
    diverged: d === null ? null : { ...d, lr: unnum(d.lr), gradNorm: unnum(d.gradNorm) },
    swap: l.swap === null ? null : { step: l.swap.step, inactive: base64ToTyped(l.swap.inactive, Uint8Array) },
    params,
    optimizer: l.optimizer.map((o) => (o === null ? null : { buffers: o.buffers.map((b) => base64ToTyped(b, Float32Array)), steps: o.steps })),
    random: l.random.map((r) => (r === null ? null : rngIn(r))),
    tracker,
    trainCounts: countsIn(l.trainCounts),
    testCounts: countsIn(l.testCounts),
  };
}

/**
 * States in the file's form, oldest first. The log is not stored per state: the file's history holds
 * the rows, and each state keeps only its thinning position. A batch order already written for an
 * earlier state (the same epoch) is written as that state's index.
 */
export function encodeStates(states: readonly SessionState[], spec: SessionSpec, events: readonly ExperimentEvent[]): EncodedState[] {
  return states.map((s, i) => {
    const same = states.findIndex((o, k) => k < i && o.order === s.order);
    return { step: s.step, basis: stateBasis(spec, events, s.step), epoch: s.epoch, cursor: s.cursor, orderRandom: rngOut(s.orderRandom), order: same >= 0 ? same : typedToBase64(s.order), log: { stride: s.log.stride, seen: s.log.seen }, lanes: s.lanes.map(laneOut) };
  });
}

/** Fingerprint of what a state at `step` was trained under: the spec and the events up to that step, in order. */
export function stateBasis(spec: SessionSpec, events: readonly ExperimentEvent[], step: number): string {
  return digestText(JSON.stringify([spec, events.filter((e) => e.step <= step)]));
}

/**
 * Decodes saved states; each gets the history rows at its step or before (for the newest, the whole
 * saved history: exact) and the file's ReDo recycles up to its step (a state at step s was taken after
 * the recycles of step s). Throws an Error naming the state and what is wrong when the text is damaged.
 */
export function decodeStates(encoded: readonly EncodedState[], rows: readonly Float64Array<ArrayBuffer>[], recycles: readonly RecycleEvent[] = []): SessionState[] {
  const out: SessionState[] = [];
  encoded.forEach((e, i) => {
    try {
      if (i > 0 && e.step < encoded[i - 1]!.step) throw new Error('states are not in step order');
      let order: Uint32Array<ArrayBuffer>;
      if (typeof e.order === 'number') {
        const earlier = out[e.order];
        if (earlier === undefined || e.order >= i) throw new Error(`order refers to state ${e.order}, which is not an earlier one`);
        order = earlier.order;
      } else order = base64ToTyped(e.order, Uint32Array) as Uint32Array<ArrayBuffer>;
      const logRows = rows.filter((r) => r[0]! <= e.step);
      out.push({ step: e.step, epoch: e.epoch, cursor: e.cursor, orderRandom: rngIn(e.orderRandom), order, log: { rows: logRows, stride: e.log.stride, seen: e.log.seen }, lanes: e.lanes.map(laneIn), recycles: recycles.filter((r) => r.step <= e.step) });
    } catch (err) {
      throw new Error(`saved state ${i} (step ${e.step}) cannot be decoded: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  });
  return out;
}
