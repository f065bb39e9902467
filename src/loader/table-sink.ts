/**
 * Receives a file's records (arrays of cell strings, in order) and builds the typed table: skips blank
 * rows, decides whether the first record is a header, checks every row has as many cells as the header,
 * and feeds the cells to one ColumnBuilder per column. Keeps the first PREVIEW_ROWS rows as strings for
 * the preview and nothing else.
 */
import type { Column, Table } from '../core/data/table';
import { cellKind, detach, trimCell } from './cells';
import { type BuiltColumn, type CellContext, ColumnBuilder } from './column-builder';
import { LoadError, q } from './errors';

/** Rows of the file shown in the preview. */
export const PREVIEW_ROWS = 20;
/** Records looked at to decide whether the first one is a header. */
export const HEADER_SAMPLE = 100;
/** Most columns a table may have. */
export const MAX_COLUMNS = 10_000;
/** Distinct values counted exactly for the preview; beyond, the preview says "more than". */
export const DISTINCT_CAP = 1000;

/** What the preview says about one column. */
export interface ColumnSummary {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  /** Missing cells (empty, NA, NaN, ?, ...). */
  readonly missing: number;
  /** Distinct present values, exact when distinctExact, else DISTINCT_CAP + 1 meaning "more than DISTINCT_CAP". */
  readonly distinct: number;
  readonly distinctExact: boolean;
  /** Smallest and largest value (numeric columns with values), else null. */
  readonly min: number | null;
  readonly max: number | null;
}

/** What the sink saw of the file's rows, besides the table: what the preview shows of them. */
export interface RowsSeen {
  /** Whether the first row named the columns (always true for JSON objects). */
  readonly header: boolean;
  /** The first PREVIEW_ROWS data rows, cells as written in the file. */
  readonly firstRows: readonly (readonly string[])[];
  /** Their row numbers in the file. */
  readonly firstRowNumbers: readonly number[];
  /** Blank rows skipped between data rows. */
  readonly blankRows: number;
}

export interface SinkResult extends RowsSeen {
  readonly table: Table;
  readonly summaries: readonly ColumnSummary[];
  readonly warnings: readonly string[];
}

export class TableSink {
  private builders: ColumnBuilder[] = [];
  private names: string[] = [];
  private keyIndex = new Map<string, number>();
  private ready = false;
  private header = false;
  private pending: { cells: string[]; rowNo: number }[] = [];
  private rowNumbers: Int32Array<ArrayBuffer>;
  private rows = 0;
  private firstRows: string[][] = [];
  private firstRowNumbers: number[] = [];
  private blankRows = 0;
  private blankFirst: number[] = [];
  private trailingBlank: number[] = [];
  private warnings: string[] = [];
  private readonly ctx: CellContext;

  constructor(
    private readonly file: string,
    private capacity: number,
    private readonly decimalComma: boolean,
  ) {
    this.capacity = Math.max(16, capacity);
    this.rowNumbers = new Int32Array(this.capacity);
    this.ctx = { file, rowNumber: (r: number) => this.rowNumbers[r]! };
  }

  /** Rows in the table so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** True once the first record was a header (known after HEADER_SAMPLE records or at the end). */
  get hasHeader(): boolean {
    return this.header;
  }

  /** One record of a delimited file or a JSON array row; rowNo is its row number in the file. */
  record(cells: string[], rowNo: number): void {
    if (isBlank(cells)) {
      this.trailingBlank.push(rowNo);
      return;
    }
    this.flushBlank();
    if (!this.ready) {
      this.pending.push({ cells, rowNo });
      if (this.pending.length >= HEADER_SAMPLE) this.start();
      return;
    }
    this.add(cells, rowNo);
  }

  /** One JSON object row: its keys name the columns (a key first seen later adds a column, missing above). */
  keyed(keys: readonly string[], cells: readonly string[], rowNo: number): void {
    if (!this.ready) {
      this.ready = true;
      this.header = true;
    }
    if (isBlank(cells)) {
      this.trailingBlank.push(rowNo);
      return;
    }
    this.flushBlank();
    for (const key of keys) {
      if (this.keyIndex.has(key)) continue;
      const name = trimCell(key);
      if (this.keyIndex.size >= MAX_COLUMNS) throw new LoadError(`${q(this.file)}, row ${rowNo}: more than ${MAX_COLUMNS.toLocaleString('en-US')} different keys; at most ${MAX_COLUMNS.toLocaleString('en-US')} columns are supported.`, rowNo);
      if (name === '') throw new LoadError(`${q(this.file)}, row ${rowNo}: a key is empty. Give every field a name.`, rowNo);
      const clash = this.names.indexOf(name);
      if (clash >= 0)
        throw new LoadError(`${q(this.file)}, row ${rowNo}: the keys ${q(this.names[clash]!)} and ${q(key)} both name column ${q(name)}. Rename one of them.`, rowNo, name);
      this.keyIndex.set(key, this.names.length);
      this.names.push(detach(name));
      const b = new ColumnBuilder(detach(name), this.capacity, this.decimalComma, this.ctx);
      for (let r = 0; r < this.rows; r++) b.push(r, '');
      this.builders.push(b);
      if (this.rows > 0) this.warnings.push(`Column ${q(name)} first appears at row ${rowNo}; it is missing in the rows above.`);
    }
    const row = new Array<string>(this.names.length).fill('');
    for (let i = 0; i < keys.length; i++) row[this.keyIndex.get(keys[i]!)!] = cells[i]!;
    this.add(row, rowNo);
  }

