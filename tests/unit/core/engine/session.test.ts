import { describe, expect, it } from 'vitest';
import { Session } from '../../../../src/core/engine/session';
import { defaultSessionSpec, laneSpec, type SessionSpec } from '../../../../src/core/protocol/spec';

const sgd = (momentum: number) => ({ kind: 'sgd', momentum, dampening: 0, nesterov: false, weightDecay: 0 }) as const;

function weightsOf(s: Session, lane: number): number[] {
  return s.lanes[lane]!.mlp.layers.flatMap((d) => [...d.weight, ...d.bias]);
}

const relu = { kind: 'relu' } as const;

describe('Session', () => {
  it('is bit-for-bit reproducible: same spec, same weights after 300 steps', () => {
    const a = new Session(defaultSessionSpec());
    const b = new Session(defaultSessionSpec());
    for (let i = 0; i < 300; i++) {
      a.stepAll();
      b.stepAll();
    }
    expect(weightsOf(a, 0)).toEqual(weightsOf(b, 0));
    expect(weightsOf(a, 1)).toEqual(weightsOf(b, 1));
    const other = new Session({ ...defaultSessionSpec(), seed: 8 });
    expect(weightsOf(other, 0)).not.toEqual(weightsOf(new Session(defaultSessionSpec()), 0));
  });

  it('starts every lane from identical weights and keeps them identical when lanes are identical', () => {
    const spec: SessionSpec = { ...defaultSessionSpec(), lanes: [0, 1, 2].map((i) => ({ ...laneSpec(`L${i}`, relu, 0.1), optimizer: sgd(0.9) })) };
    const s = new Session(spec);
    expect(weightsOf(s, 1)).toEqual(weightsOf(s, 0));
    for (let i = 0; i < 50; i++) s.stepAll();
    expect(weightsOf(s, 2)).toEqual(weightsOf(s, 0));
  });

  it('reset returns to the initial weights and replays the same batches', () => {
    const s = new Session(defaultSessionSpec());
    const initial = weightsOf(s, 0);
    for (let i = 0; i < 40; i++) s.stepAll();
    const after40 = weightsOf(s, 0);
    s.reset();
    expect(weightsOf(s, 0)).toEqual(initial);
    expect(s.lanes[0]!.step).toBe(0);
    for (let i = 0; i < 40; i++) s.stepAll();
    expect(weightsOf(s, 0)).toEqual(after40);
  });

  it('kills ReLU neurons at a high learning rate, and a hot-swap to Leaky ReLU revives some, keeping the weights', () => {
    const s = new Session(defaultSessionSpec());
    for (let i = 0; i < 3000; i++) s.stepAll();
    const before = s.snapshot(1, false, 0).lanes[0]!;
    const deadBefore = before.dead.reduce((n, d) => n + d, 0);
    expect(deadBefore).toBeGreaterThan(4);
    const w = weightsOf(s, 0);
    s.setActivation(0, { kind: 'leaky_relu', alpha: 0.1 });
    expect(weightsOf(s, 0)).toEqual(w);
    expect(s.lanes[0]!.step).toBe(3000);
    for (let i = 0; i < 3000; i++) s.stepAll();
    const after = s.snapshot(2, false, 0).lanes[0]!;
    expect(after.revivals).toBeGreaterThan(0);
    expect(Math.max(...after.lastRevived)).toBeGreaterThan(3000);
  });

  it('carries the slope over when PReLU takes over, so the swap itself changes no output', () => {
    const s = new Session({ ...defaultSessionSpec(), lanes: [{ ...laneSpec('L', { kind: 'leaky_relu', alpha: 0.2 }, 0.05), optimizer: sgd(0.9) }] });
    for (let i = 0; i < 20; i++) s.stepAll();
    const x = s.train.x.subarray(0, 64);
    const before = s.lanes[0]!.mlp.forward(x, 32).slice();
    s.setActivation(0, { kind: 'prelu', alpha: 0.25, perNeuron: true });
    expect([...s.lanes[0]!.mlp.activations[0]!.param!].every((a) => a === Math.fround(0.2))).toBe(true);
    expect(s.lanes[0]!.mlp.forward(x, 32)).toEqual(before);
  });

  it('stops a diverging lane with its step and a reason, while the other lane goes on', () => {
    const spec: SessionSpec = {
      ...defaultSessionSpec(),
      lanes: [
        // Unclipped: clipping (the default) would bound its steps.
        { ...laneSpec('wild', { kind: 'leaky_relu', alpha: 1 }, 100), optimizer: sgd(0.99), clipNorm: null },
        { ...laneSpec('calm', relu, 0.05), optimizer: sgd(0.9) },
      ],
    };
    const s = new Session(spec);
    for (let i = 0; i < 500; i++) s.stepAll();
    const [wild, calm] = s.snapshot(1, false, 0).lanes;
    expect(wild!.diverged).not.toBeNull();
    expect(wild!.diverged!.reason).toMatch(/learning rate/);
    expect(wild!.step).toBeLessThan(500);
    expect(calm!.diverged).toBeNull();
    expect(calm!.step).toBe(500);
    expect(calm!.trainScore).toBeGreaterThan(0.8);
  });

  it('starts lanes with a different init or bias shift from their own weights, and a negative shift kills neurons at birth', () => {
    const spec: SessionSpec = {
      ...defaultSessionSpec(),
      lanes: [laneSpec('A', relu, 0.1), laneSpec('B', relu, 0.1), { ...laneSpec('bad init', relu, 0.1), biasShift: -3 }, { ...laneSpec('He', relu, 0.1), init: { kind: 'he_normal', a: 0 } }],
    };
    const s = new Session(spec);
    expect(weightsOf(s, 1)).toEqual(weightsOf(s, 0));
    expect(weightsOf(s, 2)).not.toEqual(weightsOf(s, 0));
    expect(weightsOf(s, 3)).not.toEqual(weightsOf(s, 0));
    const m = s.metrics();
    // Step 0 statistics: a bias of -3 on the hidden layers leaves most neurons silent for every input.
    expect(m[2]!.deadPercent[0]!).toBeGreaterThan(m[0]!.deadPercent[0]! + 40);
    const born = s.lanes[2]!.tracker.bornInactive.reduce((n, d) => n + d, 0);
    expect(born).toBeGreaterThan(10);
    expect(m[2]!.bornDead).toBe(born);
  });

  it('trains each lane with its own optimizer, schedule and clipping', () => {
    const spec: SessionSpec = {
      ...defaultSessionSpec(),
      lanes: [
        { ...laneSpec('adam', relu, 0.01), optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 } },
        { ...laneSpec('clipped', relu, 1), optimizer: { kind: 'sgd', momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 }, clipNorm: 1e-3 },
        { ...laneSpec('decaying', relu, 0.1), schedule: { kind: 'step', stepSize: 1, gamma: 0 } },
      ],
    };
    const s = new Session(spec);
    const before = [weightsOf(s, 1), weightsOf(s, 2)];
    s.stepAll();
    s.stepAll();
    // Clipped to a gradient norm of 1e-3 at lr 1: no weight moves by more than 1e-3 per step.
    const moved = weightsOf(s, 1).map((w, i) => Math.abs(w - before[0]![i]!));
    expect(Math.max(...moved)).toBeLessThanOrEqual(2e-3 + 1e-7);
    expect(Math.max(...moved)).toBeGreaterThan(0);
    // gamma 0 every step: the second step has a learning rate of 0, so only the first step moved the weights.
    const afterOne = new Session(spec);
    afterOne.stepAll();
    expect(weightsOf(s, 2)).toEqual(weightsOf(afterOne, 2));
    expect(s.metrics()[0]!.loss).toBeLessThan(1);
  });
});
