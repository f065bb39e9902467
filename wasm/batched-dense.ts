// The dense layer's kernels of the batched path (AssemblyScript; see wasm/batched.ts for the layout):
// element p of network i at byte (p * L + i) * 4. Each matches its definition in
// src/core/kernels/batched-reference.ts bit for bit: the same float32 sums in the same order per network.

// The dense kernels work on blocks of 4 vectors (16 networks) with a one-vector tail: the layers of
// the networks batched here are narrow (a width of 2 is common), so a loop over k or j has few turns and
// its overhead is shared by four independent sums. A hidden layer's ReLU or Leaky ReLU is fused in
// (`act`: 0 none, 1 ReLU, 2 Leaky ReLU with the float32 slope given as the float64 at args): the forward
// pass also writes a = f(z), the backward pass writes dz of the layer below, f'(z) times dz W, in place
// of dx, each as relu.ts and leaky-relu.ts compute it, saving a pass over memory.

/** f(z) for act 1 (z < 0 ? 0 : z, so -0 and NaN pass) or 2 and 3 (z > 0 ? z : alpha z; 3: PReLU, alpha its slopes). */
@inline
function forwardAct(v: v128, act: i32, alpha: v128): v128 {
  const zero = f32x4.splat(0);
  return act == 1 ? v128.bitselect(zero, v, f32x4.lt(v, zero)) : v128.bitselect(v, f32x4.mul(alpha, v), f32x4.gt(v, zero));
}

/** dz = da f'(z) for act 1 (z <= 0 ? 0 : da) or 2 (z > 0 ? da : alpha da). */
@inline
function backwardAct(d: v128, z: v128, act: i32, alpha: v128): v128 {
  const zero = f32x4.splat(0);
  return act == 1 ? v128.bitselect(zero, d, f32x4.le(z, zero)) : v128.bitselect(d, f32x4.mul(alpha, d), f32x4.gt(z, zero));
}