  private flushBlank(): void {
    if (this.trailingBlank.length === 0) return;
    // Blank rows between data rows are reported; those before the first row or after the last are not.
    if (this.rows > 0 || this.pending.length > 0) {
      for (const r of this.trailingBlank) if (this.blankFirst.length < 5) this.blankFirst.push(r);
      this.blankRows += this.trailingBlank.length;
    }
    this.trailingBlank = [];
  }

  /** Decides the header from the records seen so far, creates the columns, and replays the records. */
  private start(): void {
    this.ready = true;
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return;
    const first = pending[0]!;
    this.header = detectHeader(
      pending.map((p) => p.cells),
      this.decimalComma,
    );
    const width = first.cells.length;
    if (width > MAX_COLUMNS) throw new LoadError(`${q(this.file)}, row ${first.rowNo} has ${width.toLocaleString('en-US')} cells; at most ${MAX_COLUMNS.toLocaleString('en-US')} columns are supported. Check the delimiter.`, first.rowNo);
    if (this.header) {
      const seen = new Map<string, number>();
      first.cells.forEach((raw, i) => {
        const name = trimCell(raw);
        if (name === '') return;
        const before = seen.get(name);
        if (before !== undefined)
          throw new LoadError(`${q(this.file)}: the column name ${q(name)} appears twice in the header (columns ${before + 1} and ${i + 1}). Rename one of them.`, first.rowNo, name);
        seen.set(name, i);
      });
      this.names = first.cells.map((raw, i) => {
        const name = trimCell(raw);
        return name === '' ? unusedName(`column ${i + 1}`, seen) : detach(name);
      });
    } else {
      const seen = new Map<string, number>();
      this.names = first.cells.map((_c, i) => unusedName(`column ${i + 1}`, seen));
      this.warnings.push(`No header row found: the columns are named "column 1" to "column ${width}". If the first row holds names, check it has no numbers.`);
    }
    this.builders = this.names.map((n) => new ColumnBuilder(n, this.capacity, this.decimalComma, this.ctx));
    for (let i = this.header ? 1 : 0; i < pending.length; i++) this.add(pending[i]!.cells, pending[i]!.rowNo);
  }

  private add(cells: string[], rowNo: number): void {
    const n = this.builders.length;
    if (cells.length !== n) {
      const what = this.header ? `the header has ${n} columns` : `the first row has ${n}`;
      throw new LoadError(
        `${q(this.file)}, row ${rowNo} has ${cells.length} ${cells.length === 1 ? 'value' : 'values'}, but ${what}. Check that row for a missing or extra delimiter; a value that contains the delimiter must be in double quotes.`,
        rowNo,
      );
    }
    if (this.rows === this.capacity) this.grow();
    const r = this.rows;
    this.rowNumbers[r] = rowNo;
    for (let c = 0; c < n; c++) this.builders[c]!.push(r, cells[c]!);
    if (r < PREVIEW_ROWS) {
      this.firstRows.push(cells.map(detach));
      this.firstRowNumbers.push(rowNo);
    }
    this.rows++;
  }

  /** Makes room for at least n rows (a reader's estimate of the whole file). */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    const rn = new Int32Array(n);
    rn.set(this.rowNumbers);
    this.rowNumbers = rn;
    for (const b of this.builders) b.grow(n);
  }

  private grow(): void {
    this.capacity = Math.ceil(this.capacity * 1.5) + 16;
    const rn = new Int32Array(this.capacity);
    rn.set(this.rowNumbers);
    this.rowNumbers = rn;
    for (const b of this.builders) b.grow(this.capacity);
  }

  /** The finished table (LoadError for a header with no rows, a single column, a stray word, ...). */
  finish(): SinkResult {
    if (!this.ready) this.start();
    const file = q(this.file);
    if (this.names.length === 0) throw new LoadError(`${file} holds no table: it has no rows with values.`);
    if (this.rows === 0) {
      if (this.header) throw new LoadError(`${file} has a header (${this.names.slice(0, 5).map(q).join(', ')}${this.names.length > 5 ? ', ...' : ''}) but no data rows. Add rows below the header.`);
      throw new LoadError(`${file} has no data rows.`);
    }
    if (this.names.length < 2)
      throw new LoadError(
        `${file} has a single column${this.header ? ` (${q(this.names[0]!)})` : ''}; a dataset needs a target and at least one feature. If its values are separated by something else than commas, tabs, semicolons or |, save it as CSV.`,
        null,
        this.names[0] ?? null,
      );
    const built: BuiltColumn[] = this.builders.map((b) => b.finish(this.rows));
    const columns: Column[] = built.map((b) => b.column);
    const rowNumbers = this.rowNumbers.length === this.rows ? this.rowNumbers : this.rowNumbers.slice(0, this.rows);
    const summaries = built.map((b) => summarize(b));
    const warnings = [...this.warnings];
    if (this.blankRows > 0) warnings.push(`${this.blankRows} blank ${this.blankRows === 1 ? 'row was' : 'rows were'} skipped (row${this.blankRows === 1 ? '' : 's'} ${this.blankFirst.join(', ')}${this.blankRows > this.blankFirst.length ? ', ...' : ''}).`);
    for (const b of built) {
      if (b.nanCells > 0)
        warnings.push(`Column ${q(b.column.name)}: ${b.nanCells} ${b.nanCells === 1 ? 'cell says' : 'cells say'} NaN (first at row ${this.rowNumbers[b.nanFirst]}); read as missing values.`);
      if (b.missing === this.rows) warnings.push(`Column ${q(b.column.name)} has no values (every cell is empty or missing); it will be left out.`);
    }
    return {
      table: { name: this.file, rows: this.rows, columns, rowNumbers },
      header: this.header,
      summaries,
      firstRows: this.firstRows,
      firstRowNumbers: this.firstRowNumbers,
      blankRows: this.blankRows,
      warnings,
    };
  }
}

