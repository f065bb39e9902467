import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActivationSpec } from '../../../../src/core/nn/activation';
import { makeActivation } from '../../../../src/core/nn/make-activation';

// Made by scripts/fixtures/make_torch_fixtures.py with Debian's PyTorch 1.13: value and gradient of
// every activation on edge cases (signed zeros, denormals, +-3e38, around the kinks and thresholds).
interface Case { name: string; z: number[]; value: number[]; grad: number[]; param?: number[]; paramGrad?: number[] }
// Non-finite numbers are stored as the strings "NaN", "Infinity" and "-Infinity"; Number() reads them back.
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/torch/activations.json', import.meta.url), 'utf8'), (_k, v: unknown) =>
  typeof v === 'string' && /^(NaN|-?Infinity)$/.test(v) ? Number(v) : v,
) as { cases: Case[] };

/** The fixture's case names ("leaky_relu:0.3", "rrelu:eval", "gelu:tanh") as specs. */
function specOf(name: string): ActivationSpec {
  const [kind, arg] = name.split(':');
  switch (kind) {
    case 'leaky_relu':
      return { kind, alpha: Number(arg) };
    case 'prelu':
      return { kind, alpha: Number(arg), perNeuron: false };
    case 'rrelu':
      return { kind, lower: 1 / 8, upper: 1 / 3 };
    case 'elu':
      return { kind, alpha: Number(arg) };
    case 'gelu':
      return { kind, approximate: arg === 'tanh' ? 'tanh' : 'none' };
    case 'softplus':
      return { kind, beta: Number(arg), threshold: 20 };
    default:
      return { kind } as ActivationSpec;
  }
}

// The ReLU family is piecewise linear: PyTorch's results are reproduced bit for bit, signed zeros
// included. The smooth ones go through exp, erf and tanh: PyTorch evaluates them in float32 and loses
// digits to cancellation (ELU's exp(z) - 1 near 0, tanh-GELU's 1 + tanh(u) near -5: up to 30% relative
// there), while the engine evaluates in float64 and rounds once. They must agree within float32 rounding
// at the scale of the inputs: 4 ulps of max(1, |z|, |f|), with +0 equal to -0.
const PIECEWISE = new Set(['relu', 'leaky_relu', 'prelu', 'rrelu', 'identity']);

/**
 * One deliberate difference: PyTorch's tanh-GELU gradient is NaN for |z| >= 1e30 because z^3 overflows
 * float32 (inf * 0). The engine computes in float64 and returns the true limit (0 below, 1 above), so a
 * huge pre-activation cannot poison training with NaN. Where PyTorch gives NaN, ours must be that limit.
 */
function close(ours: number, theirs: number, z = 0): boolean {
  if (Number.isNaN(theirs)) return ours === (z > 0 ? 1 : 0);
  return Math.abs(ours - theirs) <= 4 * 2 ** -23 * Math.max(1, Math.abs(z), Math.abs(theirs));
}

describe.each(fixture.cases)('$name against PyTorch', (c) => {
  const width = c.z.length;
  const z = new Float32Array(c.z);
  const exact = PIECEWISE.has(c.name.split(':')[0]!);

  it('gives the same values on edge cases', () => {
    const a = new Float32Array(width);
    makeActivation(specOf(c.name), width, 0).forward(z, a, 1, width, false);
    const want = c.value.map(Math.fround);
    if (exact) expect([...a]).toEqual(want);
    else want.forEach((w, i) => expect(close(a[i]!, w, c.z[i]), `z = ${c.z[i]}: ${a[i]} vs ${w}`).toBe(true));
  });

  it('gives the same input gradients (and PReLU slope gradient)', () => {
    const act = makeActivation(specOf(c.name), width, 0);
    const dz = new Float32Array(width);
    act.grad?.fill(0);
    // RReLU is differentiated in training mode only; its eval gradient is the mean slope, as for Leaky ReLU.
    const forBackward = c.name === 'rrelu:eval' ? makeActivation({ kind: 'leaky_relu', alpha: (1 / 8 + 1 / 3) / 2 }, width, 0) : act;
    forBackward.backward(z, new Float32Array(width).fill(1), dz, 1, width);
    const want = c.grad.map(Math.fround);
    if (exact) expect([...dz]).toEqual(want);
    else want.forEach((w, i) => expect(close(dz[i]!, w, c.z[i]), `z = ${c.z[i]}: ${dz[i]} vs ${w}`).toBe(true));
    if (c.paramGrad !== undefined) expect(Math.abs(act.grad![0]! / c.paramGrad[0]! - 1)).toBeLessThan(1e-6);
  });
});
