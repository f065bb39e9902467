// Kernels of the batched path (AssemblyScript; re-exported by wasm/kernels.ts; the dense layer's are in
// wasm/batched-dense.ts): R networks of one shape, interleaved by network, so element p of network i
// sits at p * L + i with L a multiple of 4, and the f32x4 lanes of one vector are four networks doing
// the same scalar arithmetic. Each function matches, bit for bit, its definition in
// src/core/kernels/batched-reference.ts. Pointers are byte offsets into the imported memory; L, rows and
// widths count floats.

/** fround(s * x) per lane for a float64 s: formed in float64 and rounded once, as Math.fround(s * x). */
@inline
function scale(s: v128, x: v128): v128 {
  const lo = f32x4.demote_f64x2_zero(f64x2.mul(s, f64x2.promote_low_f32x4(x)));
  const hi = f32x4.demote_f64x2_zero(f64x2.mul(s, f64x2.promote_low_f32x4(i64x2.shuffle(x, x, 1, 0))));
  return i64x2.shuffle(lo, hi, 0, 2);
}

/** The upper two floats of x as float64. */
@inline
function high(x: v128): v128 {
  return f64x2.promote_low_f32x4(i64x2.shuffle(x, x, 1, 0));
}

/** Two float64 pairs rounded to one float32 vector (lo's two, then hi's two). */
@inline
function demote(lo: v128, hi: v128): v128 {
  return i64x2.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2);
}

@inline
function at(base: usize, element: i32, L: i32, ib: i32): usize {
  return base + (((<usize>element) * (<usize>L) + (<usize>ib)) << 2);
}

/** a = z > 0 ? z : alpha z per network, alpha one slope (shared) or one per neuron. */
export function bPrelu(L: i32, rows: i32, width: i32, z: usize, a: usize, alpha: usize, shared: bool): void {
  const zero = f32x4.splat(0);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < width; j++) {
      const p = shared ? 0 : j;
      for (let ib = 0; ib < L; ib += 4) {
        const e = r * width + j;
        const v = v128.load(at(z, e, L, ib));
        v128.store(at(a, e, L, ib), v128.bitselect(v, f32x4.mul(v128.load(at(alpha, p, L, ib)), v), f32x4.gt(v, zero)));
      }
    }
  }
}

/** The low two networks' terms z da of the slope gradient, +0 where z > 0 (pos: z > 0 per lane). */
@inline
function slopeLo(v: v128, d: v128, pos: v128): v128 {
  return v128.andnot(f64x2.mul(f64x2.promote_low_f32x4(v), f64x2.promote_low_f32x4(d)), i64x2.extend_low_i32x4_s(pos));
}

/** The high two networks' terms, as slopeLo. */
@inline
function slopeHi(v: v128, d: v128, pos: v128): v128 {
  return v128.andnot(f64x2.mul(high(v), high(d)), i64x2.extend_high_i32x4_s(pos));
}

/**
 * dz = z > 0 ? da : alpha da per network, and the slope gradient: per neuron the float64 sum over rows
 * (increasing) of z da where z <= 0, rounded to float32; shared, those sums added in float64 to the
 * float32 total neuron by neuron (Prelu.backward). Adding +0 where z > 0 leaves a sum unchanged (a sum
 * from +0 is never -0). Networks go 16 at a time (a whole cache line of each row: one vector at a time,
 * a pass over the rows would use a quarter of each line it loads), then one vector at a time.
 */
