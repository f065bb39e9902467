import { describe, expect, it } from 'vitest';
import type { ActivationSpec } from '../../../src/core/nn/activation';
import { defaultSessionSpec, laneSpec } from '../../../src/core/protocol/spec';
import { scenarios } from '../../../src/core/engine/scenarios';
import { ACTIVATION_OPTIONS, choiceOf, specOfChoice } from '../../../src/renderer/state/activation-choices';
import { optimizerTitle } from '../../../src/renderer/state/optimizer-label';

describe('the activation picker', () => {
  it("offers PReLU twice: one α as PyTorch's nn.PReLU(), and one per neuron", () => {
    const prelu = ACTIVATION_OPTIONS.filter((o) => o.value === 'prelu' || o.value === 'prelu_per_neuron');
    expect(prelu.map((o) => o.label)).toEqual(["PReLU (one α, PyTorch's nn.PReLU())", 'PReLU per neuron']);
    expect(specOfChoice('prelu', null)).toEqual({ kind: 'prelu', alpha: 0.25, perNeuron: false });
    expect(specOfChoice('prelu_per_neuron', null)).toEqual({ kind: 'prelu', alpha: 0.25, perNeuron: true });
    // Their tooltips say what differs from PyTorch: α gets no weight decay.
    for (const o of prelu) expect(o.title).toContain('Weight decay on PReLU α: none');
    expect(new Set(ACTIVATION_OPTIONS.map((o) => o.value)).size).toBe(ACTIVATION_OPTIONS.length);
  });

  it('shows each lane on the option that gives back its spec (the per-neuron scenarios on "PReLU per neuron")', () => {
    const specs: ActivationSpec[] = scenarios().flatMap((s) => s.experiment.spec.lanes.map((l) => l.activation));
    expect(specs).toContainEqual({ kind: 'prelu', alpha: 0.25, perNeuron: true });
    for (const spec of specs) {
      const back = specOfChoice(choiceOf(spec), 'alpha' in spec ? spec.alpha : null);
      expect(back, JSON.stringify(spec)).toEqual(spec);
    }
    expect(choiceOf({ kind: 'prelu', alpha: 0.25, perNeuron: true })).toBe('prelu_per_neuron');
    expect(choiceOf({ kind: 'prelu', alpha: 0.25, perNeuron: false })).toBe('prelu');
    expect(specOfChoice('leaky_relu', null)).toBeNull();
  });
});

describe("the optimizer's tooltip", () => {
  it("says where the default lane differs from PyTorch's defaults", () => {
    const t = optimizerTitle(defaultSessionSpec().lanes[0]);
    expect(t).toContain('torch.optim.SGD: momentum 0.9, dampening 0, no weight decay.');
    expect(t).toContain('SGD momentum: 0.9');
    expect(t).toContain('torch.optim.SGD has momentum=0');
    expect(t).toContain('Weight decay on PReLU α: none');
    expect(t).toContain('Gradients clipped to norm 1.');
  });

  it("names AdamW's weight decay difference, and no clipping when there is none", () => {
    const lane = { ...laneSpec('a', { kind: 'relu' }, 0.01), optimizer: { kind: 'adamw', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 } as const, clipNorm: null };
    const t = optimizerTitle(lane);
    expect(t).toContain('torch.optim.AdamW has weight_decay=0.01');
    expect(t).not.toContain('clipped');
  });
});
