// Dead vs inactive in the renderer: a neuron that fires for no probe input is dead only under ReLU (no
// gradient for z < 0); under Leaky ReLU, PReLU, ELU it is inactive and still learning. The readouts say
// "dead" for ReLU lanes and "inactive" otherwise; the inspector says what brought a neuron back.
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/core/engine/session';
import type { ActivationSpec } from '../../../src/core/nn/activation';
import type { LaneSnapshot } from '../../../src/core/protocol/messages';
import { defaultSessionSpec, laneSpec } from '../../../src/core/protocol/spec';
import { NEURON_EVENT } from '../../../src/core/stats/neuron-tracker';
import { neuronEventsOf } from '../../../src/renderer/state/neuron-location';
import { deadCount, inactiveCount, INACTIVE_TEXT, neuronState, offReadout, REVIVED_WINDOW, revivalCause, stateText } from '../../../src/renderer/state/neuron-state';

const RELU: ActivationSpec = { kind: 'relu' };
const LEAKY: ActivationSpec = { kind: 'leaky_relu', alpha: 0.2 };

/** A lane snapshot of 4 hidden neurons in two layers of 2, with the per-neuron arrays given. */
function lane(over: Partial<LaneSnapshot> & { activation: ActivationSpec }): LaneSnapshot {
  const n = 4;
  return {
    name: 'test',
    step: 1000,
    loss: 0.5,
    trainScore: 0.9,
    testScore: 0.9,
    testLoss: 0.5,
    lr: 0.3,
    diverged: null,
    deadPercent: [0, 0],
    inactivePercent: [0, 0],
    zeroFraction: [0, 0],
    dormantPercent: [0, 0],
    tau: 0.025,
    redo: null,
    revivals: 0,
    deaths: 0,
    revivalsByCure: 0,
    bornDead: 0,
    gradNorm: 1,
    revivedSinceSwap: Number.NaN,
    slopeSpread: 0,
    activity: new Float32Array(n).fill(0.5),
    inactive: new Uint8Array(n),
    dead: new Uint8Array(n),
    lastRevivalKind: new Int8Array(n).fill(-1),
    lastRevived: new Int32Array(n).fill(-1),
    lastDied: new Int32Array(n).fill(-1),
    neuronEvents: new Int32Array(0),
    slopes: new Float32Array(n),
    histograms: new Int32Array(0),
    histogramRanges: [],
    weights: [],
    boundary: null,
    recovery: null,
    ...over,
  };
}

describe('neuronState', () => {
  it('calls a ReLU neuron that never fires dead, and a Leaky ReLU one inactive', () => {
    const relu = lane({ activation: RELU, inactive: Uint8Array.of(1, 0, 0, 0), dead: Uint8Array.of(1, 0, 0, 0), activity: Float32Array.of(0, 0.5, 0.5, 0.5) });
    expect(neuronState(relu, 0)).toBe('dead');
    expect(stateText(relu, 0)).toBe('dead');
    const leaky = lane({ activation: LEAKY, inactive: Uint8Array.of(1, 0, 0, 0), activity: Float32Array.of(0, 0.5, 0.5, 0.5) });
    expect(neuronState(leaky, 0)).toBe('inactive');
    expect(stateText(leaky, 0)).toBe(INACTIVE_TEXT);
    expect(stateText(leaky, 0)).toBe('inactive (still learning through α)');
    expect(stateText(leaky, 1)).toBe('active 50%');
  });

  it('shows a neuron as revived for REVIVED_WINDOW steps after it came back, then alive', () => {
    const l = lane({ activation: LEAKY, step: 2000, lastRevived: Int32Array.of(2000 - REVIVED_WINDOW, 2000 - REVIVED_WINDOW - 1, -1, -1) });
    expect(neuronState(l, 0)).toBe('revived');
    expect(stateText(l, 0)).toBe(`revived at step ${2000 - REVIVED_WINDOW}`);
    expect(neuronState(l, 1)).toBe('alive');
    expect(neuronState(l, 2)).toBe('alive');
  });
});