export function bPreluBackward(L: i32, rows: i32, width: i32, z: usize, da: usize, dz: usize, alpha: usize, galpha: usize, shared: bool): void {
  const zero = f32x4.splat(0);
  const lane = (<usize>L) << 2;
  const row = lane * (<usize>width);
  let ib: usize = 0;
  for (; ib + 64 <= lane; ib += 64) {
    let t0 = f32x4.splat(0);
    let t1 = t0;
    let t2 = t0;
    let t3 = t0;
    for (let j = 0; j < width; j++) {
      const pa = alpha + (shared ? 0 : (<usize>j) * lane) + ib;
      const al0 = v128.load(pa);
      const al1 = v128.load(pa, 16);
      const al2 = v128.load(pa, 32);
      const al3 = v128.load(pa, 48);
      let lo0 = f64x2.splat(0);
      let hi0 = lo0;
      let lo1 = lo0;
      let hi1 = lo0;
      let lo2 = lo0;
      let hi2 = lo0;
      let lo3 = lo0;
      let hi3 = lo0;
      const col = (<usize>j) * lane + ib;
      let pz = z + col;
      let pd = da + col;
      let po = dz + col;
      for (let r = 0; r < rows; r++) {
        const v0 = v128.load(pz);
        const d0 = v128.load(pd);
        const p0 = f32x4.gt(v0, zero);
        v128.store(po, v128.bitselect(d0, f32x4.mul(al0, d0), p0));
        lo0 = f64x2.add(lo0, slopeLo(v0, d0, p0));
        hi0 = f64x2.add(hi0, slopeHi(v0, d0, p0));
        const v1 = v128.load(pz, 16);
        const d1 = v128.load(pd, 16);
        const p1 = f32x4.gt(v1, zero);
        v128.store(po, v128.bitselect(d1, f32x4.mul(al1, d1), p1), 16);
        lo1 = f64x2.add(lo1, slopeLo(v1, d1, p1));
        hi1 = f64x2.add(hi1, slopeHi(v1, d1, p1));
        const v2 = v128.load(pz, 32);
        const d2 = v128.load(pd, 32);
        const p2 = f32x4.gt(v2, zero);
        v128.store(po, v128.bitselect(d2, f32x4.mul(al2, d2), p2), 32);
        lo2 = f64x2.add(lo2, slopeLo(v2, d2, p2));
        hi2 = f64x2.add(hi2, slopeHi(v2, d2, p2));
        const v3 = v128.load(pz, 48);
        const d3 = v128.load(pd, 48);
        const p3 = f32x4.gt(v3, zero);
        v128.store(po, v128.bitselect(d3, f32x4.mul(al3, d3), p3), 48);
        lo3 = f64x2.add(lo3, slopeLo(v3, d3, p3));
        hi3 = f64x2.add(hi3, slopeHi(v3, d3, p3));
        pz += row;
        pd += row;
        po += row;
      }
      if (shared) {
        t0 = demote(f64x2.add(f64x2.promote_low_f32x4(t0), lo0), f64x2.add(high(t0), hi0));
        t1 = demote(f64x2.add(f64x2.promote_low_f32x4(t1), lo1), f64x2.add(high(t1), hi1));
        t2 = demote(f64x2.add(f64x2.promote_low_f32x4(t2), lo2), f64x2.add(high(t2), hi2));
        t3 = demote(f64x2.add(f64x2.promote_low_f32x4(t3), lo3), f64x2.add(high(t3), hi3));
      } else {
        const g = galpha + (<usize>j) * lane + ib;
        v128.store(g, demote(lo0, hi0));
        v128.store(g, demote(lo1, hi1), 16);
        v128.store(g, demote(lo2, hi2), 32);
        v128.store(g, demote(lo3, hi3), 48);
      }
    }
    if (shared) {
      v128.store(galpha + ib, t0);
      v128.store(galpha + ib, t1, 16);
      v128.store(galpha + ib, t2, 32);
      v128.store(galpha + ib, t3, 48);
    }
  }
  for (; ib < lane; ib += 16) {
    let total = f32x4.splat(0);
    for (let j = 0; j < width; j++) {
      const al = v128.load(alpha + (shared ? 0 : (<usize>j) * lane) + ib);
      let lo = f64x2.splat(0);
      let hi = f64x2.splat(0);
      const col = (<usize>j) * lane + ib;
      let pz = z + col;
      let pd = da + col;
      let po = dz + col;
      for (let r = 0; r < rows; r++) {
        const v = v128.load(pz);
        const d = v128.load(pd);
        const pos = f32x4.gt(v, zero);
        v128.store(po, v128.bitselect(d, f32x4.mul(al, d), pos));
        lo = f64x2.add(lo, slopeLo(v, d, pos));
        hi = f64x2.add(hi, slopeHi(v, d, pos));
        pz += row;
        pd += row;
        po += row;
      }
      if (shared) total = demote(f64x2.add(f64x2.promote_low_f32x4(total), lo), f64x2.add(high(total), hi));
      else v128.store(galpha + (<usize>j) * lane + ib, demote(lo, hi));
    }
    if (shared) v128.store(galpha + ib, total);
  }
}

