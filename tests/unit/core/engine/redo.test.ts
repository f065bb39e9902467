import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/core/math/rng';
import { Dense } from '../../../../src/core/nn/dense';
import { initLayer } from '../../../../src/core/nn/init';
import { Mlp } from '../../../../src/core/nn/mlp';
import { recycleDormant, redoDue, redoSeed } from '../../../../src/core/engine/redo';
import { recycleSummary } from '../../../../src/core/engine/redo-summary';
import { laneSpec, type LaneSpec } from '../../../../src/core/protocol/spec';
import { makeProbeCounts, probe, type ProbeSet } from '../../../../src/core/stats/probe';
import { makeOptimizer } from '../../../../src/core/train/make-optimizer';
import type { OptimizerState } from '../../../../src/core/train/optimizer';

/**
 * A 2-3-2 ReLU net with hand-set weights on three probe rows x = (1, 0), (0, 1), (1, 1):
 *   neuron 0: w = (1, 0),     b = 0  -> a = 1, 0, 1       mean |a| = 2/3
 *   neuron 1: w = (0, 1/64),  b = 0  -> a = 0, 1/64, 1/64  mean |a| = (1/32)/3
 *   neuron 2: w = (-1, -1),   b = -1 -> a = 0, 0, 0        mean |a| = 0
 * Layer mean of mean |a|: (2/3 + 1/96 + 0) / 3 = (65/96) / 3 = 65/288.
 * Scores s = mean |a| / layer mean: s0 = (2/3) / (65/288) = 192/65 = 2.9538..., s1 = (1/96) / (65/288) = 3/65 = 0.04615..., s2 = 0.
 * (1/64 is exact in float32, so these are exact up to float64 rounding.)
 */
function tinyNet(): { mlp: Mlp; set: ProbeSet } {
  const mlp = new Mlp({ inputs: 2, hidden: [3], outputs: 2 }, { kind: 'relu' }, 8);
  mlp.layers[0]!.weight.set([1, 0, 0, 1 / 64, -1, -1]);
  mlp.layers[0]!.bias.set([0, 0, -1]);
  mlp.layers[1]!.weight.set([1, 2, 3, 4, 5, 6]); // [2 outputs x 3 inputs]
  mlp.layers[1]!.bias.set([0.5, -0.5]);
  const set: ProbeSet = { x: new Float32Array([1, 0, 0, 1, 1, 1]), y: new Int32Array([0, 1, 0]), t: new Float32Array(0), rows: 3 };
  return { mlp, set };
}

const sgdLane: LaneSpec = { ...laneSpec('ReLU', { kind: 'relu' }, 0.1), init: { kind: 'he_uniform', a: 0 } };

/** Optimizer state with every buffer element distinct and non-zero: buffer k of tensor i, element e holds 100 i + 10 k + e + 1. */
function filledState(sizes: readonly number[], buffers: number, steps: number): OptimizerState {
  return sizes.map((n, i) => ({ buffers: Array.from({ length: buffers }, (_, k) => Float32Array.from({ length: n }, (_, e) => 100 * i + 10 * k + e + 1)), steps }));
}

describe('the dormant score (Sokar et al. 2023, definition 3.1)', () => {
  it('sums |a| per neuron in the probe, and counts the exact zeros (the article\'s dead_ratio)', () => {
    const { mlp, set } = tinyNet();
    const c = makeProbeCounts([3]);
    probe(mlp, set, c);
    expect([...c.absSum]).toEqual([2, 2 / 64, 0]);
    // Zeros: neuron 0 at x = (0, 1); neuron 1 at x = (1, 0) (z = 0 exactly); neuron 2 everywhere: 5 of 9.
    expect(c.zeros[0]).toBe(5);
  });
});

