/**
 * A classification dataset in memory: row-major float32 features and integer class labels. Every
 * source (built-in generator, bundled file, user file) produces this one type.
 */
export interface Dataset {
  /** Human-readable name shown in the UI ("Two moons"). */
  readonly name: string;
  /** Number of rows (samples). */
  readonly rows: number;
  /** Number of feature columns. */
  readonly dims: number;
  /** Number of classes; labels lie in [0, classes). */
  readonly classes: number;
  /** Features, [rows x dims] row-major. */
  readonly x: Float32Array<ArrayBuffer>;
  /** Class label per row. */
  readonly y: Int32Array<ArrayBuffer>;
  /** Column names, length dims. */
  readonly featureNames: readonly string[];
  /** Class names, length classes. */
  readonly classNames: readonly string[];
}

/** A dataset divided into a training part and a held-out test part. */
export interface SplitDataset {
  readonly train: Dataset;
  readonly test: Dataset;
}

/** Copies the given rows of a dataset into a new dataset (same columns and classes). */
export function selectRows(d: Dataset, rows: ArrayLike<number>, name = d.name): Dataset {
  const x = new Float32Array(rows.length * d.dims);
  const y = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    x.set(d.x.subarray(r * d.dims, (r + 1) * d.dims), i * d.dims);
    y[i] = d.y[r]!;
  }
  return { ...d, name, rows: rows.length, x, y };
}