describe('revivalCause', () => {
  it('says whether drift (momentum, upstream layers) or the leaky slope brought a neuron back', () => {
    const l = lane({ activation: LEAKY, lastRevivalKind: Int8Array.of(NEURON_EVENT.revivedByDrift, NEURON_EVENT.revivedByCure, -1, -1) });
    expect(revivalCause(l, 0)).toBe('its inputs moved back above zero (momentum or upstream layers)');
    expect(revivalCause(l, 1)).toBe("the leaky slope's gradient brought it back (a cure)");
    expect(revivalCause(l, 2)).toBeNull();
    const recycled = lane({ activation: LEAKY, lastRevivalKind: Int8Array.of(NEURON_EVENT.revivedByRedo, -1, -1, -1) });
    expect(revivalCause(recycled, 0)).toBe('ReDo re-drew its incoming weights and bias (a recycle)');
  });

  it('tells the cure from drift in the recent events too', () => {
    const events = Int32Array.of(0, 10, NEURON_EVENT.wentInactive, 0, 20, NEURON_EVENT.revivedByDrift, 1, 30, NEURON_EVENT.wentInactive, 1, 40, NEURON_EVENT.revivedByCure, 1, 50, NEURON_EVENT.wentInactive, 1, 60, NEURON_EVENT.revivedByRedo);
    expect(neuronEventsOf(events, 0)).toEqual([
      { step: 10, revived: false, cure: false, redo: false },
      { step: 20, revived: true, cure: false, redo: false },
    ]);
    expect(neuronEventsOf(events, 1)).toEqual([
      { step: 30, revived: false, cure: false, redo: false },
      { step: 40, revived: true, cure: true, redo: false },
      { step: 50, revived: false, cure: false, redo: false },
      { step: 60, revived: true, cure: false, redo: true },
    ]);
  });
});

describe('offReadout', () => {
  it('counts dead neurons per layer for a ReLU lane', () => {
    const l = lane({ activation: RELU, inactive: Uint8Array.of(1, 1, 1, 0), dead: Uint8Array.of(1, 1, 1, 0), deadPercent: [100, 50], inactivePercent: [100, 50] });
    expect(offReadout(l)).toEqual({ word: 'dead', count: 3, total: 4, perLayer: [100, 50] });
    expect(deadCount(l)).toBe(3);
  });

  it('never calls a leaky lane’s neurons dead: it counts them inactive', () => {
    for (const activation of [LEAKY, { kind: 'prelu', alpha: 0.25, perNeuron: true }, { kind: 'elu', alpha: 1 }] as ActivationSpec[]) {
      const l = lane({ activation, inactive: Uint8Array.of(1, 0, 1, 0), deadPercent: [0, 0], inactivePercent: [50, 50] });
      expect(offReadout(l)).toEqual({ word: 'inactive', count: 2, total: 4, perLayer: [50, 50] });
      expect(deadCount(l)).toBe(0);
      expect(inactiveCount(l)).toBe(2);
    }
  });

  it('agrees with the engine: inactive neurons of a leaky lane are never dead', () => {
    const spec = { ...defaultSessionSpec(), lanes: [laneSpec('ReLU', RELU, 1), laneSpec('Leaky', LEAKY, 1)] };
    const session = new Session(spec);
    for (let k = 0; k < 600; k++) session.stepAll();
    const [relu, leaky] = session.snapshot(1, false, 0).lanes;
    expect(offReadout(relu!).word).toBe('dead');
    expect(offReadout(relu!).count).toBe(inactiveCount(relu!));
    expect(offReadout(leaky!).word).toBe('inactive');
    expect(deadCount(leaky!)).toBe(0);
    for (let i = 0; i < leaky!.inactive.length; i++) expect(neuronState(leaky!, i)).not.toBe('dead');
  });
});
