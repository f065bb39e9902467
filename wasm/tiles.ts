// The register-blocked inner kernels of matmul (AssemblyScript). Each computes a small block of C from a
// packed strip of B: C[i, j] = sum over p < k of A[i, p] * B[p, j], in increasing p, then + bias[j].
// Pointers and strides are in bytes here; b points into the packed strip, whose row stride is ldb.

/** Four rows by eight columns of C: the register-blocked inner kernel (8 f32x4 accumulators). */
@inline
export function tile4x8(k: i32, a: usize, aRow: usize, aCol: usize, b: usize, ldb: usize, c: usize, ldc: usize, bias: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const aRow2 = aRow << 1;
  const aRow3 = aRow2 + aRow;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const x0 = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(x0, b0));
    c01 = f32x4.add(c01, f32x4.mul(x0, b1));
    const x1 = v128.load32_splat(a + aRow);
    c10 = f32x4.add(c10, f32x4.mul(x1, b0));
    c11 = f32x4.add(c11, f32x4.mul(x1, b1));
    const x2 = v128.load32_splat(a + aRow2);
    c20 = f32x4.add(c20, f32x4.mul(x2, b0));
    c21 = f32x4.add(c21, f32x4.mul(x2, b1));
    const x3 = v128.load32_splat(a + aRow3);
    c30 = f32x4.add(c30, f32x4.mul(x3, b0));
    c31 = f32x4.add(c31, f32x4.mul(x3, b1));
    a += aCol;
    b += ldb;
  }
  if (bias != 0) {
    const v0 = v128.load(bias);
    const v1 = v128.load(bias, 16);
    c00 = f32x4.add(c00, v0); c01 = f32x4.add(c01, v1);
    c10 = f32x4.add(c10, v0); c11 = f32x4.add(c11, v1);
    c20 = f32x4.add(c20, v0); c21 = f32x4.add(c21, v1);
    c30 = f32x4.add(c30, v0); c31 = f32x4.add(c31, v1);
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  c += ldc;
  v128.store(c, c10); v128.store(c, c11, 16);
  c += ldc;
  v128.store(c, c20); v128.store(c, c21, 16);
  c += ldc;
  v128.store(c, c30); v128.store(c, c31, 16);
}

/** Four rows by four columns of C. */
@inline
export function tile4x4(k: i32, a: usize, aRow: usize, aCol: usize, b: usize, ldb: usize, c: usize, ldc: usize, bias: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  const aRow2 = aRow << 1;
  const aRow3 = aRow2 + aRow;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(b);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(a + aRow), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(a + aRow2), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(a + aRow3), b0));
    a += aCol;
    b += ldb;
  }
  if (bias != 0) {
    const v = v128.load(bias);
    c0 = f32x4.add(c0, v); c1 = f32x4.add(c1, v); c2 = f32x4.add(c2, v); c3 = f32x4.add(c3, v);
  }
  v128.store(c, c0);
  v128.store(c + ldc, c1);
  v128.store(c + (ldc << 1), c2);
  v128.store(c + (ldc << 1) + ldc, c3);
}

/** Four rows by one column of C, in scalar code (four independent sums keep the adder busy). */
@inline
export function tile4x1(k: i32, a: usize, aRow: usize, aCol: usize, b: usize, ldb: usize, c: usize, ldc: usize, bias: usize): void {
  let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
  const aRow2 = aRow << 1;
  const aRow3 = aRow2 + aRow;
  for (let p = 0; p < k; p++) {
    const w = load<f32>(b);
    s0 += load<f32>(a) * w;
    s1 += load<f32>(a + aRow) * w;
    s2 += load<f32>(a + aRow2) * w;
    s3 += load<f32>(a + aRow3) * w;
    a += aCol;
    b += ldb;
  }
  if (bias != 0) {
    const v = load<f32>(bias);
    s0 += v; s1 += v; s2 += v; s3 += v;
  }
  store<f32>(c, s0);
  store<f32>(c + ldc, s1);
  store<f32>(c + (ldc << 1), s2);
  store<f32>(c + (ldc << 1) + ldc, s3);
}

/** One row by eight columns of C (two independent sums keep the adder busy). */
@inline
export function tile1x8(k: i32, a: usize, aCol: usize, b: usize, c: usize, bias: usize): void {
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  for (let p = 0; p < k; p++) {
    const x = v128.load32_splat(a);
    c0 = f32x4.add(c0, f32x4.mul(x, v128.load(b)));
    c1 = f32x4.add(c1, f32x4.mul(x, v128.load(b, 16)));
    a += aCol;
    b += 32;
  }
  if (bias != 0) {
    c0 = f32x4.add(c0, v128.load(bias));
    c1 = f32x4.add(c1, v128.load(bias, 16));
  }
  v128.store(c, c0);
  v128.store(c, c1, 16);
}

/** One row by four columns of C. */
@inline
export function tile1x4(k: i32, a: usize, aCol: usize, b: usize, ldb: usize, c: usize, bias: usize): void {
  let c0 = f32x4.splat(0);
  for (let p = 0; p < k; p++) {
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(a), v128.load(b)));
    a += aCol;
    b += ldb;
  }
  if (bias != 0) c0 = f32x4.add(c0, v128.load(bias));
  v128.store(c, c0);
}

/** One element of C. */
@inline
export function tile1x1(k: i32, a: usize, aCol: usize, b: usize, ldb: usize, c: usize, bias: usize): void {
  let s: f32 = 0;
  for (let p = 0; p < k; p++) {
    s += load<f32>(a) * load<f32>(b);
    a += aCol;
    b += ldb;
  }
  if (bias != 0) s += load<f32>(bias);
  store<f32>(c, s);
}
