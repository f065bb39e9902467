import { describe, expect, it } from 'vitest';
import { batchedReferenceArena } from '../../../../src/core/kernels/batched-reference';
import { wasmBatchedArena } from '../../../../src/core/kernels/batched-wasm';
import { Session } from '../../../../src/core/engine/session';
import { arenaFloats, canBatch, runSweepRunsBatched } from '../../../../src/core/lab/sweep-batch';
import { BatchOrder } from '../../../../src/core/lab/sweep-batch-order';
import type { Run } from '../../../../src/core/lab/sweep-plan';
import { type RunResult, runSweepRun } from '../../../../src/core/lab/sweep-run';
import type { ActivationSpec } from '../../../../src/core/nn/activation';
import { laneSpec, type LaneSpec, type SessionSpec } from '../../../../src/core/protocol/spec';

const adam = { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 } as const;
const momentum = { kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 } as const;

/** A session spec without its seed and lanes. */
type Base = Omit<SessionSpec, 'seed' | 'lanes'>;

/** Runs of one cell (seeds 1..n) of a session spec with one lane. */
function cell(base: Base, lane: Partial<LaneSpec> & { activation: ActivationSpec }, n: number, firstSeed = 1): Run[] {
  const spec: LaneSpec = { ...laneSpec('lane', lane.activation, 0.01), optimizer: adam, clipNorm: null, init: { kind: 'he_normal', a: 0 }, ...lane };
  return Array.from({ length: n }, (_, k) => ({ index: k, cell: 0, seed: firstSeed + k, spec: { ...base, seed: firstSeed + k, lanes: [spec] } }));
}

/** Lu et al.'s collapse setting, shrunk: |x| fitted by 9 layers of width 2, full batch. */
const collapse: Base = { dataset: { kind: 'abs', samples: 80, noise: 0 }, testFraction: 0.2, hidden: [2, 2, 2, 2, 2, 2, 2, 2, 2], batchSize: 64 };
/** Two moons with minibatches of 16 (each seed its own order, reshuffled every epoch). */
const moons: Base = { dataset: { kind: 'moons', samples: 120, noise: 0.15 }, testFraction: 0.25, hidden: [8, 6], batchSize: 16 };

/** Trains the runs one by one and batched (with both arenas), and expects every field of every result to be equal. */
function expectSameBits(runs: Run[], steps: number, target: number | null): RunResult[] {
  const single = runs.map((r) => runSweepRun(r, steps, target));
  expect(canBatch(runs)).toBe(true);
  expect(runSweepRunsBatched(runs, steps, target)).toEqual(single);
  expect(runSweepRunsBatched(runs, steps, target, null, { arena: batchedReferenceArena })).toEqual(single);
  return single;
}