/** z[r, j] = (sum over k of x[r, k] W[j, k], in increasing k, from +0) + b[j] per network; with act, a = f(z). */
export function bDenseForward(L: i32, rows: i32, nIn: i32, nOut: i32, x: usize, w: usize, b: usize, z: usize, a: usize, act: i32, args: usize): void {
  const alpha = f32x4.splat(act == 2 ? <f32>load<f64>(args) : 0);
  // PReLU (act 3): the slopes' address and whether one slope is shared by the layer (args[1], args[2]).
  const slopes: usize = act == 3 ? <usize>load<f64>(args, 8) : 0;
  const shared = act == 3 && load<f64>(args, 16) != 0;
  if (nIn <= 2 && nOut <= 2) {
    if (nIn == 1 && nOut == 1) narrowForward(1, 1, L, rows, x, w, b, z, a, act, alpha, slopes, shared);
    else if (nIn == 1) narrowForward(1, 2, L, rows, x, w, b, z, a, act, alpha, slopes, shared);
    else if (nOut == 1) narrowForward(2, 1, L, rows, x, w, b, z, a, act, alpha, slopes, shared);
    else narrowForward(2, 2, L, rows, x, w, b, z, a, act, alpha, slopes, shared);
    return;
  }
  // One element of all networks is `lane` bytes; pointers step by it instead of recomputing indices.
  const lane = (<usize>L) << 2;
  const toA = a - z;
  const xRow = lane * (<usize>nIn);
  let px = x;
  let pz = z;
  for (let r = 0; r < rows; r++) {
    let pw = w;
    let pb = b;
    for (let j = 0; j < nOut; j++) {
      const ps = slopes + (shared ? 0 : (<usize>j) * lane);
      let o: usize = 0;
      for (; o + 64 <= lane; o += 64) {
        let s0 = f32x4.splat(0);
        let s1 = s0;
        let s2 = s0;
        let s3 = s0;
        let qx = px + o;
        let qw = pw + o;
        for (let k = 0; k < nIn; k++) {
          s0 = f32x4.add(s0, f32x4.mul(v128.load(qx), v128.load(qw)));
          s1 = f32x4.add(s1, f32x4.mul(v128.load(qx, 16), v128.load(qw, 16)));
          s2 = f32x4.add(s2, f32x4.mul(v128.load(qx, 32), v128.load(qw, 32)));
          s3 = f32x4.add(s3, f32x4.mul(v128.load(qx, 48), v128.load(qw, 48)));
          qx += lane;
          qw += lane;
        }
        const q = pb + o;
        const d = pz + o;
        const z0 = f32x4.add(s0, v128.load(q));
        const z1 = f32x4.add(s1, v128.load(q, 16));
        const z2 = f32x4.add(s2, v128.load(q, 32));
        const z3 = f32x4.add(s3, v128.load(q, 48));
        v128.store(d, z0);
        v128.store(d, z1, 16);
        v128.store(d, z2, 32);
        v128.store(d, z3, 48);
        if (act == 3) {
          const q = ps + o;
          v128.store(d + toA, forwardAct(z0, act, v128.load(q)));
          v128.store(d + toA, forwardAct(z1, act, v128.load(q, 16)), 16);
          v128.store(d + toA, forwardAct(z2, act, v128.load(q, 32)), 32);
          v128.store(d + toA, forwardAct(z3, act, v128.load(q, 48)), 48);
        } else if (act != 0) {
          v128.store(d + toA, forwardAct(z0, act, alpha));
          v128.store(d + toA, forwardAct(z1, act, alpha), 16);
          v128.store(d + toA, forwardAct(z2, act, alpha), 32);
          v128.store(d + toA, forwardAct(z3, act, alpha), 48);
        }
      }
      for (; o < lane; o += 16) {
        let s = f32x4.splat(0);
        let qx = px + o;
        let qw = pw + o;
        for (let k = 0; k < nIn; k++) {
          s = f32x4.add(s, f32x4.mul(v128.load(qx), v128.load(qw)));
          qx += lane;
          qw += lane;
        }
        const zv = f32x4.add(s, v128.load(pb + o));
        v128.store(pz + o, zv);
        if (act != 0) v128.store(pz + o + toA, forwardAct(zv, act, act == 3 ? v128.load(ps + o) : alpha));
      }
      pw += xRow;
      pb += lane;
      pz += lane;
    }
    px += xRow;
  }
}

/**
 * out[o] = sum over r < rows of a[r][o] b[r][o] (increasing r, from +0) for one vector-block column; rows
 * step by aRow and bRow bytes. With act, out[o] = that times f'(z[o]) (backwardAct).
 */
@inline
function dotRows(rows: i32, a: usize, aRow: usize, b: usize, bRow: usize, lane: usize, out: usize, z: usize, act: i32, alpha: v128): void {
  const toZ = z - out;
  let o: usize = 0;
  for (; o + 64 <= lane; o += 64) {
    let s0 = f32x4.splat(0);
    let s1 = s0;
    let s2 = s0;
    let s3 = s0;
    let qa = a + o;
    let qb = b + o;
    for (let r = 0; r < rows; r++) {
      s0 = f32x4.add(s0, f32x4.mul(v128.load(qa), v128.load(qb)));
      s1 = f32x4.add(s1, f32x4.mul(v128.load(qa, 16), v128.load(qb, 16)));
      s2 = f32x4.add(s2, f32x4.mul(v128.load(qa, 32), v128.load(qb, 32)));
      s3 = f32x4.add(s3, f32x4.mul(v128.load(qa, 48), v128.load(qb, 48)));
      qa += aRow;
      qb += bRow;
    }
    const d = out + o;
    if (act != 0) {
      s0 = backwardAct(s0, v128.load(d + toZ), act, alpha);
      s1 = backwardAct(s1, v128.load(d + toZ, 16), act, alpha);
      s2 = backwardAct(s2, v128.load(d + toZ, 32), act, alpha);
      s3 = backwardAct(s3, v128.load(d + toZ, 48), act, alpha);
    }
    v128.store(d, s0);
    v128.store(d, s1, 16);
    v128.store(d, s2, 32);
    v128.store(d, s3, 48);
  }
  for (; o < lane; o += 16) {
    let s = f32x4.splat(0);
    let qa = a + o;
    let qb = b + o;
    for (let r = 0; r < rows; r++) {
      s = f32x4.add(s, f32x4.mul(v128.load(qa), v128.load(qb)));
      qa += aRow;
      qb += bRow;
    }
    if (act != 0) s = backwardAct(s, v128.load(out + o + toZ), act, alpha);
    v128.store(out + o, s);
  }
}

