// Data movement for the dense layer (AssemblyScript): transposes and column sums. Pointers are byte
// offsets into the imported memory.

/** Writes the 4 x 4 transpose of the rows r0..r3 to d, d + row, d + 2 row, d + 3 row. */
@inline
export function store4x4T(r0: v128, r1: v128, r2: v128, r3: v128, d: usize, row: usize): void {
  const t0 = f32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = f32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t2 = f32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t3 = f32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(d, f32x4.shuffle(t0, t2, 0, 1, 4, 5));
  v128.store(d + row, f32x4.shuffle(t0, t2, 2, 3, 6, 7));
  v128.store(d + (row << 1), f32x4.shuffle(t1, t3, 0, 1, 4, 5));
  v128.store(d + (row << 1) + row, f32x4.shuffle(t1, t3, 2, 3, 6, 7));
}

/** dst[j, i] = src[i, j] for an [m x n] row-major src (dst is [n x m] row-major); 4 x 4 blocks in SIMD. */
export function transpose(m: i32, n: i32, src: usize, dst: usize): void {
  const srcRow = (<usize>n) << 2;
  const dstRow = (<usize>m) << 2;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    let s = src + (<usize>i) * srcRow;
    let d = dst + ((<usize>i) << 2);
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      store4x4T(v128.load(s), v128.load(s + srcRow), v128.load(s + (srcRow << 1)), v128.load(s + (srcRow << 1) + srcRow), d, dstRow);
      s += 16;
      d += dstRow << 2;
    }
    for (; j < n; j++) {
      for (let ii = 0; ii < 4; ii++) store<f32>(d + ((<usize>ii) << 2), load<f32>(s + (<usize>ii) * srcRow));
      s += 4;
      d += dstRow;
    }
  }
  for (; i < m; i++) {
    let s = src + (<usize>i) * srcRow;
    let d = dst + ((<usize>i) << 2);
    for (let j = 0; j < n; j++) {
      store<f32>(d, load<f32>(s));
      s += 4;
      d += dstRow;
    }
  }
}

/** dst[j] = sum over i < m of src[i, j] (in increasing i) for an [m x n] row-major src. */
export function colsum(m: i32, n: i32, src: usize, dst: usize): void {
  const row = (<usize>n) << 2;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    let s = f32x4.splat(0);
    let p = src + ((<usize>j) << 2);
    for (let i = 0; i < m; i++) {
      s = f32x4.add(s, v128.load(p));
      p += row;
    }
    v128.store(dst + ((<usize>j) << 2), s);
  }
  for (; j < n; j++) {
    let s: f32 = 0;
    let p = src + ((<usize>j) << 2);
    for (let i = 0; i < m; i++) {
      s += load<f32>(p);
      p += row;
    }
    store<f32>(dst + ((<usize>j) << 2), s);
  }
}
