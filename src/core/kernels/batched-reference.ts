import type { BatchedArena, BatchedKernels } from './batched-kernels';
import { adamUpdate } from './adam-update';
import { referenceKernels } from './reference-kernels';

const f = Math.fround;

/**
 * The batched kernels in plain TypeScript: the definition the WebAssembly ones (wasm/batched.ts) match
 * bit for bit. For each network i it runs the single path's scalar code (reference-kernels.ts, relu.ts,
 * leaky-relu.ts, prelu.ts, mse.ts, clip.ts, adam.ts) on that network's elements, read at p * lanes + i.
 */
export const batchedReferenceKernels: BatchedKernels = {
  denseForward(x, w, b, z, lanes, rows, nIn, nOut, act = null) {
    for (let i = 0; i < lanes; i++) {
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < nOut; j++) {
          let s = 0;
          for (let k = 0; k < nIn; k++) s = f(s + f(x[(r * nIn + k) * lanes + i]! * w[(j * nIn + k) * lanes + i]!));
          z[(r * nOut + j) * lanes + i] = f(s + b[j * lanes + i]!);
        }
      }
    }
    const n = rows * nOut * lanes;
    if (act?.kind === 'relu') this.relu(z, act.a, n);
    else if (act?.kind === 'leaky_relu') this.leakyRelu(z, act.a, n, act.alpha);
    else if (act?.kind === 'prelu') this.prelu(z, act.a, act.slopes, lanes, rows, nOut, act.shared);
  },

  denseBackward(x, w, dz, gw, gb, dx, lanes, rows, nIn, nOut, act = null) {
    for (let i = 0; i < lanes; i++) {
      for (let j = 0; j < nOut; j++) {
        let sb = 0;
        for (let r = 0; r < rows; r++) sb = f(sb + dz[(r * nOut + j) * lanes + i]!);
        gb[j * lanes + i] = sb;
        for (let k = 0; k < nIn; k++) {
          let s = 0;
          for (let r = 0; r < rows; r++) s = f(s + f(dz[(r * nOut + j) * lanes + i]! * x[(r * nIn + k) * lanes + i]!));
          gw[(j * nIn + k) * lanes + i] = s;
        }
      }
      if (dx === null) continue;
      for (let r = 0; r < rows; r++) {
        for (let k = 0; k < nIn; k++) {
          let s = 0;
          for (let j = 0; j < nOut; j++) s = f(s + f(dz[(r * nOut + j) * lanes + i]! * w[(j * nIn + k) * lanes + i]!));
          dx[(r * nIn + k) * lanes + i] = s;
        }
      }
    }
    const n = rows * nIn * lanes;
    if (dx === null) return;
    if (act?.kind === 'relu') this.reluBackward(act.z, dx, dx, n);
    else if (act?.kind === 'leaky_relu') this.leakyReluBackward(act.z, dx, dx, n, act.alpha);
  },

  relu(z, a, n) {
    for (let e = 0; e < n; e++) {
      const v = z[e]!;
      a[e] = v < 0 ? 0 : v;
    }
  },

  reluBackward(z, da, dz, n) {
    for (let e = 0; e < n; e++) dz[e] = z[e]! <= 0 ? 0 : da[e]!;
  },

  leakyRelu(z, a, n, alpha) {
    for (let e = 0; e < n; e++) {
      const v = z[e]!;
      a[e] = v > 0 ? v : alpha * v;
    }
  },

  leakyReluBackward(z, da, dz, n, alpha) {
    for (let e = 0; e < n; e++) dz[e] = z[e]! > 0 ? da[e]! : alpha * da[e]!;
  },

  prelu(z, a, alpha, lanes, rows, width, shared) {
    for (let i = 0; i < lanes; i++) {
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < width; j++) {
          const e = (r * width + j) * lanes + i;
          const v = z[e]!;
          a[e] = v > 0 ? v : alpha[(shared ? 0 : j) * lanes + i]! * v;
        }
      }
    }
  },

  preluBackward(z, da, dz, alpha, galpha, lanes, rows, width, shared) {
    for (let i = 0; i < lanes; i++) {
      // Prelu.backward adds into a gradient its caller zeroed; the sum over rows is float64.
      if (shared) galpha[i] = 0;
      for (let j = 0; j < width; j++) {
        const p = (shared ? 0 : j) * lanes + i;
        const a = alpha[p]!;
        let ga = 0;
        for (let r = 0; r < rows; r++) {
          const e = (r * width + j) * lanes + i;
          const v = z[e]!;
          if (v > 0) {
            dz[e] = da[e]!;
          } else {
            dz[e] = a * da[e]!;
            ga += v * da[e]!;
          }
        }
        galpha[p] = shared ? galpha[p]! + ga : ga;
      }
    }
  },

  mse(p, t, dp, loss, lanes, rows) {
    for (let i = 0; i < lanes; i++) {
      let total = 0;
      for (let r = 0; r < rows; r++) {
        const e = r * lanes + i;
        const d = p[e]! - t[e]!;
        total += d * d;
        dp[e] = (2 * d) / rows;
      }
      loss[i] = total / rows;
    }
  },

  sumSquares(g, out, lanes, n) {
    for (let i = 0; i < lanes; i++) {
      let s = 0;
      for (let e = 0; e < n; e++) {
        const v = g[e * lanes + i]!;
        s += v * v;
      }
      out[i] = s;
    }
  },

  scaleLanes(g, coef, lanes, n) {
    for (let e = 0; e < n; e++) for (let i = 0; i < lanes; i++) g[e * lanes + i] = g[e * lanes + i]! * coef[i]!;
  },

  adam(v, g, m, s, n, h) {
    // Adam is element-wise, so interleaving the networks changes nothing: the single path's update.
    adamUpdate(v, g, m, s, n, h.beta1, h.beta2, h.eps, h.wd, h.decoupled, h.stepSize, h.bc2Sqrt, h.shrink);
  },

  shuffle(order, state) {
    // Rng.nextU32 and Rng.int, on int32 locals.
    let s0 = state[0]! | 0;
    let s1 = state[1]! | 0;
    let s2 = state[2]! | 0;
    let s3 = state[3]! | 0;
    for (let i = order.length - 1; i > 0; i--) {
      const n = i + 1;
      const limit = 4294967296 - (4294967296 % n);
      let v: number;
      do {
        v = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 11);
      } while (v >= limit);
      const j = v % n;
      const x = order[i]!;
      order[i] = order[j]!;
      order[j] = x;
    }
    state[0] = s0;
    state[1] = s1;
    state[2] = s2;
    state[3] = s3;
  },

  count(z, a, active, zeros, lanes, rows, width) {
    for (let i = 0; i < lanes; i++) {
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < width; j++) {
          const e = (r * width + j) * lanes + i;
          if (z[e]! > 0) active[j * lanes + i]!++;
          if (a[e] === 0) zeros[i]!++;
        }
      }
    }
  },

  gather(batch, rows, src, dims, x, lanes, i) {
    for (let r = 0; r < rows; r++) for (let k = 0; k < dims; k++) x[(r * dims + k) * lanes + i] = src[batch[r]! * dims + k]!;
  },

  gatherWithTargets(batch, rows, src, dims, x, srcT, t, lanes, i) {
    this.gather(batch, rows, src, dims, x, lanes, i);
    this.gather(batch, rows, srcT, 1, t, lanes, i);
  },

  sgd(v, g, buf, n, lr, momentum, dampening, nesterov, wd, first) {
    referenceKernels.sgd(v.subarray(0, n), g, buf, lr, momentum, dampening, nesterov, wd, first);
  },
};

/** A batched arena of plain typed arrays computed on by the reference kernels. */
export function batchedReferenceArena(): BatchedArena {
  return { kind: 'reference', kernels: batchedReferenceKernels, alloc: (n) => new Float32Array(n), alloc64: (n) => new Float64Array(n), allocU32: (n) => new Uint32Array(n), allocI32: (n) => new Int32Array(n) };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