/** out[o] = sum over r < rows of a[r][o] (increasing r, from +0); rows step by aRow bytes. */
@inline
function sumRows(rows: i32, a: usize, aRow: usize, lane: usize, out: usize): void {
  let o: usize = 0;
  for (; o + 64 <= lane; o += 64) {
    let s0 = f32x4.splat(0);
    let s1 = s0;
    let s2 = s0;
    let s3 = s0;
    let qa = a + o;
    for (let r = 0; r < rows; r++) {
      s0 = f32x4.add(s0, v128.load(qa));
      s1 = f32x4.add(s1, v128.load(qa, 16));
      s2 = f32x4.add(s2, v128.load(qa, 32));
      s3 = f32x4.add(s3, v128.load(qa, 48));
      qa += aRow;
    }
    const d = out + o;
    v128.store(d, s0);
    v128.store(d, s1, 16);
    v128.store(d, s2, 32);
    v128.store(d, s3, 48);
  }
  for (; o < lane; o += 16) {
    let s = f32x4.splat(0);
    let qa = a + o;
    for (let r = 0; r < rows; r++) {
      s = f32x4.add(s, v128.load(qa));
      qa += aRow;
    }
    v128.store(out + o, s);
  }
}

/**
 * gW[j, k] = sum over r of dz[r, j] x[r, k] and gb[j] = sum over r of dz[r, j] (both in increasing r, from
 * +0), and, unless dx is 0, dx[r, k] = sum over j of dz[r, j] W[j, k] (increasing j), per network; with
 * act, dx is multiplied by f'(zIn), zIn being the pre-activations of the layer below (its dz).
 */
export function bDenseBackward(L: i32, rows: i32, nIn: i32, nOut: i32, x: usize, w: usize, dz: usize, gw: usize, gb: usize, dx: usize, zIn: usize, act: i32, args: usize): void {
  const alpha = f32x4.splat(act == 2 ? <f32>load<f64>(args) : 0);
  if (nIn <= 2 && nOut <= 2) {
    if (nIn == 1 && nOut == 1) narrowBackward(1, 1, L, rows, x, w, dz, gw, gb, dx, zIn, act, alpha);
    else if (nIn == 1) narrowBackward(1, 2, L, rows, x, w, dz, gw, gb, dx, zIn, act, alpha);
    else if (nOut == 1) narrowBackward(2, 1, L, rows, x, w, dz, gw, gb, dx, zIn, act, alpha);
    else narrowBackward(2, 2, L, rows, x, w, dz, gw, gb, dx, zIn, act, alpha);
    return;
  }
  const none = f32x4.splat(0);
  const lane = (<usize>L) << 2;
  const xRow = lane * (<usize>nIn);
  const zRow = lane * (<usize>nOut);
  for (let j = 0; j < nOut; j++) {
    const dj = dz + (<usize>j) * lane;
    sumRows(rows, dj, zRow, lane, gb + (<usize>j) * lane);
    for (let k = 0; k < nIn; k++) dotRows(rows, dj, zRow, x + (<usize>k) * lane, xRow, lane, gw + (<usize>(j * nIn + k)) * lane, 0, 0, none);
  }
  if (dx == 0) return;
  // dx[r, k] sums over j: the same dot product with dz's row r and W's column k (stride xRow).
  for (let r = 0; r < rows; r++) {
    const dr = dz + (<usize>r) * zRow;
    const out = dx + (<usize>r) * xRow;
    const zr = zIn + (<usize>r) * xRow;
    for (let k = 0; k < nIn; k++) dotRows(nOut, dr, lane, w + (<usize>k) * lane, xRow, lane, out + (<usize>k) * lane, zr + (<usize>k) * lane, act, alpha);
  }
}

