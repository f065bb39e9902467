// The neuron inspector's drawing data (z = 0 contour, z colours, shares), how the controller keeps the
// engine's measurement of the inspected neuron, and the mirrored chart history of PReLU slopes, on
// snapshots of the real engine.
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/core/engine/session';
import { neuronLedger } from '../../../src/core/engine/neuron-ledger';
import type { InspectedNeuron } from '../../../src/core/protocol/messages';
import { defaultSessionSpec, laneSpec } from '../../../src/core/protocol/spec';
import { ALPHA_CHART, chartSpecs, R2_FLOOR } from '../../../src/renderer/charts/chart-specs';
import { zColor } from '../../../src/renderer/charts/diverging';
import { maxAbsOf, positiveShare } from '../../../src/renderer/charts/response-stats';
import { aroundData } from '../../../src/renderer/charts/uplot-options';
import { zeroContour } from '../../../src/renderer/charts/zero-contour';
import { MetricHistory } from '../../../src/renderer/state/history';
import { keepInspection } from '../../../src/renderer/state/inspection';

/** Segments of a contour as [[x0, y0], [x1, y1]] pairs rounded to 1e-6. */
function segments(c: Float32Array): number[][][] {
  const out: number[][][] = [];
  const r = (v: number): number => Math.round(v * 1e6) / 1e6;
  for (let i = 0; i + 3 < c.length; i += 4) out.push([[r(c[i]!), r(c[i + 1]!)], [r(c[i + 2]!), r(c[i + 3]!)]]);
  return out;
}

describe('zeroContour', () => {
  it('finds the line z = 0 of a plane, interpolated between cell centres', () => {
    // z = x - 1.5 on a 4 x 4 grid: the contour is the vertical line x = 1.5, one segment per row gap.
    const size = 4;
    const z = new Float32Array(size * size);
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) z[r * size + c] = c - 1.5;
    const s = segments(zeroContour(z, size));
    expect(s).toHaveLength(3);
    for (const [a, b] of s) {
      expect(a![0]).toBeCloseTo(1.5);
      expect(b![0]).toBeCloseTo(1.5);
      expect(Math.abs(b![1]! - a![1]!)).toBeCloseTo(1);
    }
  });

  it('is empty when z has one sign, and skips squares with a non-finite corner', () => {
    expect(zeroContour(new Float32Array(9).fill(2), 3)).toHaveLength(0);
    expect(zeroContour(new Float32Array(9).fill(-2), 3)).toHaveLength(0);
    const z = new Float32Array([-1, 1, Number.NaN, -1, 1, 1, -1, 1, 1]);
    // Row 0: squares (0,0) has a NaN-free crossing; (1,0) touches NaN and is skipped.
    const s = segments(zeroContour(z, 3));
    expect(s.length).toBe(2);
    for (const seg of s) for (const [x] of seg) expect(x).toBeCloseTo(0.5);
  });

  it('resolves a saddle by the sign at the centre', () => {
    // bl = tr = +1, br = tl = -1 and a positive centre: bl and tr connect, br and tl are cut off.
    const pos = segments(zeroContour(new Float32Array([1, -1, -1, 1.5]), 2));
    expect(pos).toEqual([
      [[0.5, 0], [1, 0.4]],
      [[0.4, 1], [0, 0.5]],
    ]);
    // A negative centre: bl and tr are cut off instead.
    const neg = segments(zeroContour(new Float32Array([1, -1.5, -1.5, 1]), 2));
    expect(neg).toEqual([
      [[0, 0.4], [0.4, 0]],
      [[1, 0.6], [0.6, 1]],
    ]);
  });
});

describe('z colours and shares', () => {
  it('colours by sign, more opaque the larger |z|, and never fully transparent for a finite z', () => {
    const neg = zColor(-1, 2);
    const pos = zColor(1, 2);
    expect(neg.slice(0, 3)).not.toEqual(pos.slice(0, 3));
    expect(zColor(-2, 2)[3]).toBeGreaterThan(neg[3]);
    expect(zColor(0, 2)[3]).toBeGreaterThan(0);
    expect(zColor(Number.NaN, 2)[3]).toBe(0);
    expect(zColor(5, 0)[3]).toBeGreaterThan(0);
  });

  it('measures the largest |z| and the share where the neuron fires, ignoring non-finite values', () => {
    const z = new Float32Array([-3, 0, 1, 2, Number.NaN, Number.POSITIVE_INFINITY]);
    expect(maxAbsOf(z)).toBe(3);
    expect(positiveShare(z)).toBe(0.5);
    expect(positiveShare(new Float32Array([Number.NaN]))).toBeNaN();
  });
});

