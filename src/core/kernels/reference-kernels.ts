import type { Kernels } from './kernels';
import type { ArenaFactory, TensorArena } from './tensor-arena';

const f = Math.fround;

/**
 * The kernels in plain TypeScript: the definition the WebAssembly kernels match bit for bit. A float32
 * product of two float32 values is exact in float64, so fround(a * b) is the float32 product; likewise
 * fround(s + t) is the float32 sum. Sums start at 0 and run in increasing index order; the bias comes last.
 */
export const referenceKernels: Kernels = {
  denseForward(x, w, b, z, rows, nIn, nOut) {
    for (let r = 0; r < rows; r++) {
      const xo = r * nIn;
      const zo = r * nOut;
      for (let j = 0; j < nOut; j++) {
        const wo = j * nIn;
        let s = 0;
        for (let k = 0; k < nIn; k++) s = f(s + f(x[xo + k]! * w[wo + k]!));
        z[zo + j] = f(s + b[j]!);
      }
    }
  },

  denseBackward(x, w, dz, gw, gb, dx, rows, nIn, nOut) {
    for (let j = 0; j < nOut; j++) {
      let sb = 0;
      for (let r = 0; r < rows; r++) sb = f(sb + dz[r * nOut + j]!);
      gb[j] = sb;
      const wo = j * nIn;
      for (let k = 0; k < nIn; k++) {
        let s = 0;
        for (let r = 0; r < rows; r++) s = f(s + f(dz[r * nOut + j]! * x[r * nIn + k]!));
        gw[wo + k] = s;
      }
    }
    if (dx === null) return;
    for (let r = 0; r < rows; r++) {
      const xo = r * nIn;
      const zo = r * nOut;
      for (let k = 0; k < nIn; k++) {
        let s = 0;
        for (let j = 0; j < nOut; j++) s = f(s + f(dz[zo + j]! * w[j * nIn + k]!));
        dx[xo + k] = s;
      }
    }
  },

  sgd(v, g, buf, lr, momentum, dampening, nesterov, wd, first) {
    // Products with a float64 hyperparameter are rounded to float32 once, as PyTorch's float32 kernels
    // round each intermediate tensor.
    const damp = 1 - dampening;
    for (let i = 0; i < v.length; i++) {
      let d = wd !== 0 ? f(g[i]! + f(wd * v[i]!)) : g[i]!;
      if (buf !== null) {
        const b = first ? d : f(f(momentum * buf[i]!) + f(damp * d));
        buf[i] = b;
        d = nesterov ? f(d + f(momentum * b)) : b;
      }
      v[i] = v[i]! - f(lr * d);
    }
  },
};

/** An arena of plain Float32Arrays computed on by the reference kernels (any Float32Array will do). */
export const referenceArena: ArenaFactory = (): TensorArena => ({
  kind: 'reference',
  kernels: referenceKernels,
  alloc: (length) => new Float32Array(length),
  owns: () => true,
});