// Layers of at most 2 inputs and 2 outputs (Lu et al.'s deep narrow nets are all of them): one pass over
// the rows per vector of 4 networks with the layer's weights and sums in registers, where the kernels
// above make a pass per output (forward) or per weight (backward) and reload the weights at each row.
// The rows go in tiles of about 16 KB of input, so that the 4 vectors of a cache line, taken one after
// the other, find it in L1. Each sum is still formed from +0 in the same order (k, r or j increasing;
// a weight gradient's float32 partial sum is carried from tile to tile through memory, which keeps its
// bits), so the bits are those of the general kernels. nIn and nOut are constants once inlined.

/** Rows of one tile: about 16 KB of the wider of a layer's input and output rows. */
@inline
function tileRows(lane: usize, nIn: i32, nOut: i32): i32 {
  const bytes = lane * (<usize>(nIn > nOut ? nIn : nOut));
  const t = <i32>(16384 / bytes);
  return t < 4 ? 4 : t;
}

/** bDenseForward for nIn, nOut in {1, 2}. */
@inline
function narrowForward(nIn: i32, nOut: i32, L: i32, rows: i32, x: usize, w: usize, b: usize, z: usize, a: usize, act: i32, alpha: v128, slopes: usize, shared: bool): void {
  const zero = f32x4.splat(0);
  const lane = (<usize>L) << 2;
  const xRow = lane * (<usize>nIn);
  const zRow = lane * (<usize>nOut);
  const toA = a - z;
  const tile = tileRows(lane, nIn, nOut);
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const r1 = r0 + tile < rows ? r0 + tile : rows;
    for (let ib: usize = 0; ib < lane; ib += 16) {
      // W is [nOut x nIn]: W[j, k] at element j * nIn + k.
      const w00 = v128.load(w + ib);
      const w01 = nIn > 1 ? v128.load(w + lane + ib) : zero;
      const w10 = nOut > 1 ? v128.load(w + (<usize>nIn) * lane + ib) : zero;
      const w11 = nIn > 1 && nOut > 1 ? v128.load(w + 3 * lane + ib) : zero;
      const b0 = v128.load(b + ib);
      const b1 = nOut > 1 ? v128.load(b + lane + ib) : zero;
      const al0 = act == 3 ? v128.load(slopes + ib) : alpha;
      const al1 = act == 3 && nOut > 1 ? v128.load(slopes + (shared ? 0 : lane) + ib) : alpha;
      let px = x + (<usize>r0) * xRow + ib;
      let pz = z + (<usize>r0) * zRow + ib;
      for (let r = r0; r < r1; r++) {
        const x0 = v128.load(px);
        const x1 = nIn > 1 ? v128.load(px + lane) : zero;
        let s0 = f32x4.add(zero, f32x4.mul(x0, w00));
        if (nIn > 1) s0 = f32x4.add(s0, f32x4.mul(x1, w01));
        const z0 = f32x4.add(s0, b0);
        v128.store(pz, z0);
        if (act != 0) v128.store(pz + toA, forwardAct(z0, act, al0));
        if (nOut > 1) {
          let s1 = f32x4.add(zero, f32x4.mul(x0, w10));
          if (nIn > 1) s1 = f32x4.add(s1, f32x4.mul(x1, w11));
          const z1 = f32x4.add(s1, b1);
          v128.store(pz + lane, z1);
          if (act != 0) v128.store(pz + lane + toA, forwardAct(z1, act, al1));
        }
        px += xRow;
        pz += zRow;
      }
    }
  }
}

