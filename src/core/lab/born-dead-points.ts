import { Rng } from '../math/rng';
import type { LayerSource } from './born-dead-net';

/** Points of the input domain, row-major [count x inputDim], at which a net is checked for an all-zero layer. */
export interface ProbePoints {
  readonly inputDim: number;
  readonly count: number;
  readonly values: Float64Array;
}

/** Points per input dimension's probe set, at most. */
export const PROBE_POINTS = 1024;

/**
 * The probe points of the cube [-h, h]^d for d >= 2 (1-D nets get the exact interval test instead): the
 * full grid of g points per axis, g = floor(1024^(1/d)) (32^2, 10^3, 5^4, 4^5, 3^6), corners included;
 * for d >= 7, where g would be 2 (corners only), 1024 points drawn uniformly in the cube from `seed`.
 */
export function cubeProbe(inputDim: number, halfWidth: number, seed: number): ProbePoints {
  let g = 1;
  while (powInt(g + 1, inputDim) <= PROBE_POINTS) g++;
  if (g >= 3) return gridProbe(inputDim, g, halfWidth);
  const rng = new Rng(seed ^ 0x5bd1e995);
  const values = new Float64Array(PROBE_POINTS * inputDim);
  for (let i = 0; i < values.length; i++) values[i] = rng.range(-halfWidth, halfWidth);
  return { inputDim, count: PROBE_POINTS, values };
}

/** The grid of `perAxis` evenly spaced points per axis over [-h, h]^d, ends included (perAxis >= 2). */
export function gridProbe(inputDim: number, perAxis: number, halfWidth: number): ProbePoints {
  const count = powInt(perAxis, inputDim);
  const values = new Float64Array(count * inputDim);
  for (let p = 0; p < count; p++) {
    let rest = p;
    for (let d = 0; d < inputDim; d++) {
      values[p * inputDim + d] = -halfWidth + (2 * halfWidth * (rest % perAxis)) / (perAxis - 1);
      rest = Math.floor(rest / perAxis);
    }
  }
  return { inputDim, count, values };
}

/** Probe points given as a list of input rows (each of inputDim numbers). */
export function pointsProbe(rows: readonly (readonly number[])[]): ProbePoints {
  const inputDim = rows[0]?.length ?? 0;
  return { inputDim, count: rows.length, values: Float64Array.from(rows.flat()) };
}

function powInt(b: number, e: number): number {
  let r = 1;
  for (let i = 0; i < e; i++) r *= b;
  return r;
}

/**
 * The born-dead test at a set of points: each layer's activations are evaluated at every point, and a
 * layer counts when every activation is 0 at all of them. Buffers are allocated
 * once for the probe.
 */
export class PointsTest {
  private h: Float64Array;
  private z: Float64Array;

  constructor(
    private readonly width: number,
    private readonly probe: ProbePoints,
  ) {
    const rows = probe.count * Math.max(width, probe.inputDim);
    this.h = new Float64Array(rows);
    this.z = new Float64Array(rows);
  }

  /** 1-based index of the first of the current net's first `depth` layers whose activations are all 0 at every point, or 0. */
  firstZeroLayer(net: LayerSource, depth: number, slope: number): number {
    const n = this.width;
    const m = this.probe.count;
    let inputs = this.probe.inputDim;
    let h: Float64Array = this.probe.values;
    for (let l = 0; l < depth; l++) {
      const layer = net.layer(l);
      const w = layer.weight;
      const b = layer.bias;
      const out = h === this.h ? this.z : this.h;
      let zero = true;
      for (let i = 0; i < m; i++) {
        for (let k = 0; k < n; k++) {
          let s = b[k]!;
          for (let j = 0; j < inputs; j++) s += w[k * inputs + j]! * h[i * inputs + j]!;
          const a = s > 0 ? s : slope * s;
          out[i * n + k] = a;
          if (a !== 0) zero = false;
        }
      }
      if (zero) return l + 1;
      h = out;
      inputs = n;
    }
    return 0;
  }
}
