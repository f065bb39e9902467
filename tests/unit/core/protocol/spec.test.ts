import { describe, expect, it } from 'vitest';
import { parseSessionSpec } from '../../../../src/core/protocol/messages';
import { defaultSessionSpec, laneSpec } from '../../../../src/core/protocol/spec';

const base = defaultSessionSpec();
const lane0 = base.lanes[0]!;
const sgd = { kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 } as const;

describe('session spec validation', () => {
  it('accepts the default spec and every activation, optimizer, schedule and init', () => {
    expect(parseSessionSpec(base).ok).toBe(true);
    const lanes = [
      { ...laneSpec('a', { kind: 'rrelu', lower: 0.125, upper: 1 / 3 }, 0.1), optimizer: { kind: 'adamw', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 } as const },
      { ...laneSpec('b', { kind: 'gelu', approximate: 'tanh' }, 0.1), schedule: { kind: 'cosine', tMax: 100, etaMin: 0 } as const, clipNorm: 1 },
      { ...laneSpec('c', { kind: 'softplus', beta: 2, threshold: 20 }, 0.1), init: { kind: 'rai' } as const, biasShift: -2 },
    ];
    expect(parseSessionSpec({ ...base, lanes }).ok).toBe(true);
    // ReDo and the dormant threshold are optional (older files have neither); tau 0 and 1 are the bounds.
    expect(parseSessionSpec({ ...base, lanes: [{ ...lane0, tau: 0, redo: { every: 1, tau: 1 } }, { ...lane0, redo: null }] }).ok).toBe(true);
  });

  it.each([
    ['an unknown activation', { ...base, lanes: [{ ...lane0, activation: { kind: 'swish' } }] }, 'lanes.0.activation.kind'],
    ['a negative width', { ...base, hidden: [16, -4] }, 'hidden.1'],
    ['a NaN learning rate', { ...base, lanes: [{ ...lane0, lr: Number.NaN }] }, 'lanes.0.lr'],
    ['an alpha outside [0, 1]', { ...base, lanes: [{ ...lane0, activation: { kind: 'leaky_relu', alpha: 1.5 } }] }, 'lanes.0.activation.alpha'],
    ['RReLU bounds the wrong way round', { ...base, lanes: [{ ...lane0, activation: { kind: 'rrelu', lower: 0.5, upper: 0.1 } }] }, 'lanes.0.activation.upper'],
    ['five lanes', { ...base, lanes: [lane0, lane0, lane0, lane0, lane0] }, 'lanes'],
    ['an unknown field', { ...base, colour: 'red' }, 'colour'],
    ['an unknown optimizer', { ...base, lanes: [{ ...lane0, optimizer: { kind: 'lbfgs' } }] }, 'lanes.0.optimizer.kind'],
    ['a zero batch', { ...base, batchSize: 0 }, 'batchSize'],
    ['Nesterov without momentum', { ...base, lanes: [{ ...lane0, optimizer: { ...sgd, momentum: 0, nesterov: true } }] }, 'lanes.0.optimizer.nesterov'],
    ['Nesterov with dampening', { ...base, lanes: [{ ...lane0, optimizer: { ...sgd, dampening: 0.1, nesterov: true } }] }, 'lanes.0.optimizer.dampening'],
    ['a dormant threshold above 1', { ...base, lanes: [{ ...lane0, tau: 1.5 }] }, 'lanes.0.tau'],
    ['ReDo every 0 steps', { ...base, lanes: [{ ...lane0, redo: { every: 0, tau: 0.025 } }] }, 'lanes.0.redo.every'],
    ['ReDo with a negative tau', { ...base, lanes: [{ ...lane0, redo: { every: 1000, tau: -0.1 } }] }, 'lanes.0.redo.tau'],
    ['ReDo with tau above 1', { ...base, lanes: [{ ...lane0, redo: { every: 1000, tau: 2 } }] }, 'lanes.0.redo.tau'],
  ])('refuses %s, naming the field', (_what, spec, field) => {
    const r = parseSessionSpec(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.message).toContain(`"${field}"`);
    }
  });

  it('refuses Nesterov where torch.optim.SGD does, with its reason, and accepts what it accepts', () => {
    const opt = (o: object) => parseSessionSpec({ ...base, lanes: [{ ...lane0, optimizer: { ...sgd, ...o } }] });
    for (const o of [{ momentum: 0, nesterov: true }, { dampening: 0.5, nesterov: true }]) {
      const r = opt(o);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('Nesterov momentum requires a momentum and zero dampening');
    }
    // PyTorch accepts these: Nesterov with momentum and no dampening, dampening without Nesterov, plain SGD.
    for (const o of [{ nesterov: true }, { dampening: 0.5 }, { momentum: 0 }, { momentum: 0, dampening: 0.5 }]) expect(opt(o).ok, JSON.stringify(o)).toBe(true);
  });
});
