// Elementwise kernels (AssemblyScript; wasm/kernels.ts is the module's entry): ReLU and Leaky ReLU
// forward and backward, and the SGD update. Each reproduces, bit for bit, the TypeScript it replaces
// (src/core/nn/relu.ts, leaky-relu.ts, and referenceKernels.sgd in src/core/kernels/reference-kernels.ts).
// Pointers are byte offsets into the imported memory; n counts floats.

/** a = z < 0 ? 0 : z (so -0 and NaN pass through, as in Relu.forward). */
export function relu(n: i32, z: usize, a: usize): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const v = v128.load(z + o);
    v128.store(a + o, v128.bitselect(zero, v, f32x4.lt(v, zero)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const v = load<f32>(z + o);
    store<f32>(a + o, v < 0 ? 0 : v);
  }
}

/** dz = z <= 0 ? 0 : da (Relu.backward). */
export function reluBackward(n: i32, z: usize, da: usize, dz: usize): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(dz + o, v128.bitselect(zero, v128.load(da + o), f32x4.le(v128.load(z + o), zero)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(dz + o, load<f32>(z + o) <= 0 ? 0 : load<f32>(da + o));
  }
}

/** a = z > 0 ? z : alpha * z, alpha a float32 given as the float64 at args (LeakyRelu.forward). */
export function leakyRelu(n: i32, z: usize, a: usize, args: usize): void {
  const alpha = <f32>load<f64>(args);
  const zero = f32x4.splat(0);
  const s = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const v = v128.load(z + o);
    v128.store(a + o, v128.bitselect(v, f32x4.mul(s, v), f32x4.gt(v, zero)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const v = load<f32>(z + o);
    store<f32>(a + o, v > 0 ? v : alpha * v);
  }
}

/** dz = z > 0 ? da : alpha * da, alpha as in leakyRelu (LeakyRelu.backward). */
export function leakyReluBackward(n: i32, z: usize, da: usize, dz: usize, args: usize): void {
  const alpha = <f32>load<f64>(args);
  const zero = f32x4.splat(0);
  const s = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const d = v128.load(da + o);
    v128.store(dz + o, v128.bitselect(d, f32x4.mul(s, d), f32x4.gt(v128.load(z + o), zero)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const d = load<f32>(da + o);
    store<f32>(dz + o, load<f32>(z + o) > 0 ? d : alpha * d);
  }
}

/**
 * fround(s * x) per lane, with s a float64 hyperparameter: the product is formed in float64 and rounded
 * once to float32, exactly as the TypeScript Math.fround(s * x) does.
 */
@inline
function scale(s: v128, x: v128): v128 {
  const lo = f32x4.demote_f64x2_zero(f64x2.mul(s, f64x2.promote_low_f32x4(x)));
  const hi = f32x4.demote_f64x2_zero(f64x2.mul(s, f64x2.promote_low_f32x4(i64x2.shuffle(x, x, 1, 0))));
  return i64x2.shuffle(lo, hi, 0, 2);
}

/** The scalar form of scale, for the tail. */
@inline
function scale1(s: f64, x: f32): f32 {
  return <f32>(s * <f64>x);
}

/**
 * One SGD step on n parameters, torch.optim.SGD's rule as referenceKernels.sgd computes it: d = g (+ wd v);
 * with a momentum buffer (buf != 0) b = d on the first step, else fround(momentum buf) + fround(damp d),
 * and d = b (or d + fround(momentum b) for Nesterov); then v -= fround(lr d). The float64 hyperparameters
 * lr, momentum, damp (1 - dampening) and wd are read from args (JavaScript passes no floats: see
 * ARGS_OFFSET in src/core/kernels/wasm-kernels.ts).
 */
export function sgd(n: i32, v: usize, g: usize, buf: usize, args: usize, nesterov: bool, first: bool): void {
  const lr = load<f64>(args);
  const momentum = load<f64>(args, 8);
  const damp = load<f64>(args, 16);
  const wd = load<f64>(args, 24);
  const lrV = f64x2.splat(lr);
  const momV = f64x2.splat(momentum);
  const dampV = f64x2.splat(damp);
  const wdV = f64x2.splat(wd);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const p = v128.load(v + o);
    let d = v128.load(g + o);
    if (wd != 0) d = f32x4.add(d, scale(wdV, p));
    if (buf != 0) {
      const b = first ? d : f32x4.add(scale(momV, v128.load(buf + o)), scale(dampV, d));
      v128.store(buf + o, b);
      d = nesterov ? f32x4.add(d, scale(momV, b)) : b;
    }
    v128.store(v + o, f32x4.sub(p, scale(lrV, d)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const p = load<f32>(v + o);
    let d = load<f32>(g + o);
    if (wd != 0) d = d + scale1(wd, p);
    if (buf != 0) {
      const b = first ? d : scale1(momentum, load<f32>(buf + o)) + scale1(damp, d);
      store<f32>(buf + o, b);
      d = nesterov ? d + scale1(momentum, b) : b;
    }
    store<f32>(v + o, p - scale1(lr, d));
  }
}
