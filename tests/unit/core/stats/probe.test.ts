import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/core/math/rng';
import { initLayer } from '../../../../src/core/nn/init';
import { Mlp } from '../../../../src/core/nn/mlp';
import { HIST_BINS, histogramBin, nextRange } from '../../../../src/core/stats/histogram';
import { HISTOGRAM_ROWS, layerHistograms, makeProbeCounts, probe } from '../../../../src/core/stats/probe';
import { randomArray } from '../../../helpers/finite-difference';

describe('probe', () => {
  // 700 rows with capacity 256: three chunks, the histogram covering the first 512 rows only.
  const rows = 700;
  const mlp = new Mlp({ inputs: 3, hidden: [8, 5], outputs: 2 }, { kind: 'relu' }, 256);
  const rng = new Rng(1);
  for (const layer of mlp.layers) initLayer(layer, { kind: 'torch_default' }, 0, rng);
  mlp.layers[1]!.bias[0] = -100; // neuron 0 of layer 2 is dead for every input
  const x = randomArray(rows * 3, 5, 2);
  const y = new Int32Array(rows).map((_, i) => i % 2);

  // The same statistics computed naively, one row at a time.
  function naive() {
    const active = new Array<number>(13).fill(0);
    const zeros = [0, 0];
    const z1: number[] = [];
    for (let r = 0; r < rows; r++) {
      mlp.forward(x.subarray(r * 3, r * 3 + 3), 1);
      [8, 5].forEach((w, l) => {
        for (let j = 0; j < w; j++) {
          const z = mlp.z[l]![j]!;
          if (z > 0) active[(l === 0 ? 0 : 8) + j]!++;
          if (mlp.a[l]![j] === 0) zeros[l]!++;
          if (l === 0 && r < HISTOGRAM_ROWS) z1.push(z);
        }
      });
    }
    return { active, zeros, z1 };
  }

  it('counts active rows per neuron and exact zeros per layer over every chunk', () => {
    const counts = makeProbeCounts([8, 5]);
    probe(mlp, { x, y, t: new Float32Array(0), rows }, counts);
    const want = naive();
    expect([...counts.active]).toEqual(want.active);
    expect([...counts.zeros]).toEqual(want.zeros);
    expect(counts.active[8]).toBe(0);
  });

  it('bins the first HISTOGRAM_ROWS rows over a range that covers the largest |z|', () => {
    const hist = layerHistograms(mlp, { x, y, t: new Float32Array(0), rows });
    const { z1 } = naive();
    const range = hist.ranges[0]!;
    expect(range).toBe(nextRange(Math.max(...z1.map(Math.abs))));
    const want = new Array<number>(HIST_BINS).fill(0);
    for (const z of z1) want[histogramBin(z, range)]!++;
    expect([...hist.counts.subarray(0, HIST_BINS)]).toEqual(want);
    expect(want.reduce((s, c) => s + c, 0)).toBe(HISTOGRAM_ROWS * 8);
    // Layer 2 holds z = -100 + ...: its range must cover it.
    expect(hist.ranges[1]).toBeGreaterThanOrEqual(64);
  });

  it('puts z = 0 on a bin edge and clamps the tails into the end bins', () => {
    expect(histogramBin(0, 4)).toBe(HIST_BINS / 2);
    expect(histogramBin(-1e-9, 4)).toBe(HIST_BINS / 2 - 1);
    expect(histogramBin(-1e9, 4)).toBe(0);
    expect(histogramBin(1e9, 4)).toBe(HIST_BINS - 1);
    expect(histogramBin(Number.NaN, 4)).toBe(HIST_BINS - 1);
    expect(nextRange(0)).toBe(1);
    expect(nextRange(5)).toBe(8);
    expect(nextRange(Infinity)).toBe(1048576);
  });
});