describe('keepInspection', () => {
  const m = (lane: number, neuron: number, response: Float32Array | null): InspectedNeuron => ({
    lane,
    neuron,
    layer: 0,
    histogram: new Int32Array(40),
    range: 4,
    trail: { steps: new Float64Array(0), activity: new Float32Array(0) },
    response: response as Float32Array<ArrayBuffer> | null,
    probeZ: new Float32Array(0),
    gradient: null,
    ledger: neuronLedger({ kind: 'relu' }, 0, Number.NaN),
  });

  it('takes the snapshot’s measurement of the target and keeps the last response when one comes without', () => {
    const r = new Float32Array([1, -1]);
    const first = keepInspection(null, m(0, 3, r), { lane: 0, index: 3 });
    expect(first?.response).toBe(r);
    const next = m(0, 3, null);
    const kept = keepInspection(first, next, { lane: 0, index: 3 });
    expect(kept?.histogram).toBe(next.histogram);
    expect(kept?.response).toBe(r);
  });

  it('ignores a measurement of another neuron (sent before the new inspect arrived), and forgets on close', () => {
    const old = m(0, 3, new Float32Array([1]));
    expect(keepInspection(null, old, { lane: 0, index: 4 })).toBeNull();
    const now = m(1, 4, null);
    expect(keepInspection(now, old, { lane: 1, index: 4 })).toBe(now);
    expect(keepInspection(now, now, null)).toBeNull();
  });
});

describe('the engine’s inspect measurement', () => {
  it('carries a 512-row histogram and a response on the boundary grid, which the controller keeps', () => {
    const session = new Session(defaultSessionSpec());
    for (let i = 0; i < 50; i++) session.stepAll();
    session.inspect({ lane: 1, neuron: 5 });
    const withGrid = session.snapshot(1, false, 0, null, true);
    const target = { lane: 1, index: 5 };
    const a = keepInspection(null, withGrid.inspected, target);
    expect(a?.histogram.reduce((x, y) => x + y, 0)).toBe(512);
    expect(a?.response).toHaveLength(48 * 48);
    session.stepAll();
    const without = session.snapshot(2, true, 0, null, false);
    expect(without.inspected?.response).toBeNull();
    const b = keepInspection(a, without.inspected, target);
    expect(b?.response).toBe(a?.response);
    // A layer-1 neuron is z = w.x + b: its zero set on the plane is (part of) a straight line.
    const frame = session.frame().boundaryFrame!;
    const contour = zeroContour(a!.response!, frame.size);
    expect(contour.length).toBeGreaterThan(0);
  });
});

describe('MetricHistory: slopes', () => {
  it('mirrors per lane and hidden layer the mean slope in force', () => {
    const spec = { ...defaultSessionSpec(), lanes: [laneSpec('ReLU', { kind: 'relu' }, 0.3), laneSpec('PReLU', { kind: 'prelu', alpha: 0.25, perNeuron: true }, 0.05)] };
    const session = new Session(spec);
    const history = new MetricHistory();
    history.apply(session.snapshot(0, false, 0));
    for (let i = 0; i < 300; i++) session.stepAll();
    history.apply(session.snapshot(1, false, 0, null, false, [], history.length));
    expect(history.length).toBe(31);
    expect(history.valuesOf('slope', 0, 0)!.every((v) => v === 0)).toBe(true);
    const l1 = history.valuesOf('slope', 1, 0)!;
    const l2 = history.valuesOf('slope', 1, 1)!;
    expect(l1[0]).toBeCloseTo(0.25, 6);
    expect(l2[0]).toBeCloseTo(0.25, 6);
    expect(Math.abs(l1.at(-1)! - 0.25) + Math.abs(l2.at(-1)! - 0.25)).toBeGreaterThan(1e-4);
    expect(history.valuesOf('slope', 1, 2)).toBeUndefined();
    expect(history.valuesOf('testScore', 1)).toHaveLength(31);
  });
});

describe('chart specs', () => {
  it('label the score R² for regression and let its axis go below 0 (to a floor)', () => {
    const [loss, score] = chartSpecs('regression');
    expect(loss!.title).toContain('MSE');
    expect(score!.title).toBe('Test R²');
    expect(score!.y).toEqual({ kind: 'up-to-one', floor: R2_FLOOR });
    expect(score!.format(-0.4)).toBe('-0.40');
    expect(chartSpecs('classification')[1]!.y).toEqual({ kind: 'up-to-one', floor: 0 });
    expect(chartSpecs()[1]!.format(0.876)).toBe('88%');
  });

  it('scale the α chart around its data, a flat line in the middle', () => {
    expect(ALPHA_CHART.metric).toBe('slope');
    const [lo, hi] = aroundData(0.25, 0.25);
    expect(lo).toBeCloseTo(0.2);
    expect(hi).toBeCloseTo(0.3);
    expect(aroundData(Number.NaN, Number.NaN)).toEqual([0, 1]);
  });
});
