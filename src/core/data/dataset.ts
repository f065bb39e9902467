/** What a dataset asks of a network: pick one of `classes` labels, or predict one real number. */
export type Task = 'classification' | 'regression';

/**
 * A dataset in memory: row-major float32 features and, per row, a class label (classification) or a
 * real target (regression). Every source (built-in generator, bundled file, user file) produces this
 * one type, before any train/test split or standardization.
 */
export interface Dataset {
  /** Human-readable name shown in the UI ("Two moons"). */
  readonly name: string;
  readonly task: Task;
  /** Number of rows (samples). */
  readonly rows: number;
  /** Number of feature columns. */
  readonly dims: number;
  /** Number of classes; labels lie in [0, classes). 0 for regression. */
  readonly classes: number;
  /** Features, [rows x dims] row-major. */
  readonly x: Float32Array<ArrayBuffer>;
  /** Class label per row (classification); all 0 for regression. */
  readonly y: Int32Array<ArrayBuffer>;
  /** Target per row (regression, in the target's own units); empty for classification. */
  readonly t: Float32Array<ArrayBuffer>;
  /** Column names, length dims. */
  readonly featureNames: readonly string[];
  /** Class names, length classes (empty for regression). */
  readonly classNames: readonly string[];
  /** Name of the target column ("class", "y"). */
  readonly targetName: string;
}

/** A dataset divided into a training part and a held-out test part. */
export interface SplitDataset {
  readonly train: Dataset;
  readonly test: Dataset;
}

/** Number of network outputs a dataset needs: one logit per class, or one value for regression. */
export function outputsFor(d: Pick<Dataset, 'task' | 'classes'>): number {
  return d.task === 'regression' ? 1 : d.classes;
}

/** Copies the given rows of a dataset into a new dataset (same columns and classes). */
export function selectRows(d: Dataset, rows: ArrayLike<number>, name = d.name): Dataset {
  const x = new Float32Array(rows.length * d.dims);
  const y = new Int32Array(rows.length);
  const t = new Float32Array(d.task === 'regression' ? rows.length : 0);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    x.set(d.x.subarray(r * d.dims, (r + 1) * d.dims), i * d.dims);
    y[i] = d.y[r]!;
    if (t.length > 0) t[i] = d.t[r]!;
  }
  return { ...d, name, rows: rows.length, x, y, t };
}
