/**
 * Deterministic elementary functions. JavaScript's Math.exp, log, sin, cos, tanh and pow are not
 * specified to the last bit, and V8 versions differ: Node 20 and Chromium 156 disagree in the last bit
 * on about 10% of Math.exp results (measured). These versions use only +, -, *, / and comparisons,
 * which IEEE 754 fixes exactly, so every host computes the same bits. Accuracy: within 2 ulps of the
 * true value on the ranges the engine uses (tests/unit/core/math/dmath.test.ts).
 */

/** ln 2 split so that k * LN2_HI is exact for |k| < 2^20 (fdlibm's ln2_hi / ln2_lo). */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
/**
 * pi/2 in three parts (fdlibm's pio2_1, pio2_2, pio2_2t): the first two have 33 significant bits, so
 * n * part is exact for |n| < 2^20, and the sum carries about 118 bits of pi/2, which keeps sin(pi) and
 * cos(pi/2) (tiny results next to a large argument) accurate.
 */
const PIO2_1 = 1.57079632673412561417;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const TWO_OVER_PI = 6.36619772367581382433e-1;

/** 2^k for k in [-1074, 1023], by exact repeated doubling and halving: a constant table, never written. */
const POW2 = buildPow2();

function buildPow2(): Float64Array {
  const t = new Float64Array(2098);
  t[1074] = 1;
  for (let k = 1; k <= 1023; k++) t[1074 + k] = t[1073 + k]! * 2;
  for (let k = 1; k <= 1074; k++) t[1074 - k] = t[1075 - k]! / 2;
  return t;
}

/** x * 2^k for integer k, exactly when the result is normal (two steps keep huge k in range). */
function ldexp(x: number, k: number): number {
  if (k > 1023) return x * POW2[1074 + 1023]! * POW2[1074 + Math.min(k - 1023, 1023)]!;
  if (k < -1022) return x * POW2[1074 - 1022]! * POW2[1074 + Math.max(k + 1022, -1074)]!;
  return x * POW2[1074 + k]!;
}

/**
 * e^x. Kept short and loop-free so that the optimizing compiler inlines it into hot loops (softmax):
 * a double returned from a call that is not inlined is boxed, which would allocate on every step.
 */
export function exp(x: number): number {
  if (!(x > -708 && x < 709)) return expEdge(x);
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Taylor series of e^r, |r| <= 0.347: the r^14 term is below 1e-17.
  let p = 1 / 87178291200;
  p = p * r + 1 / 6227020800;
  p = p * r + 1 / 479001600;
  p = p * r + 1 / 39916800;
  p = p * r + 1 / 3628800;
  p = p * r + 1 / 362880;
  p = p * r + 1 / 40320;
  p = p * r + 1 / 5040;
  p = p * r + 1 / 720;
  p = p * r + 1 / 120;
  p = p * r + 1 / 24;
  p = p * r + 1 / 6;
  p = p * r + 0.5;
  p = p * r + 1;
  p = p * r + 1;
  return p * POW2[1074 + k]!;
}

/** exp outside (-708, 709): NaN, overflow, underflow and the subnormal results. */
function expEdge(x: number): number {
  if (x !== x) return x;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x * INV_LN2);
  return ldexp(exp(x - k * LN2_HI - k * LN2_LO), k);
}

/** e^x - 1, accurate near 0. */
export function expm1(x: number): number {
  if (x !== x) return x;
  if (x < -0.5 || x > 0.5) return exp(x) - 1;
  // Taylor series without the constant term, |x| <= 0.5: the x^18 term is below 1e-21.
  let p = 1 / 6402373705728000;
  for (let n = 17; n >= 2; n--) p = p * x + INV_FACTORIAL[n]!;
  return (p * x + 1) * x;
}

const INV_FACTORIAL = buildInvFactorial(20);

function buildInvFactorial(n: number): Float64Array {
  const t = new Float64Array(n + 1);
  let f = 1;
  for (let i = 0; i <= n; i++) {
    if (i > 0) f *= i;
    t[i] = 1 / f;
  }
  return t;
}

/** Reads a double's bits (little-endian stated explicitly, so the host's byte order does not matter). */
const BITS = new DataView(new ArrayBuffer(8));