describe('the batched sweep path gives runSweepRun\'s bits for each run', () => {
  it('ReLU nets born dead that collapse, Adam, full batch, 5 seeds (not a multiple of 4)', () => {
    const results = expectSameBits(cell(collapse, { activation: { kind: 'relu' }, lr: 0.01 }, 5), 150, 0.5);
    expect(results.some((r) => r.collapsed && r.bornDead > 0)).toBe(true);
  });

  it('Leaky ReLU and PReLU (shared and per neuron) with RAI init, Adam and clipping', () => {
    const fitted: boolean[] = [];
    for (const activation of [{ kind: 'leaky_relu', alpha: 0.01 }, { kind: 'prelu', alpha: 0.25, perNeuron: false }, { kind: 'prelu', alpha: 0.25, perNeuron: true }] as const) {
      const results = expectSameBits(cell(collapse, { activation, lr: 0.01, clipNorm: 0.5, init: { kind: 'rai' } }, 3, 7), 120, null);
      if (activation.kind === 'prelu') expect(results.some((r) => r.slopes.some((s) => s !== 0.25))).toBe(true);
      fitted.push(...results.map((r) => !r.collapsed));
    }
    expect(fitted).toContain(true);
  });

  it('classification with minibatches, SGD with momentum, clipping and a step schedule', () => {
    const results = expectSameBits(cell(moons, { activation: { kind: 'relu' }, lr: 0.1, optimizer: momentum, clipNorm: 1, schedule: { kind: 'step', stepSize: 40, gamma: 0.5 } }, 6), 130, 0.8);
    expect(results.some((r) => r.stepsToTarget !== null)).toBe(true);
  });

  it('AdamW with weight decay, Nesterov SGD with decay, and a cosine schedule', () => {
    expectSameBits(cell(moons, { activation: { kind: 'prelu', alpha: 0.25, perNeuron: true }, lr: 0.02, optimizer: { ...adam, kind: 'adamw', weightDecay: 0.01 }, schedule: { kind: 'cosine', tMax: 50, etaMin: 0.001 } }, 4), 80, null);
    expectSameBits(cell(moons, { activation: { kind: 'leaky_relu', alpha: 0.2 }, lr: 0.05, optimizer: { ...momentum, nesterov: true, weightDecay: 0.001 } }, 3), 60, null);
  });

  it('nets that diverge at a huge learning rate, at different steps, among nets that do not', () => {
    const runs = cell({ ...collapse, hidden: [16, 16] }, { activation: { kind: 'relu' }, lr: 3, optimizer: momentum }, 9);
    const results = expectSameBits(runs, 200, null);
    expect(results.some((r) => r.divergedAt !== null)).toBe(true);
    const sgdLeaky = expectSameBits(cell(moons, { activation: { kind: 'leaky_relu', alpha: 0.01 }, lr: 40, optimizer: momentum }, 5), 100, null);
    expect(sgdLeaky.some((r) => r.divergedAt !== null)).toBe(true);
  });

  it('17 networks (a block of 16 and a tail in the kernels), and in arenas of at most 8 networks when the budget says so', () => {
    const runs = cell(collapse, { activation: { kind: 'prelu', alpha: 0.25, perNeuron: true }, lr: 0.005, clipNorm: 1 }, 17);
    const single = expectSameBits(runs, 40, null);
    const eight = arenaFloats({ inputs: 1, hidden: collapse.hidden, outputs: 1 }, 8, 64, 64, runs[0]!.spec.lanes[0]!.activation, adam, 16) + 100;
    const sizes: number[] = [];
    const counting = (floats: number) => {
      sizes.push(floats);
      return batchedReferenceArena();
    };
    expect(runSweepRunsBatched(runs, 40, null, null, { arena: counting, floats: eight })).toEqual(single);
    // 8 + 8 + 1 networks.
    expect(sizes).toHaveLength(3);
    expect(sizes.every((f) => f <= eight)).toBe(true);
    expect(runSweepRunsBatched(runs.slice(0, 3), 40, null, null, { arena: counting, floats: 1000 })).toEqual(single.slice(0, 3));
    expect(sizes).toHaveLength(3);
  });

  it('a step count that is not a multiple of the probe interval, a target reached at once, and no steps at all', () => {
    const runs = cell(moons, { activation: { kind: 'leaky_relu', alpha: 0.01 }, lr: 0.05, optimizer: momentum }, 5);
    expect(expectSameBits(runs, 37, 0.2).every((r) => r.stepsToTarget === 0 && r.steps === 37)).toBe(true);
    expect(expectSameBits(runs, 0, 0.9).every((r) => r.steps === 0)).toBe(true);
  });

  it('draws each run\'s batches in its session\'s order, across epochs', () => {
    for (const seed of [1, 2, 99]) {
      const spec = cell(moons, { activation: { kind: 'relu' } }, 1, seed)[0]!.spec;
      const session = new Session(spec);
      const order = new BatchOrder(session.train.rows, seed, spec.batchSize, batchedReferenceArena());
      const fast = new BatchOrder(session.train.rows, seed, spec.batchSize, wasmBatchedArena(10000));
      let compared = 0;
      for (let step = 0; step < 40; step++) {
        session.stepAll();
        order.next();
        fast.next();
        expect(fast.batch).toEqual(order.batch);
        const { order: perm, cursor } = session.saveState();
        if (cursor < spec.batchSize) continue;
        expect(Array.from(order.batch)).toEqual(Array.from(perm.subarray(cursor - spec.batchSize, cursor)));
        compared++;
      }
      expect(compared).toBeGreaterThan(30);
    }
  });

  it('refuses to batch runs that differ in anything but the seed, or use what it does not reproduce, and then trains them one by one', () => {
    const runs = cell(moons, { activation: { kind: 'relu' } }, 2);
    const other = { ...runs[1]!, spec: { ...runs[1]!.spec, batchSize: 8 } };
    expect(canBatch([runs[0]!, other])).toBe(false);
    expect(canBatch(cell(moons, { activation: { kind: 'rrelu', lower: 0.125, upper: 0.33 } }, 2))).toBe(false);
    expect(canBatch(cell(moons, { activation: { kind: 'relu' }, optimizer: { kind: 'rmsprop', alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, weightDecay: 0 } }, 2))).toBe(false);
    expect(canBatch(cell(moons, { activation: { kind: 'tanh' } }, 2))).toBe(false);
    expect(canBatch([])).toBe(false);
    expect(runSweepRunsBatched([runs[0]!, other], 20, null)).toEqual([runSweepRun(runs[0]!, 20, null), runSweepRun(other, 20, null)]);
  });
});