/** Per network: loss = mean over rows of (p - t)^2 in float64 (stored as float64), dp = fround(2 (p - t) / rows). */
export function bMse(L: i32, rows: i32, p: usize, t: usize, dp: usize, loss: usize): void {
  const n = f64x2.splat(<f64>rows);
  const two = f64x2.splat(2);
  for (let ib = 0; ib < L; ib += 4) {
    let lo = f64x2.splat(0);
    let hi = f64x2.splat(0);
    for (let r = 0; r < rows; r++) {
      const pv = v128.load(at(p, r, L, ib));
      const tv = v128.load(at(t, r, L, ib));
      const dl = f64x2.sub(f64x2.promote_low_f32x4(pv), f64x2.promote_low_f32x4(tv));
      const dh = f64x2.sub(high(pv), high(tv));
      lo = f64x2.add(lo, f64x2.mul(dl, dl));
      hi = f64x2.add(hi, f64x2.mul(dh, dh));
      v128.store(at(dp, r, L, ib), demote(f64x2.div(f64x2.mul(two, dl), n), f64x2.div(f64x2.mul(two, dh), n)));
    }
    const o = loss + ((<usize>ib) << 3);
    v128.store(o, f64x2.div(lo, n));
    v128.store(o + 16, f64x2.div(hi, n));
  }
}

/** out[i] (float64) = sum over the n elements of network i of g^2, in float64 in increasing order. */
export function bSumSquares(L: i32, n: i32, g: usize, out: usize): void {
  for (let ib = 0; ib < L; ib += 4) {
    let lo = f64x2.splat(0);
    let hi = f64x2.splat(0);
    for (let e = 0; e < n; e++) {
      const v = v128.load(at(g, e, L, ib));
      const vl = f64x2.promote_low_f32x4(v);
      const vh = high(v);
      lo = f64x2.add(lo, f64x2.mul(vl, vl));
      hi = f64x2.add(hi, f64x2.mul(vh, vh));
    }
    const o = out + ((<usize>ib) << 3);
    v128.store(o, lo);
    v128.store(o + 16, hi);
  }
}

/** g[e, i] = g[e, i] * coef[i] (float32) over n elements per network. */
export function bScaleLanes(L: i32, n: i32, g: usize, coef: usize): void {
  for (let e = 0; e < n; e++) {
    for (let ib = 0; ib < L; ib += 4) {
      const pg = at(g, e, L, ib);
      v128.store(pg, f32x4.mul(v128.load(pg), v128.load(coef + ((<usize>ib) << 2))));
    }
  }
}

/**
 * One Adam / AdamW step over n floats (n a multiple of 4), src/core/train/adam.ts's arithmetic. args holds
 * float64s: beta1, beta2, eps, wd, stepSize, bc2Sqrt, shrink (a float32 value), decoupled (0 or 1).
 */
export function bAdam(n: i32, v: usize, g: usize, m: usize, s: usize, args: usize): void {
  const beta1 = load<f64>(args);
  const beta2 = load<f64>(args, 8);
  const eps = load<f64>(args, 16);
  const wd = load<f64>(args, 24);
  const stepSize = load<f64>(args, 32);
  const bc2Sqrt = load<f64>(args, 40);
  const shrink = f32x4.splat(<f32>load<f64>(args, 48));
  const decoupled = load<f64>(args, 56) != 0;
  const b1 = f64x2.splat(beta1);
  const c1 = f64x2.splat(1 - beta1);
  const b2 = f64x2.splat(beta2);
  const c2 = f64x2.splat(1 - beta2);
  const epsV = f64x2.splat(eps);
  const wdV = f64x2.splat(wd);
  const stepV = f64x2.splat(stepSize);
  const bc2 = f64x2.splat(bc2Sqrt);
  const shrinks = decoupled && wd != 0;
  const l2 = !decoupled && wd != 0;
  for (let i = 0; i < n; i += 4) {
    const o = (<usize>i) << 2;
    let p = v128.load(v + o);
    if (shrinks) p = f32x4.mul(p, shrink);
    let gi = v128.load(g + o);
    if (l2) gi = f32x4.add(gi, scale(wdV, p));
    const mv = f32x4.add(scale(b1, v128.load(m + o)), scale(c1, gi));
    const sv = f32x4.add(scale(b2, v128.load(s + o)), scale(c2, f32x4.mul(gi, gi)));
    v128.store(m + o, mv);
    v128.store(s + o, sv);
    const root = f32x4.sqrt(sv);
    const q = demote(f64x2.div(f64x2.promote_low_f32x4(root), bc2), f64x2.div(high(root), bc2));
    const denom = demote(f64x2.add(f64x2.promote_low_f32x4(q), epsV), f64x2.add(high(q), epsV));
    v128.store(v + o, f32x4.sub(p, scale(stepV, f32x4.div(mv, denom))));
  }
}

