import type { Dataset, SplitDataset } from './dataset';

/** A split whose features are standardized, with the training statistics used (in feature units). */
export interface Standardized {
  readonly split: SplitDataset;
  /** Per-feature mean of the training part (feature units). */
  readonly mean: Float64Array;
  /** Per-feature population standard deviation of the training part (feature units); 1 for a constant column. */
  readonly std: Float64Array;
}

/**
 * Rescales every feature to mean 0 and standard deviation 1 on the training part, and applies the same
 * mean and std to the test part (which must not leak into them). Statistics are float64 sums over the
 * training rows in increasing row order, so the bits are the same on every host; each standardized
 * value is (x - mean) / std rounded once to float32. A column constant on the training part gets std 1,
 * so it becomes 0 there (never NaN). Targets and labels are left as they are.
 */
export function standardize(split: SplitDataset): Standardized {
  const { train } = split;
  const dims = train.dims;
  const n = train.rows;
  const mean = new Float64Array(dims);
  const std = new Float64Array(dims).fill(1);
  if (n > 0) {
    for (let r = 0; r < n; r++) for (let c = 0; c < dims; c++) mean[c]! += train.x[r * dims + c]!;
    for (let c = 0; c < dims; c++) mean[c]! /= n;
    const ss = new Float64Array(dims);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < dims; c++) {
        const dev = train.x[r * dims + c]! - mean[c]!;
        ss[c]! += dev * dev;
      }
    }
    for (let c = 0; c < dims; c++) {
      const s = Math.sqrt(ss[c]! / n);
      std[c] = s > 0 ? s : 1;
    }
  }
  const apply = (d: Dataset): Dataset => {
    const x = new Float32Array(d.x.length);
    for (let i = 0; i < x.length; i++) x[i] = (d.x[i]! - mean[i % dims]!) / std[i % dims]!;
    return { ...d, x };
  };
  return { split: { train: apply(train), test: apply(split.test) }, mean, std };
}