/** A record with no value at all: an empty line, spaces only, or only empty cells. */
function isBlank(cells: readonly string[]): boolean {
  const first = cells[0];
  if (first === undefined) return true;
  const c = first.charCodeAt(0);
  if (c > 32 && c !== 0xa0 && c !== 0xfeff) return false;
  if (first.length > 0 && first.trim() !== '') return false;
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

function unusedName(base: string, seen: Map<string, number>): string {
  let name = base;
  while (seen.has(name)) name += '*';
  seen.set(name, -1);
  return name;
}

/**
 * Whether the first record names the columns. Per column, the cells below are looked at: numbers below
 * a text cell vote "header", numbers below a number vote "data", and text below that repeats the first
 * cell votes "data". Without votes (all text, never repeated), the first record is a header when its
 * cells are all text and all different. A lone record is a header when all its cells are text.
 */
export function detectHeader(records: readonly (readonly string[])[], decimalComma: boolean): boolean {
  const first = records[0];
  if (!first) return false;
  const kinds = first.map((c) => cellKind(c, decimalComma));
  const allText = kinds.every((k) => k === 'text');
  if (records.length === 1) return allText;
  let header = 0;
  let data = 0;
  for (let c = 0; c < first.length; c++) {
    let numbers = 0;
    let texts = 0;
    let repeated = false;
    const head = trimCell(first[c]!);
    for (let r = 1; r < records.length; r++) {
      const cell = records[r]![c];
      if (cell === undefined) continue;
      const k = cellKind(cell, decimalComma);
      if (k === 'number') numbers++;
      else if (k === 'text') {
        texts++;
        if (trimCell(cell) === head) repeated = true;
      }
    }
    if (numbers > 0 && texts === 0) {
      if (kinds[c] === 'text') header++;
      else if (kinds[c] === 'number') data++;
    } else if (repeated) data++;
  }
  if (header > 0 || data > 0) return header > data;
  return allText && new Set(first.map(trimCell)).size === first.length;
}

function summarize(b: BuiltColumn): ColumnSummary {
  const c = b.column;
  if (c.kind === 'categorical') {
    const used = new Uint8Array(c.categories.length);
    let distinct = 0;
    for (const k of c.codes) {
      if (k >= 0 && !used[k]) {
        used[k] = 1;
        distinct++;
      }
    }
    return { name: c.name, kind: 'categorical', missing: b.missing, distinct: Math.min(distinct, DISTINCT_CAP + 1), distinctExact: distinct <= DISTINCT_CAP, min: null, max: null };
  }
  let min = Infinity;
  let max = -Infinity;
  const values = c.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const distinct = countDistinct(values, DISTINCT_CAP + 1);
  const any = min <= max;
  return { name: c.name, kind: 'numeric', missing: b.missing, distinct, distinctExact: distinct <= DISTINCT_CAP, min: any ? min : null, max: any ? max : null };
}

/**
 * Distinct non-NaN values, counting stops at `cap`. An open-addressing hash on the values' bits:
 * several times faster than a Set of numbers on a column of a million cells.
 */
export function countDistinct(values: Float64Array, cap: number): number {
  let size = 16;
  while (size < cap * 4) size *= 2;
  const mask = size - 1;
  const keys = new Float64Array(size);
  const used = new Uint8Array(size);
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  let n = 0;
  for (let i = 0; i < values.length && n < cap; i++) {
    let v = values[i]!;
    if (v !== v) continue;
    if (v === 0) v = 0; // -0 and 0 are one value
    f[0] = v;
    let h = Math.imul(u[0]! ^ Math.imul(u[1]!, 0x9e3779b1), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & mask;
    while (used[h] && keys[h] !== v) h = (h + 1) & mask;
    if (!used[h]) {
      used[h] = 1;
      keys[h] = v;
      n++;
    }
  }
  return n;
}
