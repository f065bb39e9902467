/** What encodeTable (encode-table.ts) takes and what it reports: its options, and the report the preview shows. */
import type { Dataset, Task } from './dataset';

/**
 * How a table becomes a dataset. Structurally identical to TableOptions in core/protocol/spec.ts
 * (core/data may not import protocol; a type test checks the two stay equal).
 */
export interface TableEncodeOptions {
  /** Name of the target column. */
  target: string;
  task: Task;
  /** Rows with a missing feature value: 'drop' them, or fill the cell with the column 'mean'. */
  missing: 'drop' | 'mean';
  /** Most categories a feature column may have to be one-hot encoded; columns with more are left out. */
  oneHotLimit: number;
}

/** Rows left out of the dataset for one reason. */
export interface DroppedRows {
  readonly reason: 'missing target' | 'missing value';
  readonly count: number;
  /** The first few of them (at most FIRST_ROWS), as row numbers of the file. */
  readonly rows: readonly number[];
  readonly message: string;
}

/** Missing cells of one feature column filled with the column mean ('mean' option). */
export interface FilledCells {
  readonly column: string;
  readonly count: number;
  /** The value written (a numeric column's mean); null for a one-hot column (filled with category shares). */
  readonly value: number | null;
  readonly message: string;
}

/** A column that is not a feature, and why. */
export interface LeftOutColumn {
  readonly column: string;
  readonly reason: 'constant' | 'no values' | 'too many categories';
  readonly message: string;
}

/** One feature column of the table and the dataset columns it became. */
export interface EncodedFeature {
  readonly column: string;
  readonly encoding: 'numeric' | 'one-hot';
  /** Number of dataset columns (1, or the number of categories). */
  readonly dims: number;
}

/** What encodeTable did, for the preview. */
export interface EncodeReport {
  readonly rowsIn: number;
  readonly rowsKept: number;
  readonly dropped: readonly DroppedRows[];
  readonly filled: readonly FilledCells[];
  readonly leftOut: readonly LeftOutColumn[];
  readonly features: readonly EncodedFeature[];
  /** Rows per class, in class order (classification); empty for regression. */
  readonly classBalance: readonly { readonly name: string; readonly count: number }[];
}

export type EncodeResult =
  | { readonly ok: true; readonly dataset: Dataset; readonly report: EncodeReport }
  | { readonly ok: false; readonly message: string; readonly column: string | null };
