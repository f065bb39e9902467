/**
 * Builds one typed column cell by cell, straight into a typed array (8 bytes per cell for numbers, 4
 * for labels): the rows of a file are never kept as strings.
 *
 * Type inference: a column takes the type of its first present cell (a number: numeric; anything else:
 * categorical). A numeric column that meets text keeps it aside (a "stray") and converts itself to
 * categorical once strays pass 10% of its present cells; a categorical column whose labels turn out
 * to be mostly numbers (more than 4,096 labels, 90% of cells numeric) converts to numeric. At the end,
 * a column whose present cells are at least 90% numbers, with some text among them, is an error naming
 * the first such cell: a stray word in a numeric column is almost always a typo, and guessing would
 * either lose the column's numbers or silently turn the word into a missing value.
 */
import type { Column } from '../core/data/table';
import { NAN_TOKENS, detach, isMissingCell, parseNumber, trimCell } from './cells';
import { LoadError, q, showCell } from './errors';

const UNKNOWN = 0;
const NUMERIC = 1;
const CATEGORICAL = 2;

/** Strays a numeric column tolerates before it may turn categorical (and their share must exceed 10%). */
const STRAYS_BEFORE_SWITCH = 64;
/** Labels a categorical column collects before it checks whether it is really numeric. */
const LABELS_BEFORE_SWITCH = 4096;
/** Type switches per column, after which it stays as it is (so alternating data cannot cost O(rows^2)). */
const MAX_SWITCHES = 4;

/** Where a column's cells are reported: file name, and row number of a table row. */
export interface CellContext {
  readonly file: string;
  rowNumber(row: number): number;
}

/** A finished column, with what the preview says about it. */
export interface BuiltColumn {
  readonly column: Column;
  readonly missing: number;
  /** Cells that said NaN (read as missing), and the first one's table row (-1 if none). */
  readonly nanCells: number;
  readonly nanFirst: number;
}

export class ColumnBuilder {
  private mode = UNKNOWN;
  private values: Float64Array<ArrayBuffer> | null = null;
  private codes: Int32Array<ArrayBuffer> | null = null;
  private dict = new Map<string, number>();
  private categories: string[] = [];
  /** Per category: its number (finite) or NaN (text), and its first table row. */
  private catNumber: number[] = [];
  private catFirstRow: number[] = [];
  /** Categorical cells whose label is a number. */
  private numericCells = 0;
  private strayRows: number[] = [];
  private strayValues: string[] = [];
  private switches = 0;
  private missing = 0;
  private present = 0;
  private nanCells = 0;
  private nanFirst = -1;

  constructor(
    readonly name: string,
    private capacity: number,
    private readonly decimalComma: boolean,
    private readonly ctx: CellContext,
  ) {}