/** Natural logarithm; short and loop-free like exp, so that it inlines. */
export function log(x: number): number {
  if (!(x >= 2.2250738585072014e-308 && x < Infinity)) return logEdge(x);
  // x = m * 2^k with m in [1, 2), from the exponent bits (scratch written and read at once: no state).
  BITS.setFloat64(0, x, true);
  let k = ((BITS.getUint32(4, true) >>> 20) & 0x7ff) - 1023;
  let m = x * POW2[1074 - k]!;
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  return k * LN2_HI + (twoAtanh((m - 1) / (m + 1)) + k * LN2_LO);
}

/**
 * 2 atanh(s) = log((1 + s) / (1 - s)) by its series, for |s| <= 0.172 (log's m in [sqrt(1/2), sqrt(2)]
 * and log1p's |x| < 0.25): the s^25 term is below 1e-20. Unrolled and loop-free so that it inlines.
 */
function twoAtanh(s: number): number {
  const s2 = s * s;
  let p = 1 / 25;
  p = p * s2 + 1 / 23;
  p = p * s2 + 1 / 21;
  p = p * s2 + 1 / 19;
  p = p * s2 + 1 / 17;
  p = p * s2 + 1 / 15;
  p = p * s2 + 1 / 13;
  p = p * s2 + 1 / 11;
  p = p * s2 + 1 / 9;
  p = p * s2 + 1 / 7;
  p = p * s2 + 1 / 5;
  p = p * s2 + 1 / 3;
  return 2 * s * (p * s2 + 1);
}

/** log outside the normal positive range: NaN, negatives, 0, infinity and subnormals. */
function logEdge(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  // Subnormal: scale by 2^54 into the normal range.
  return log(x * POW2[1074 + 54]!) - 54 * LN2_HI - 54 * LN2_LO;
}

/** log(1 + x), accurate near 0. */
export function log1p(x: number): number {
  if (x !== x || x < -1) return NaN;
  if (x > -0.25 && x < 0.25) return twoAtanh(x / (2 + x));
  if (x === Infinity) return x;
  const u = 1 + x;
  if (u === Infinity) return u;
  // Kahan's correction for the rounding of 1 + x.
  return (log(u) * x) / (u - 1);
}

/** Hyperbolic tangent. */
export function tanh(x: number): number {
  if (x !== x) return x;
  const a = x < 0 ? -x : x;
  if (a > 22) return x < 0 ? -1 : 1;
  if (a < 3.725290298461914e-9) return x;
  const e = expm1(2 * a);
  const t = e / (e + 2);
  return x < 0 ? -t : t;
}

/** Sine (argument in radians; accurate for |x| up to about 1e6, deterministic everywhere). */
export function sin(x: number): number {
  return trig(x, 0);
}

/** Cosine (argument in radians; accurate for |x| up to about 1e6, deterministic everywhere). */
export function cos(x: number): number {
  return trig(x, 1);
}

/** sin(x + shift * pi/2), by reduction to |r| <= pi/4 and Taylor series there. */
function trig(x: number, shift: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return NaN;
  const n = Math.round(x * TWO_OVER_PI);
  const r = x - n * PIO2_1 - n * PIO2_2 - n * PIO2_2T;
  const q = (((n + shift) % 4) + 4) % 4;
  const v = q === 0 || q === 2 ? sinPoly(r) : cosPoly(r);
  return q >= 2 ? -v : v;
}

function sinPoly(r: number): number {
  const r2 = r * r;
  let p = -INV_FACTORIAL[19]!;
  for (let n = 17; n >= 3; n -= 2) p = p * r2 + (((n - 1) / 2) % 2 === 0 ? INV_FACTORIAL[n]! : -INV_FACTORIAL[n]!);
  return r + r * r2 * p;
}

function cosPoly(r: number): number {
  const r2 = r * r;
  let p = INV_FACTORIAL[20]!;
  for (let n = 18; n >= 2; n -= 2) p = p * r2 + ((n / 2) % 2 === 0 ? INV_FACTORIAL[n]! : -INV_FACTORIAL[n]!);
  return 1 + r2 * p;
}

/** base^n for an integer n >= 0 by repeated squaring (exact-rounding steps only). */
export function powInt(base: number, n: number): number {
  let result = 1;
  let b = base;
  let e = n;
  while (e > 0) {
    if (e & 1) result *= b;
    b *= b;
    e = Math.floor(e / 2);
  }
  return result;
}