/**
 * Rng.shuffle (src/core/math/rng.ts: Fisher-Yates, each index drawn by Rng.int without modulo bias from
 * xoshiro128**'s nextU32) of the n u32 at order, on the generator state (4 u32) at st, which it advances.
 */
export function bShuffle(n: i32, order: usize, st: usize): void {
  let s0 = load<u32>(st);
  let s1 = load<u32>(st, 4);
  let s2 = load<u32>(st, 8);
  let s3 = load<u32>(st, 12);
  for (let i = n - 1; i > 0; i--) {
    const m = <u32>(i + 1);
    // limit = 2^32 - (2^32 mod m) lies in (2^32 - m, 2^32], so a draw below 2^32 - m is always accepted:
    // the division that forms the limit is needed only for the rare draws above it (same draws taken).
    const sure: u64 = 0x100000000 - <u64>m;
    let v: u32;
    while (true) {
      v = rotl<u32>(s1 * 5, 7) * 9;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl<u32>(s3, 11);
      if (<u64>v < sure || <u64>v < 0x100000000 - (0x100000000 % <u64>m)) break;
    }
    const pi = order + ((<usize>i) << 2);
    const pj = order + ((<usize>(v % m)) << 2);
    const a = load<u32>(pi);
    store<u32>(pi, load<u32>(pj));
    store<u32>(pj, a);
  }
  store<u32>(st, s0);
  store<u32>(st, s1, 4);
  store<u32>(st, s2, 8);
  store<u32>(st, s3, 12);
}

/** x[(r * dims + k) * L + i] = src[batch[r] * dims + k] for r < rows: one run's batch rows into network i's lane. */
export function bGather(rows: i32, dims: i32, L: i32, i: i32, batch: usize, src: usize, x: usize): void {
  const lane = (<usize>L) << 2;
  let d = x + ((<usize>i) << 2);
  for (let r = 0; r < rows; r++) {
    let s = src + (((<usize>load<u32>(batch + ((<usize>r) << 2))) * (<usize>dims)) << 2);
    for (let k = 0; k < dims; k++) {
      store<f32>(d, load<f32>(s));
      s += 4;
      d += lane;
    }
  }
}

/**
 * Per network, over `rows` rows of one hidden layer of `width` neurons: active[j] (i32, [width] per
 * network) += rows with z > 0, zeros (i32, one per network) += activations a exactly 0 (probe.ts's countNeurons).
 */
export function bCount(L: i32, rows: i32, width: i32, z: usize, a: usize, active: usize, zeros: usize): void {
  const zero = f32x4.splat(0);
  const lane = (<usize>L) << 2;
  const row = lane * (<usize>width);
  for (let ib: usize = 0; ib < lane; ib += 16) {
    let nz = v128.load(zeros + ib);
    for (let j = 0; j < width; j++) {
      const col = (<usize>j) * lane + ib;
      let n = v128.load(active + col);
      let pz = z + col;
      let pa = a + col;
      for (let r = 0; r < rows; r++) {
        // A true comparison is -1 in every bit: subtracting it counts one.
        n = i32x4.sub(n, f32x4.gt(v128.load(pz), zero));
        nz = i32x4.sub(nz, f32x4.eq(v128.load(pa), zero));
        pz += row;
        pa += row;
      }
      v128.store(active + col, n);
    }
    v128.store(zeros + ib, nz);
  }
}

/** bGather of the features and, in the same pass over the batch's rows, of the targets (one a row) into t. */
export function bGatherWithTargets(rows: i32, dims: i32, L: i32, i: i32, batch: usize, src: usize, x: usize, srcT: usize, t: usize): void {
  const lane = (<usize>L) << 2;
  let d = x + ((<usize>i) << 2);
  let dt = t + ((<usize>i) << 2);
  for (let r = 0; r < rows; r++) {
    const row = <usize>load<u32>(batch + ((<usize>r) << 2));
    store<f32>(dt, load<f32>(srcT + (row << 2)));
    dt += lane;
    let s = src + ((row * (<usize>dims)) << 2);
    for (let k = 0; k < dims; k++) {
      store<f32>(d, load<f32>(s));
      s += 4;
      d += lane;
    }
  }
}
