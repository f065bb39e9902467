import { describe, expect, it } from 'vitest';
import { firingWithShift } from '../../../../src/core/engine/bias-what-if';
import { LEDGER_Z, neuronLedger } from '../../../../src/core/engine/neuron-ledger';

const f32 = Math.fround;

describe('the ledger of a neuron at the lesson’s six z values', () => {
  it('is the lesson page’s table for Leaky ReLU α = 0.1, with the measured upstream gradient', () => {
    const l = neuronLedger({ kind: 'leaky_relu', alpha: 0.1 }, 0.1, 2);
    expect(Array.from(l.z)).toEqual(LEDGER_Z.map(f32));
    expect(Array.from(l.relu)).toEqual([0, 0, 0, 0, f32(0.8), 2]);
    expect(Array.from(l.f)).toEqual([f32(f32(0.1) * -3), f32(f32(0.1) * -1), f32(f32(0.1) * f32(-0.2)), 0, f32(0.8), 2]);
    // PyTorch's leaky_relu_backward uses α at exactly 0.
    expect(Array.from(l.slope)).toEqual([f32(0.1), f32(0.1), f32(0.1), f32(0.1), 1, 1]);
    expect(Array.from(l.gradient)).toEqual([2 * f32(0.1), 2 * f32(0.1), 2 * f32(0.1), 2 * f32(0.1), 2, 2]);
  });

  it('uses the neuron’s learned slope under PReLU, and RReLU’s mean slope (its evaluation)', () => {
    expect(Array.from(neuronLedger({ kind: 'prelu', alpha: 0.25, perNeuron: true }, f32(0.04), 1).slope).slice(0, 4)).toEqual([f32(0.04), f32(0.04), f32(0.04), f32(0.04)]);
    const r = neuronLedger({ kind: 'rrelu', lower: 0.125, upper: 0.375 }, 0.25, 1);
    expect(r.f[1]).toBe(-0.25);
    expect(r.slope[0]).toBe(0.25);
  });

  it('gives ReLU no slope at z <= 0, ELU and GELU their smooth slopes, and NaN gradients before a step', () => {
    const relu = neuronLedger({ kind: 'relu' }, 0, Number.NaN);
    expect(Array.from(relu.slope)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(relu.gradient.every(Number.isNaN)).toBe(true);
    const elu = neuronLedger({ kind: 'elu', alpha: 1 }, 0, 1);
    expect(elu.f[1]).toBeCloseTo(Math.expm1(-1), 6);
    expect(elu.slope[1]).toBeCloseTo(Math.exp(-1), 6);
    const gelu = neuronLedger({ kind: 'gelu', approximate: 'none' }, 0, 1);
    expect(gelu.f[3]).toBe(0);
    expect(gelu.slope[3]).toBeCloseTo(0.5, 6);
    // GELU dips below 0 for negative z; ReLU's output stays 0.
    expect(gelu.f[1]).toBeLessThan(0);
    expect(gelu.relu[1]).toBe(0);
  });
});

describe('the what-if bias shift', () => {
  it('counts the rows that z + shift would lift above 0, never the ones at exactly 0', () => {
    const z = new Float32Array([-2, -0.5, 0, 0.25, 1.5]);
    expect(firingWithShift(z, 0)).toBe(2);
    expect(firingWithShift(z, 0.5)).toBe(3);
    expect(firingWithShift(z, 0.75)).toBe(4);
    expect(firingWithShift(z, -1.5)).toBe(0);
    expect(firingWithShift(z, 2)).toBe(4);
    expect(firingWithShift(z, 2.01)).toBe(5);
  });
});
