/**
 * Central finite differences: for each entry of `x`, (f(x + h) - f(x - h)) / 2h, compared with the
 * analytic gradient. Returns the worst |numeric - analytic| / max(1, |numeric|, |analytic|).
 */
export function worstGradientError(x: Float32Array, analytic: ArrayLike<number>, f: () => number, h = 1e-2): number {
  // The step actually taken in float32 differs slightly from h; divide by it, not by h.
  return worstError(x, analytic, f, h, (keep) => Math.fround(keep + h) - Math.fround(keep - h));
}

/** The shared loop: perturb each entry by +-h, and compare (f+ - f-) / step with the analytic value. */
function worstError(x: Float32Array | Float64Array, analytic: ArrayLike<number>, f: () => number, h: number, step: (keep: number) => number): number {
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const keep = x[i]!;
    x[i] = keep + h;
    const up = f();
    x[i] = keep - h;
    const down = f();
    x[i] = keep;
    const numeric = (up - down) / step(keep);
    const a = analytic[i]!;
    worst = Math.max(worst, Math.abs(numeric - a) / Math.max(1, Math.abs(numeric), Math.abs(a)));
  }
  return worst;
}

/** Deterministic pseudo-random values in [-1, 1) (a tiny LCG, independent of the code under test). */
export function randomArray(n: number, seed: number, scale = 1): Float32Array<ArrayBuffer> {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = scale * (s / 2147483648 - 1);
  }
  return out;
}

/** Moves values closer than `gap` to 0 away from it, so finite differences never straddle a kink. */
export function awayFromZero(a: Float32Array, gap: number): Float32Array {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]!) < gap) a[i] = a[i]! < 0 ? -gap - 0.1 : gap + 0.1;
  return a;
}

/**
 * Float64 central differences (h = 1e-6) for ops whose code runs unchanged on Float64Array (the
 * activations and losses: plain loops over their inputs). Returns the worst relative error as above.
 */
export function worstGradientError64(x: Float64Array, analytic: ArrayLike<number>, f: () => number, h = 1e-6): number {
  return worstError(x, analytic, f, h, () => 2 * h);
}

/** The ops' signatures say Float32Array (their storage in the engine); their loops run on Float64Array too. */
export const asF32 = (a: Float64Array): Float32Array => a as unknown as Float32Array;