/** bDenseBackward for nIn, nOut in {1, 2}. */
@inline
function narrowBackward(nIn: i32, nOut: i32, L: i32, rows: i32, x: usize, w: usize, dz: usize, gw: usize, gb: usize, dx: usize, zIn: usize, act: i32, alpha: v128): void {
  const zero = f32x4.splat(0);
  const lane = (<usize>L) << 2;
  const xRow = lane * (<usize>nIn);
  const zRow = lane * (<usize>nOut);
  const wantDx = dx != 0;
  const tile = tileRows(lane, nIn, nOut);
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const r1 = r0 + tile < rows ? r0 + tile : rows;
    for (let ib: usize = 0; ib < lane; ib += 16) {
      const w00 = v128.load(w + ib);
      const w01 = nIn > 1 ? v128.load(w + lane + ib) : zero;
      const w10 = nOut > 1 ? v128.load(w + (<usize>nIn) * lane + ib) : zero;
      const w11 = nIn > 1 && nOut > 1 ? v128.load(w + 3 * lane + ib) : zero;
      // The sums so far: +0 at the first tile, else the previous tile's (float32 either way).
      const carry = r0 > 0;
      let b0 = carry ? v128.load(gb + ib) : zero;
      let b1 = carry && nOut > 1 ? v128.load(gb + lane + ib) : zero;
      let g00 = carry ? v128.load(gw + ib) : zero;
      let g01 = carry && nIn > 1 ? v128.load(gw + lane + ib) : zero;
      let g10 = carry && nOut > 1 ? v128.load(gw + (<usize>nIn) * lane + ib) : zero;
      let g11 = carry && nIn > 1 && nOut > 1 ? v128.load(gw + 3 * lane + ib) : zero;
      let px = x + (<usize>r0) * xRow + ib;
      let pd = dz + (<usize>r0) * zRow + ib;
      let pdx = dx + (<usize>r0) * xRow + ib;
      let pzi = zIn + (<usize>r0) * xRow + ib;
      for (let r = r0; r < r1; r++) {
        const d0 = v128.load(pd);
        const d1 = nOut > 1 ? v128.load(pd + lane) : zero;
        const x0 = v128.load(px);
        const x1 = nIn > 1 ? v128.load(px + lane) : zero;
        b0 = f32x4.add(b0, d0);
        g00 = f32x4.add(g00, f32x4.mul(d0, x0));
        if (nIn > 1) g01 = f32x4.add(g01, f32x4.mul(d0, x1));
        if (nOut > 1) {
          b1 = f32x4.add(b1, d1);
          g10 = f32x4.add(g10, f32x4.mul(d1, x0));
          if (nIn > 1) g11 = f32x4.add(g11, f32x4.mul(d1, x1));
        }
        if (wantDx) {
          let e0 = f32x4.add(zero, f32x4.mul(d0, w00));
          if (nOut > 1) e0 = f32x4.add(e0, f32x4.mul(d1, w10));
          if (act != 0) e0 = backwardAct(e0, v128.load(pzi), act, alpha);
          v128.store(pdx, e0);
          if (nIn > 1) {
            let e1 = f32x4.add(zero, f32x4.mul(d0, w01));
            if (nOut > 1) e1 = f32x4.add(e1, f32x4.mul(d1, w11));
            if (act != 0) e1 = backwardAct(e1, v128.load(pzi + lane), act, alpha);
            v128.store(pdx + lane, e1);
          }
        }
        px += xRow;
        pd += zRow;
        pdx += xRow;
        pzi += xRow;
      }
      v128.store(gb + ib, b0);
      v128.store(gw + ib, g00);
      if (nIn > 1) v128.store(gw + lane + ib, g01);
      if (nOut > 1) {
        v128.store(gb + lane + ib, b1);
        v128.store(gw + (<usize>nIn) * lane + ib, g10);
        if (nIn > 1) v128.store(gw + 3 * lane + ib, g11);
      }
    }
  }
}
