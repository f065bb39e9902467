import type { LayerSource } from './born-dead-net';

/**
 * The exact born-dead test of a 1-D-input net on an interval [lo, hi]. Each layer's pre-activations are
 * piecewise linear in x; they are kept as values at a sorted list of points that holds every kink of
 * the layers below, so they are linear between consecutive points and the values at the points
 * determine them exactly. Each layer adds the points where one of its pre-activations crosses 0
 * strictly inside a segment (where the activation kinks). A layer is zero on all of [lo, hi] exactly
 * when each of its activations is 0 at every point (exact up to float64 rounding of the crossing
 * points; the weights are the engine's float32 values). Buffers grow when a net needs more points and
 * are reused, so a net allocates nothing.
 */
export class IntervalTest {
  private cap = 0;
  /** Points x, sorted, and each layer's values at them, [point][neuron] (the input layer: x itself). */
  private x = new Float64Array(0);
  private h = new Float64Array(0);
  private x2 = new Float64Array(0);
  private z = new Float64Array(0);
  private cross = new Float64Array(0);

  constructor(private readonly width: number) {
    this.grow(64);
  }

  /**
   * 1-based index of the first of the net's first `depth` hidden layers whose activations are all 0 on
   * the whole of [lo, hi], or 0 when none is. slope: the activation's slope for z <= 0 (0 for ReLU).
   */
  firstZeroLayer(net: LayerSource, depth: number, lo: number, hi: number, slope: number): number {
    const n = this.width;
    let m = 2;
    this.x[0] = lo;
    this.x[1] = hi;
    this.h[0] = lo;
    this.h[1] = hi;
    let inputs = 1;
    for (let l = 0; l < depth; l++) {
      const layer = net.layer(l);
      const w = layer.weight;
      const b = layer.bias;
      // Pre-activations at the points: linear between them, since every kink below is a point.
      if (m > this.cap) this.grow(m);
      for (let i = 0; i < m; i++) {
        for (let k = 0; k < n; k++) {
          let s = b[k]!;
          for (let j = 0; j < inputs; j++) s += w[k * inputs + j]! * this.h[i * inputs + j]!;
          this.z[i * n + k] = s;
        }
      }
      m = this.insertCrossings(m);
      // Activations, and whether all are 0 at the points (hence on [lo, hi]: linear between them).
      let zero = true;
      for (let i = 0; i < m; i++) {
        for (let k = 0; k < n; k++) {
          const v = this.z[i * n + k]!;
          const a = v > 0 ? v : slope * v;
          this.h[i * n + k] = a;
          if (a !== 0) zero = false;
        }
      }
      if (zero) return l + 1;
      inputs = n;
    }
    return 0;
  }

  /** Inserts into x (and z, by linear interpolation) each point where a pre-activation changes sign strictly inside a segment; returns the new count. */
  private insertCrossings(m: number): number {
    const n = this.width;
    // Count the crossings first, so that the buffers grow only as far as this net needs.
    let crossings = 0;
    for (let i = 0; i + 1 < m; i++) {
      for (let k = 0; k < n; k++) {
        const za = this.z[i * n + k]!;
        const zb = this.z[(i + 1) * n + k]!;
        if ((za > 0 && zb < 0) || (za < 0 && zb > 0)) crossings++;
      }
    }
    if (m + crossings > this.cap) this.grow(m + crossings);
    const z = this.z;
    const out = this.h; // free until the activations are written: holds the new z rows
    let count = 0;
    for (let i = 0; i < m; i++) {
      this.copyRow(z, i, out, count);
      this.x2[count++] = this.x[i]!;
      if (i === m - 1) break;
      // Fractions s in (0, 1) along the segment where neuron k's z is 0, sorted (few: insertion sort).
      let c = 0;
      for (let k = 0; k < n; k++) {
        const za = z[i * n + k]!;
        const zb = z[(i + 1) * n + k]!;
        if ((za > 0 && zb < 0) || (za < 0 && zb > 0)) {
          const s = za / (za - zb);
          let p = c++;
          while (p > 0 && this.cross[2 * (p - 1)]! > s) {
            this.cross[2 * p] = this.cross[2 * (p - 1)]!;
            this.cross[2 * p + 1] = this.cross[2 * (p - 1) + 1]!;
            p--;
          }
          this.cross[2 * p] = s;
          this.cross[2 * p + 1] = k;
        }
      }
      const xa = this.x[i]!;
      const xb = this.x[i + 1]!;
      for (let q = 0; q < c; q++) {
        const s = this.cross[2 * q]!;
        for (let k = 0; k < n; k++) out[count * n + k] = z[i * n + k]! + s * (z[(i + 1) * n + k]! - z[i * n + k]!);
        // The crossing neuron is exactly 0 here (interpolation could leave a rounding residue).
        out[count * n + this.cross[2 * q + 1]!] = 0;
        this.x2[count++] = xa + s * (xb - xa);
      }
    }
    // The new rows become z (swap buffers) and the new points become x.
    this.h = z;
    this.z = out;
    const x = this.x;
    this.x = this.x2;
    this.x2 = x;
    return count;
  }

  private copyRow(from: Float64Array, i: number, to: Float64Array, r: number): void {
    const n = this.width;
    for (let k = 0; k < n; k++) to[r * n + k] = from[i * n + k]!;
  }

  /** Makes room for at least `points` points (doubling), keeping x and h. */
  private grow(points: number): void {
    let cap = Math.max(64, this.cap);
    while (cap < points) cap *= 2;
    if (cap === this.cap) return;
    const keep = (a: Float64Array, size: number) => {
      const b = new Float64Array(size);
      b.set(a.subarray(0, Math.min(a.length, size)));
      return b;
    };
    const rows = cap * Math.max(1, this.width);
    this.x = keep(this.x, cap);
    this.x2 = keep(this.x2, cap);
    this.h = keep(this.h, rows);
    this.z = keep(this.z, rows);
    this.cross = keep(this.cross, 2 * Math.max(1, this.width));
    this.cap = cap;
  }
}
