import { describe, expect, it } from 'vitest';
import { Session } from '../../../../src/core/engine/session';
import { stateBytes } from '../../../../src/core/engine/session-state';
import { digestFloat32 } from '../../../../src/core/math/digest';
import type { ActivationSpec } from '../../../../src/core/nn/activation';
import { defaultSessionSpec, laneSpec, type SessionSpec } from '../../../../src/core/protocol/spec';

const digests = (s: Session) => s.lanes.map((l) => digestFloat32(l.mlp.params().map((p) => p.value)));

/** Lanes covering every kind of state: momentum, Adam's step counts, RMSprop's three buffers, PReLU slopes, RReLU's noise stream. */
function busySpec(): SessionSpec {
  const base = defaultSessionSpec();
  const lane = (name: string, activation: ActivationSpec, lr: number, optimizer: SessionSpec['lanes'][number]['optimizer']) => ({ ...laneSpec(name, activation, lr), optimizer });
  return {
    ...base,
    batchSize: 7,
    lanes: [
      lane('sgd relu', { kind: 'relu' }, 0.3, { kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 1e-4 }),
      lane('adam prelu', { kind: 'prelu', alpha: 0.25, perNeuron: true }, 0.01, { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }),
      lane('rmsprop rrelu', { kind: 'rrelu', lower: 1 / 8, upper: 1 / 3 }, 0.001, { kind: 'rmsprop', alpha: 0.99, eps: 1e-8, momentum: 0.5, centered: true, weightDecay: 0 }),
      lane('adamw leaky', { kind: 'leaky_relu', alpha: 0.01 }, 0.01, { kind: 'adamw', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }),
    ],
  };
}

function train(s: Session, steps: number): void {
  for (let i = 0; i < steps; i++) s.stepAll();
}

describe('Session state', () => {
  it('train 0..N, save, restore into a new session, train to M: the same bits, metrics and history as training 0..M', () => {
    const spec = busySpec();
    const direct = new Session(spec);
    const first = new Session(spec);
    // Cross several epochs (the training part has 400 rows, a batch 7) and a hot-swap with its re-probe.
    train(direct, 130);
    train(first, 130);
    for (const s of [direct, first]) s.setActivation(0, { kind: 'prelu', alpha: 0.1, perNeuron: false });
    train(direct, 1_000);
    train(first, 1_000);
    const saved = first.saveState();
    train(first, 5); // the original goes on: the state must be a copy, not a view
    const restored = new Session(spec);
    restored.loadState(saved);
    expect(restored.step).toBe(1_130);
    train(direct, 777);
    train(restored, 777);
    expect(digests(restored)).toEqual(digests(direct));
    expect(restored.metrics()).toEqual(direct.metrics());
    expect(restored.log.toHistory()).toEqual(direct.log.toHistory());
    expect(restored.saveState().lanes.map((l) => l.tracker)).toEqual(direct.saveState().lanes.map((l) => l.tracker));
  });

  it('shares the batch order between states of one epoch, and counts it once', () => {
    const s = new Session({ ...defaultSessionSpec(), batchSize: 16 });
    const a = s.saveState();
    s.stepAll();
    const b = s.saveState();
    expect(b.order).toBe(a.order);
    train(s, 100); // 400 training rows: a new epoch every 25 steps
    const c = s.saveState();
    expect(c.order).not.toBe(a.order);
    expect(stateBytes(b, a)).toBeLessThan(stateBytes(c, b));
  });

  it('refuses a state of another shape, naming what differs', () => {
    const s = new Session(defaultSessionSpec());
    const other = new Session({ ...defaultSessionSpec(), lanes: [defaultSessionSpec().lanes[0]!] });
    expect(() => other.loadState(s.saveState())).toThrow(/2 lane\(s\), the session 1/);
    const wider = new Session({ ...defaultSessionSpec(), hidden: [9, 8] });
    expect(() => wider.loadState(s.saveState())).toThrow(/values|neurons/);
  });
});