  /** Makes room for `capacity` rows (growing keeps the cells so far). */
  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.capacity = capacity;
    if (this.values) {
      const v = new Float64Array(capacity);
      v.set(this.values);
      this.values = v;
    }
    if (this.codes) {
      const c = new Int32Array(capacity);
      c.set(this.codes);
      this.codes = c;
    }
  }

  /** Adds the cell of table row r (rows arrive in order, each exactly once). */
  push(r: number, s: string): void {
    if (this.mode === NUMERIC) {
      const v = parseNumber(s, this.decimalComma);
      if (v - v === 0) {
        this.values![r] = v;
        this.present++;
        return;
      }
      if (v === v) this.infinite(r, s);
      this.values![r] = NaN;
      if (isMissingCell(s)) this.markMissing(r, s);
      else this.stray(r, s);
      return;
    }
    if (isMissingCell(s)) {
      if (this.mode === CATEGORICAL) this.codes![r] = -1;
      this.markMissing(r, s);
      return;
    }
    if (this.mode === CATEGORICAL) {
      this.label(r, s);
      return;
    }
    // First present cell: it decides the type.
    const v = parseNumber(s, this.decimalComma);
    if (v === v) {
      this.mode = NUMERIC;
      this.values = new Float64Array(this.capacity);
      this.values.fill(NaN, 0, r);
      if (v - v !== 0) this.infinite(r, s);
      this.values[r] = v;
      this.present++;
    } else {
      this.mode = CATEGORICAL;
      this.codes = new Int32Array(this.capacity);
      this.codes.fill(-1, 0, r);
      this.label(r, s);
    }
  }

  private markMissing(r: number, s: string): void {
    this.missing++;
    if (NAN_TOKENS.has(trimCell(s))) {
      if (this.nanCells++ === 0) this.nanFirst = r;
    }
  }

  private infinite(r: number, s: string): never {
    throw new LoadError(
      `${q(this.ctx.file)}, row ${this.ctx.rowNumber(r)}, column ${q(this.name)}: ${showCell(s)} is infinite, and the network needs finite numbers. Replace it with a number, or empty the cell to mark it missing.`,
      this.ctx.rowNumber(r),
      this.name,
    );
  }

  private label(r: number, raw: string): void {
    const s = trimCell(raw);
    let k = this.dict.get(s);
    if (k === undefined) {
      k = this.categories.length;
      const name = detach(s);
      this.dict.set(name, k);
      this.categories.push(name);
      const v = parseNumber(name, this.decimalComma);
      this.catNumber.push(v - v === 0 ? v : NaN);
      this.catFirstRow.push(r);
    }
    this.codes![r] = k;
    this.present++;
    if (this.catNumber[k] === this.catNumber[k]) {
      this.numericCells++;
      if (this.categories.length > LABELS_BEFORE_SWITCH && this.numericCells * 10 >= this.present * 9 && this.switches < MAX_SWITCHES) this.toNumeric(r + 1);
    }
  }

  private stray(r: number, s: string): void {
    this.strayRows.push(r);
    this.strayValues.push(detach(trimCell(s)));
    this.present++;
    const n = this.strayRows.length;
    if (n > STRAYS_BEFORE_SWITCH && n * 10 > this.present && this.switches < MAX_SWITCHES) this.toCategorical(r + 1);
  }

  /** Forgets the labels seen and the count of numeric cells (a switch of mode re-reads them). */
  private clearLabels(): void {
    this.dict = new Map();
    this.categories = [];
    this.catNumber = [];
    this.catFirstRow = [];
    this.numericCells = 0;
  }

  /** Re-reads rows [0, rows) as labels (numbers become their shortest decimal text: "1.50" reads "1.5"). */
  private toCategorical(rows: number): void {
    this.switches++;
    const values = this.values!;
    this.codes = new Int32Array(this.capacity);
    this.values = null;
    this.clearLabels();
    this.present = 0;
    const strayRows = this.strayRows;
    const strayValues = this.strayValues;
    this.strayRows = [];
    this.strayValues = [];
    this.mode = CATEGORICAL;
    let next = 0;
    for (let i = 0; i < rows; i++) {
      const v = values[i]!;
      if (next < strayRows.length && strayRows[next] === i) this.label(i, strayValues[next++]!);
      else if (Number.isNaN(v)) this.codes[i] = -1;
      else this.label(i, Object.is(v, -0) ? '-0' : String(v));
    }
  }

  /** Re-reads rows [0, rows) as numbers; labels that are not numbers become strays. */
  private toNumeric(rows: number): void {
    this.switches++;
    const codes = this.codes!;
    const catNumber = this.catNumber;
    const categories = this.categories;
    this.values = new Float64Array(this.capacity);
    this.codes = null;
    this.clearLabels();
    this.mode = NUMERIC;
    for (let i = 0; i < rows; i++) {
      const k = codes[i]!;
      const v = k < 0 ? NaN : catNumber[k]!;
      this.values[i] = v;
      if (k >= 0 && v !== v) {
        this.strayRows.push(i);
        this.strayValues.push(categories[k]!);
      }
    }
  }

  /** The finished column of `rows` rows, or a LoadError for a numeric column with a stray word. */
  finish(rows: number): BuiltColumn {
    if (this.mode === NUMERIC && this.strayRows.length > 0) {
      const n = this.strayRows.length;
      if (n * 10 <= this.present) this.strayError(this.strayRows[0]!, this.strayValues[0]!, n);
      this.toCategorical(rows);
    }
    if (this.mode === CATEGORICAL) {
      const text = this.present - this.numericCells;
      if (this.numericCells > 0 && text * 10 <= this.present) {
        const k = this.catNumber.findIndex((v) => v !== v);
        this.strayError(this.catFirstRow[k]!, this.categories[k]!, text);
      }
      const codes = fit(this.codes!, rows);
      return { column: { name: this.name, kind: 'categorical', codes, categories: this.categories }, missing: this.missing, nanCells: this.nanCells, nanFirst: this.nanFirst };
    }
    const values = this.values ? fit(this.values, rows) : new Float64Array(rows).fill(NaN);
    return { column: { name: this.name, kind: 'numeric', values }, missing: this.missing, nanCells: this.nanCells, nanFirst: this.nanFirst };
  }

  private strayError(r: number, value: string, count: number): never {
    const numbers = this.present - count;
    const others = count > 1 ? ` (${count - 1} other ${count - 1 === 1 ? 'cell' : 'cells'} of this column too)` : '';
    throw new LoadError(
      `${q(this.ctx.file)}, row ${this.ctx.rowNumber(r)}, column ${q(this.name)}: ${showCell(value)} is not a number, but ${numbers} of the ${this.present} values in this column are${others}. Correct the value, or empty the cell to mark it missing.`,
      this.ctx.rowNumber(r),
      this.name,
    );
  }
}

/** The first `rows` cells: a view when little is wasted, else a copy (so no large buffer stays alive). */
function fit<T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(a: T, rows: number): T {
  if (a.length === rows) return a;
  if (a.length - rows <= 64 + (rows >> 4)) return a.subarray(0, rows) as T;
  return a.slice(0, rows) as T;
}
