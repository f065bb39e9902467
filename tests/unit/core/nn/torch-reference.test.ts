import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Activation } from '../../../../src/core/nn/activation';
import { LeakyRelu } from '../../../../src/core/nn/leaky-relu';
import { Prelu } from '../../../../src/core/nn/prelu';
import { Relu } from '../../../../src/core/nn/relu';

// Made by scripts/fixtures/make_torch_fixtures.py with Debian's PyTorch 1.13.
interface Case { name: string; z: number[]; value: number[]; grad: number[]; param?: number[]; paramGrad?: number[] }
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/torch/activations.json', import.meta.url), 'utf8')) as { cases: Case[] };

function make(name: string, width: number): Activation {
  const [kind, alpha] = name.split(':');
  if (kind === 'relu') return new Relu();
  if (kind === 'leaky_relu') return new LeakyRelu(Number(alpha));
  return new Prelu(width, Number(alpha), false);
}

describe.each(fixture.cases)('$name against PyTorch', (c) => {
  const width = c.z.length;
  const z = new Float32Array(c.z);

  it('gives bit-identical values on edge cases (0, -0, denormals, +-3e38)', () => {
    const a = new Float32Array(width);
    make(c.name, width).forward(z, a, 1, width, false);
    expect([...a]).toEqual(c.value.map(Math.fround));
  });

  it('gives bit-identical input gradients, and the slope gradient within float32 rounding', () => {
    const act = make(c.name, width);
    const dz = new Float32Array(width);
    act.grad?.fill(0);
    act.backward(z, new Float32Array(width).fill(1), dz, 1, width);
    expect([...dz]).toEqual(c.grad.map(Math.fround));
    if (c.paramGrad !== undefined) {
      expect(Math.fround(act.grad![0]!)).toBeCloseTo(c.paramGrad[0]!, -31); // |g| ~ 3e38: compare to 7 digits
      expect(Math.abs(act.grad![0]! / c.paramGrad[0]! - 1)).toBeLessThan(1e-6);
    }
  });
});
