import { describe, expect, it } from 'vitest';
import { ACTIVATION_KINDS, type ActivationSpec, activationCode, defaultActivation } from '../../../src/core/nn/activation';
import { TORCH_DIFFERENCES } from '../../../src/core/protocol/torch-differences';
import { HELP, parseCommandLine, type RunArgs } from '../../../src/cli/args';
import { parseActivation, specFromFlags } from '../../../src/cli/spec-from-flags';

function run(...flags: string[]) {
  const p = parseCommandLine(['run', ...flags]);
  if (p.kind !== 'run') throw new Error(`not a run: ${JSON.stringify(p)}`);
  return specFromFlags(p.args as RunArgs);
}

describe('--activation', () => {
  it('gives PReLU one shared α, as nn.PReLU() does, unless per-neuron is asked for', () => {
    expect(defaultActivation('prelu')).toEqual({ kind: 'prelu', alpha: 0.25, perNeuron: false });
    expect(parseActivation('prelu')).toEqual({ kind: 'prelu', alpha: 0.25, perNeuron: false });
    expect(parseActivation('prelu:0.1')).toEqual({ kind: 'prelu', alpha: 0.1, perNeuron: false });
    expect(parseActivation('prelu:0.1:shared')).toEqual({ kind: 'prelu', alpha: 0.1, perNeuron: false });
    expect(parseActivation('prelu:per-neuron')).toEqual({ kind: 'prelu', alpha: 0.25, perNeuron: true });
    expect(parseActivation('prelu:0.1:per-neuron')).toEqual({ kind: 'prelu', alpha: 0.1, perNeuron: true });
    const r = run('--activation', 'prelu');
    expect(r.ok && r.spec.lanes[0]!.activation).toEqual({ kind: 'prelu', alpha: 0.25, perNeuron: false });
  });

  it('refuses a PReLU spelling it does not know, saying the right one', () => {
    for (const bad of ['prelu:per-neuron:0.1', 'prelu:0.1:0.2', 'prelu:each', 'prelu:2']) expect(parseActivation(bad), bad).toMatch(/^--activation prelu/);
    expect(parseActivation('prelu:each')).toContain('prelu:0.25:per-neuron');
  });

  it('reads back every activationCode as the same spec (both PReLU forms included)', () => {
    const specs: ActivationSpec[] = [
      ...ACTIVATION_KINDS.map(defaultActivation),
      { kind: 'leaky_relu', alpha: 0.2 },
      { kind: 'prelu', alpha: 0.1, perNeuron: true },
      { kind: 'prelu', alpha: 0.25, perNeuron: true },
      { kind: 'rrelu', lower: 0.1, upper: 0.3 },
      { kind: 'gelu', approximate: 'tanh' },
      { kind: 'softplus', beta: 2, threshold: 20 },
    ];
    for (const s of specs) expect(parseActivation(activationCode(s)), activationCode(s)).toEqual(s);
    expect(activationCode({ kind: 'prelu', alpha: 0.25, perNeuron: true })).toBe('prelu:0.25:per-neuron');
    expect(activationCode({ kind: 'prelu', alpha: 0.25, perNeuron: false })).toBe('prelu:0.25');
  });
});

describe('optimizer flags', () => {
  const optimizer = (...flags: string[]) => {
    const r = run(...flags);
    if (!r.ok) throw new Error(r.message);
    return r.spec.lanes[0]!.optimizer;
  };

  it('defaults: SGD with momentum 0.9 (ours), RMSprop with momentum 0 and AdamW without decay', () => {
    expect(optimizer()).toEqual({ kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 });
    expect(optimizer('--optimizer', 'rmsprop')).toEqual({ kind: 'rmsprop', alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, weightDecay: 0 });
    expect(optimizer('--optimizer', 'adamw')).toEqual({ kind: 'adamw', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    expect(optimizer('--optimizer', 'rmsprop', '--momentum', '0.5')).toMatchObject({ momentum: 0.5 });
  });

  it('builds Nesterov and dampened SGD', () => {
    expect(optimizer('--nesterov')).toEqual({ kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0 });
    expect(optimizer('--dampening', '0.5', '--momentum', '0.8')).toEqual({ kind: 'sgd', momentum: 0.8, dampening: 0.5, nesterov: false, weightDecay: 0 });
  });

  it.each([
    [['--nesterov', '--momentum', '0'], /^--nesterov is refused: .*Nesterov momentum requires a momentum and zero dampening/],
    [['--nesterov', '--dampening', '0.1'], /^--dampening is refused: .*Nesterov momentum requires a momentum and zero dampening/],
    [['--optimizer', 'adam', '--nesterov'], /^--nesterov applies to --optimizer sgd only/],
    [['--optimizer', 'rmsprop', '--dampening', '0.1'], /^--dampening applies to --optimizer sgd only/],
    [['--optimizer', 'adam', '--momentum', '0.9'], /^--momentum applies to sgd and rmsprop/],
    [['--dampening', 'x'], /^--dampening must be a finite number/],
    [['--dampening', '2'], /^--dampening is out of range/],
  ])('refuses %j naming the flag', (flags, pattern) => {
    const r = run(...flags);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(pattern);
  });
});

describe('--help', () => {
  it('lists every deliberate difference from PyTorch and the flags that set them', () => {
    const flat = HELP.replace(/\s+/g, ' ');
    for (const d of TORCH_DIFFERENCES) for (const text of [d.topic, d.ours, d.torch]) expect(flat).toContain(text);
    for (const flag of ['--dampening', '--nesterov', 'prelu[:ALPHA]:per-neuron']) expect(HELP).toContain(flag);
  });
});
