/**
 * A table as read from a user's file (CSV, TSV, semicolon-separated or JSON), before it becomes a
 * Dataset: one typed column per field, with its missing cells marked. src/loader builds it from bytes;
 * encode-table.ts turns it into a Dataset (target, task, missing values, one-hot encoding).
 */

/** A column of numbers; NaN marks a missing cell. */
export interface NumericColumn {
  readonly name: string;
  readonly kind: 'numeric';
  /** One value per row (length = Table.rows); NaN = missing. */
  readonly values: Float64Array<ArrayBuffer>;
}

/** A column of labels: each cell is an index into `categories`; -1 marks a missing cell. */
export interface CategoricalColumn {
  readonly name: string;
  readonly kind: 'categorical';
  /** One code per row (length = Table.rows); -1 = missing, else an index into `categories`. */
  readonly codes: Int32Array<ArrayBuffer>;
  /** Distinct labels, in the order of their first appearance in the file. */
  readonly categories: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

/** A typed table: every column has exactly `rows` cells. */
export interface Table {
  /** The file name ("iris.csv"), used in every message about the table. */
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly Column[];
  /**
   * Optional: the row number the user sees in the file for each table row (1-based, the header row
   * counted as row 1 when there is one; blank rows skipped by the loader keep their numbers). Without
   * it, table row i is reported as row i + 1.
   */
  readonly rowNumbers?: Int32Array<ArrayBuffer>;
}

/** Row number shown to the user for table row i (see Table.rowNumbers). */
export function rowNumberOf(table: Table, i: number): number {
  return table.rowNumbers?.[i] ?? i + 1;
}

/** True when the cell at row i of the column is missing. */
export function isMissing(column: Column, i: number): boolean {
  return column.kind === 'numeric' ? Number.isNaN(column.values[i]!) : column.codes[i]! < 0;
}
