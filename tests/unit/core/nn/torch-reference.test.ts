import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActivationSpec } from '../../../../src/core/nn/activation';
import { makeActivation } from '../../../../src/core/nn/make-activation';
import { Prelu } from '../../../../src/core/nn/prelu';
import { Rrelu, rreluBackward } from '../../../../src/core/nn/rrelu';

// Made by scripts/fixtures/make_torch_fixtures.py with Debian's PyTorch 1.13: value and gradient of
// every activation on edge cases (signed zeros, denormals, +-3e38, around the kinks and thresholds).
interface Case { name: string; z: number[]; value: number[]; grad: number[]; param?: number[]; paramGrad?: number[] }
/** A [rows x width] batch with upstream gradient `up` (RReLU in training mode; PReLU shared or per channel). */
interface Batch { rows: number; width: number; z: number[]; up: number[]; value: number[]; grad: number[] }
interface RreluTrain extends Batch { lower: number; upper: number }
interface PreluGrad extends Batch { name: string; param: number[]; paramGrad: number[] }
// Non-finite numbers are stored as the strings "NaN", "Infinity" and "-Infinity"; Number() reads them back.
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/torch/activations.json', import.meta.url), 'utf8'), (_k, v: unknown) =>
  typeof v === 'string' && /^(NaN|-?Infinity)$/.test(v) ? Number(v) : v,
) as { cases: Case[]; rreluTrain: RreluTrain; preluGrad: PreluGrad[] };

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
    // After an evaluation-mode forward (RReLU's "rrelu:eval" case), backward is the mean slope's.
    act.forward(z, new Float32Array(width), 1, width, false);
    act.backward(z, new Float32Array(width).fill(1), dz, 1, width);
    const want = c.grad.map(Math.fround);
    if (exact) expect([...dz]).toEqual(want);
    else want.forEach((w, i) => expect(close(dz[i]!, w, c.z[i]), `z = ${c.z[i]}: ${dz[i]} vs ${w}`).toBe(true));
    if (c.paramGrad !== undefined) expect(Math.abs(act.grad![0]! / c.paramGrad[0]! - 1)).toBeLessThan(1e-6);
  });
});

describe('RReLU in training mode against PyTorch', () => {
  const t = fixture.rreluTrain;
  const n = t.rows * t.width;
  const z = new Float32Array(t.z);
  const up = new Float32Array(t.up);
  const [lo, hi] = [Math.fround(t.lower), Math.fround(t.upper)];
  // PyTorch draws its own slopes. Every negative z in the fixture is a power of two, so value / z is
  // exactly the slope it drew; at +-0 the value says nothing, but the gradient (up x slope) shows it drew one.
  const negative = [...z].map((v) => v < 0);
  const zero = [...z].map((v) => v === 0);
  const torchSlopes = Float32Array.from(z, (v, i) => (negative[i] ? t.value[i]! / v : Number.isNaN(v) || v > 0 ? 1 : Number.NaN));

  it('draws, like PyTorch, a slope in [lower, upper] for every z <= 0 and passes z > 0 and NaN through', () => {
    expect(negative.filter(Boolean).length).toBeGreaterThan(500);
    for (let i = 0; i < n; i++) {
      if (negative[i]) expect(Math.fround(torchSlopes[i]!), `z = ${z[i]}`).toBe(torchSlopes[i]);
      if (negative[i]) expect(torchSlopes[i]! >= lo && torchSlopes[i]! <= hi, `slope ${torchSlopes[i]}`).toBe(true);
      if (zero[i]) expect(t.grad[i]! / up[i]! >= lo - 1e-6 && t.grad[i]! / up[i]! <= hi + 1e-6, `slope at ${z[i]}`).toBe(true);
    }
  });

  it("gives PyTorch's gradient, bit for bit, given PyTorch's slopes", () => {
    const dz = new Float32Array(n);
    rreluBackward(up, torchSlopes, dz, n);
    for (let i = 0; i < n; i++) if (!zero[i]) expect(dz[i], `z = ${z[i]}`).toBe(Math.fround(t.grad[i]!));
  });

  it("draws its own slopes from PyTorch's distribution, and backward uses them", () => {
    const act = new Rrelu(t.lower, t.upper, 11);
    const a = new Float32Array(n);
    const dz = new Float32Array(n);
    const ours: number[] = [];
    for (let round = 0; round < 4; round++) {
      act.forward(z, a, t.rows, t.width, true);
      act.backward(z, up, dz, t.rows, t.width);
      for (let i = 0; i < n; i++) {
        if (!(z[i]! <= 0)) {
          // z > 0 and NaN: PyTorch's value and gradient, bit for bit.
          expect(Object.is(a[i], Math.fround(t.value[i]!)) && dz[i] === Math.fround(t.grad[i]!), `z = ${z[i]}`).toBe(true);
          continue;
        }
        const slope = dz[i]! / up[i]!;
        expect(slope >= lo - 1e-6 && slope <= hi + 1e-6, `slope ${slope}`).toBe(true);
        if (negative[i]) {
          // The backward used the slope the forward drew (a / z is exact: z is a power of two).
          expect(dz[i]).toBe(Math.fround(up[i]! * (a[i]! / z[i]!)));
          ours.push(a[i]! / z[i]!);
        }
      }
    }
    // Same distribution: means within 4 standard errors of each other (U(1/8, 1/3) has sd 0.06).
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const theirs = [...torchSlopes].filter((_, i) => negative[i]);
    const se = ((t.upper - t.lower) / Math.sqrt(12)) * Math.sqrt(1 / ours.length + 1 / theirs.length);
    expect(Math.abs(mean(ours) - mean(theirs))).toBeLessThan(4 * se);
    expect(Math.abs(mean(ours) - (t.lower + t.upper) / 2)).toBeLessThan(4 * se);
  });
});

describe.each(fixture.preluGrad)('$name: α gradient against PyTorch', (c) => {
  const n = c.rows * c.width;
  const z = new Float32Array(c.z);
  const up = new Float32Array(c.up);

  it('gives the same values and input gradients bit for bit, and the same α gradient per channel', () => {
    const perChannel = c.param.length > 1;
    const act = new Prelu(c.width, 0.25, perChannel);
    act.param.set(c.param);
    act.grad.fill(0);
    const a = new Float32Array(n);
    const dz = new Float32Array(n);
    act.forward(z, a, c.rows, c.width);
    act.backward(z, up, dz, c.rows, c.width);
    expect([...a]).toEqual(c.value.map(Math.fround));
    expect([...dz]).toEqual(c.grad.map(Math.fround));
    expect(act.grad.length).toBe(c.paramGrad.length);
    // A float32 sum's rounding grows with the sum of its terms' sizes (PyTorch sums in another order).
    for (let p = 0; p < act.grad.length; p++) {
      let size = 0;
      let terms = 0;
      for (let i = 0; i < n; i++) {
        if ((!perChannel || i % c.width === p) && !(z[i]! > 0)) {
          size += Math.abs(z[i]! * up[i]!);
          terms++;
        }
      }
      expect(Math.abs(act.grad[p]! - c.paramGrad[p]!), `α ${p}`).toBeLessThanOrEqual((terms + c.width) * 2 ** -24 * size);
    }
    // The channel that is positive throughout gets no α gradient.
    if (perChannel) expect(c.paramGrad[2]).toBe(0);
  });
});