describe('ReDo on a hand-computed net', () => {
  it('recycles exactly the neurons with score <= tau: incoming re-drawn from the init, outgoing 0, their momentum zeroed', () => {
    const { mlp, set } = tinyNet();
    const opt = makeOptimizer(sgdLane.optimizer);
    const params = mlp.params();
    opt.loadState(params, filledState(params.map((p) => p.value.length), 1, 0));
    const before = params.map((p) => p.value.slice());
    // tau = 0.05 lies between s2 = 0 and s1 = 3/65 = 0.046 below it, and s0 = 2.95 above: neurons 1 and 2 go.
    const done = recycleDormant(mlp, opt, sgdLane, { every: 10, tau: 0.05 }, set, 1234);
    expect(done).toEqual([{ layer: 0, neurons: [1, 2] }]);

    // The re-drawn incoming weights: the lane's init (He uniform, no bias shift) from Rng(1234), rows 1 and 2.
    const fresh = new Dense(2, 3);
    initLayer(fresh, sgdLane.init, 0, new Rng(1234));
    const w1 = mlp.layers[0]!.weight;
    expect([w1[0], w1[1]]).toEqual([1, 0]); // neuron 0 untouched
    expect([w1[2], w1[3], w1[4], w1[5]]).toEqual([fresh.weight[2], fresh.weight[3], fresh.weight[4], fresh.weight[5]]);
    expect(w1[2]).not.toBe(0);
    expect([...mlp.layers[0]!.bias]).toEqual([0, fresh.bias[1], fresh.bias[2]]); // He init: bias 0
    // Outgoing: columns 1 and 2 of the [2 x 3] output weight are 0, column 0 and the output bias unchanged.
    expect([...mlp.layers[1]!.weight]).toEqual([1, 0, 0, 4, 0, 0]);
    expect([...mlp.layers[1]!.bias]).toEqual([0.5, -0.5]);

    // Momentum: zero exactly at the recycled weights, every other element as it was.
    const after = opt.saveState(params);
    const buf = (i: number) => [...after[i]!.buffers[0]!];
    expect(buf(0)).toEqual([1, 2, 0, 0, 0, 0]); // W1 rows 1, 2
    expect(buf(1)).toEqual([101, 0, 0]); // b1[1], b1[2]
    expect(buf(2)).toEqual([201, 0, 0, 204, 0, 0]); // W2 columns 1, 2
    expect(buf(3)).toEqual([301, 302]); // b2: not a recycled neuron's weight
    expect(before[3]).toEqual(params[3]!.value);
  });

  it('with tau = 0 recycles only the dead neuron, and resets Adam\'s moments but keeps its per-tensor step count', () => {
    const { mlp, set } = tinyNet();
    const spec: LaneSpec = { ...sgdLane, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 } };
    const opt = makeOptimizer(spec.optimizer);
    const params = mlp.params();
    opt.loadState(params, filledState(params.map((p) => p.value.length), 2, 7));
    expect(recycleDormant(mlp, opt, spec, { every: 1, tau: 0 }, set, 99)).toEqual([{ layer: 0, neurons: [2] }]);
    const after = opt.saveState(params);
    expect(after.map((s) => s!.steps)).toEqual([7, 7, 7, 7]);
    expect([...after[0]!.buffers[0]!]).toEqual([1, 2, 3, 4, 0, 0]);
    expect([...after[0]!.buffers[1]!]).toEqual([11, 12, 13, 14, 0, 0]);
    expect([...after[2]!.buffers[0]!]).toEqual([201, 202, 0, 204, 205, 0]);
    expect([...after[2]!.buffers[1]!]).toEqual([211, 212, 0, 214, 215, 0]);
  });

  it('recycles nothing when every score is above tau', () => {
    const { mlp, set } = tinyNet();
    mlp.layers[0]!.bias.set([0, 0, 5]); // neuron 2 now a = 5, 5, 5: no score is 0
    const opt = makeOptimizer(sgdLane.optimizer);
    const w = mlp.layers[0]!.weight.slice();
    expect(recycleDormant(mlp, opt, sgdLane, { every: 1, tau: 0.0 }, set, 1)).toEqual([]);
    expect(mlp.layers[0]!.weight).toEqual(w);
  });

  it('recycles the only neuron of a width-1 layer when it is 0 on every row (its score is 1 otherwise)', () => {
    const mlp = new Mlp({ inputs: 2, hidden: [1], outputs: 2 }, { kind: 'relu' }, 8);
    const set: ProbeSet = { x: new Float32Array([1, 0, 0, 1]), y: new Int32Array([0, 1]), t: new Float32Array(0), rows: 2 };
    const opt = makeOptimizer(sgdLane.optimizer);
    mlp.layers[0]!.weight.set([1, 1]);
    expect(recycleDormant(mlp, opt, sgdLane, { every: 1, tau: 0.5 }, set, 1)).toEqual([]);
    mlp.layers[0]!.bias.set([-10]);
    mlp.layers[1]!.weight.set([3, 4]);
    expect(recycleDormant(mlp, opt, sgdLane, { every: 1, tau: 0.5 }, set, 1)).toEqual([{ layer: 0, neurons: [0] }]);
    expect([...mlp.layers[1]!.weight]).toEqual([0, 0]);
    expect(mlp.layers[0]!.bias[0]).toBe(0);
  });

  it('puts a per-neuron PReLU slope back to the lane\'s starting alpha, its state zeroed', () => {
    const spec: LaneSpec = { ...sgdLane, activation: { kind: 'prelu', alpha: 0.25, perNeuron: true } };
    const { set } = tinyNet();
    const mlp = new Mlp({ inputs: 2, hidden: [3], outputs: 2 }, spec.activation, 8);
    mlp.layers[0]!.weight.set([1, 0, 0, 1, -1, -1]);
    mlp.layers[0]!.bias.set([0, 0, -1]);
    const alpha = mlp.activations[0]!.param!;
    // Neuron 2 (z = -2, -2, -3) with slope 0 outputs 0 everywhere: score 0.
    alpha.set([0.5, 0.5, 0]);
    const opt = makeOptimizer(spec.optimizer);
    const params = mlp.params();
    opt.loadState(params, filledState(params.map((p) => p.value.length), 1, 0));
    expect(recycleDormant(mlp, opt, spec, { every: 1, tau: 0 }, set, 5)).toEqual([{ layer: 0, neurons: [2] }]);
    expect([...alpha]).toEqual([0.5, 0.5, 0.25]);
    expect([...opt.saveState(params)[4]!.buffers[0]!]).toEqual([401, 402, 0]);
  });

  it('is due every K steps after step 0, and seeds each recycle by lane and step', () => {
    expect(redoDue(null, 10)).toBe(false);
    expect(redoDue({ every: 5, tau: 0 }, 0)).toBe(false);
    expect(redoDue({ every: 5, tau: 0 }, 10)).toBe(true);
    expect(redoDue({ every: 5, tau: 0 }, 11)).toBe(false);
    expect(redoSeed(7, 0, 100)).toBe(redoSeed(7, 0, 100));
    expect(new Set([redoSeed(7, 0, 100), redoSeed(7, 1, 100), redoSeed(7, 0, 200), redoSeed(8, 0, 100)]).size).toBe(4);
  });
});

describe('what ReDo did, in words', () => {
  it('counts per lane and layer, and says why a width-1 layer was recycled', () => {
    const lines = recycleSummary(
      [
        { type: 'recycle', step: 100, lane: 1, layer: 0, neurons: [2, 5] },
        { type: 'recycle', step: 100, lane: 1, layer: 1, neurons: [0] },
        { type: 'recycle', step: 200, lane: 1, layer: 1, neurons: [0] },
      ],
      [8, 1],
      ['ReLU', 'ReLU + ReDo'],
    );
    expect(lines).toEqual([
      'ReLU + ReDo: ReDo recycled 4 neuron(s) at 2 step(s) (2 in layer 1, 2 in layer 2).',
      'ReLU + ReDo: layer 2 has one neuron; its score is 1 unless it outputs 0 on every probe row (then 0), so ReDo recycles it only when it is 0 on every row, or at every recycle when tau is 1; it was recycled 2 time(s) (incoming weights re-drawn, outgoing set to 0).',
    ]);
  });
});
