/**
 * Turns a Table (a user's file, typed by src/loader) into a Dataset: picks the target column and the
 * task, drops or fills missing values, one-hot encodes categorical features, leaves out columns that
 * cannot help (constant, no values, too many categories), and reports all of it.
 *
 * Deterministic: the same table and options give the same bits. Features are float32, in the table's
 * column order; a categorical feature becomes one 0/1 column per category in the order of first
 * appearance in the file; class labels are SORTED (numeric targets by value, text targets by UTF-16
 * code units, as scikit-learn's LabelEncoder does), so a 0/1 target gives class 0 = "0" wherever the
 * first "1" sits. Means are float64 sums over the rows in file order, divided once, then rounded to float32.
 * Standardization and the train/test split happen later, in the engine.
 */
import type { Dataset, Task } from './dataset';
import type { DroppedRows, EncodeResult, EncodedFeature, FilledCells, LeftOutColumn, TableEncodeOptions } from './encode-report';
import { type Column, type Table, isMissing, rowNumberOf } from './table';

/** Most classes a classification target may have. */
export const MAX_CLASSES = 256;
/** A numeric target with integer values and at most this many distinct values is inferred to be classes. */
export const INFER_CLASSES_MAX = 20;
/** Largest dataset built: rows x feature dims (float32), 400 MB. */
export const MAX_CELLS = 100_000_000;
/** How many row numbers a report lists per reason. */
export const FIRST_ROWS = 5;
const FLOAT32_MAX = 3.4028234663852886e38;

/** Classification for a categorical column or a numeric one with at most 20 distinct integers; else regression. */
export function inferTask(column: Column): Task {
  if (column.kind === 'categorical') return 'classification';
  const seen = new Set<number>();
  for (const v of column.values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return 'regression';
    seen.add(v);
    if (seen.size > INFER_CLASSES_MAX) return 'regression';
  }
  return seen.size > 0 ? 'classification' : 'regression';
}

/** Default options: the last column is the target, its task inferred, missing rows dropped, one-hot up to 16. */
export function defaultOptions(table: Table): TableEncodeOptions {
  const last = table.columns[table.columns.length - 1];
  return { target: last?.name ?? '', task: last ? inferTask(last) : 'classification', missing: 'drop', oneHotLimit: 16 };
}

class EncodeError {
  constructor(
    readonly message: string,
    readonly column: string | null,
  ) {}
}

const q = (s: string) => `"${s}"`;

/** "rows 3, 9 and 12" / "row 3", with "..." when there are more than listed. */
function rowList(rows: readonly number[], total: number): string {
  const more = total > rows.length ? ', ...' : '';
  return rows.length === 1 && total === 1 ? `row ${rows[0]}` : `rows ${rows.join(', ')}${more}`;
}

/** Number of rows with a value in the column. */
function presentCount(c: Column): number {
  let n = 0;
  if (c.kind === 'numeric') {
    for (const v of c.values) if (!Number.isNaN(v)) n++;
  } else for (const k of c.codes) if (k >= 0) n++;
  return n;
}

/** Counts of each category's cells over the given rows (all rows when keep is null). */
function categoryCounts(c: Column & { kind: 'categorical' }, keep: Uint8Array | null): Float64Array {
  const counts = new Float64Array(c.categories.length);
  for (let r = 0; r < c.codes.length; r++) {
    const k = c.codes[r]!;
    if (k >= 0 && (keep === null || keep[r])) counts[k]!++;
  }
  return counts;
}

/** Why a feature column is left out, or null when it is kept. */
function leaveOut(table: Table, c: Column, oneHotLimit: number): LeftOutColumn | null {
  const where = `${q(table.name)}, column ${q(c.name)}`;
  if (c.kind === 'numeric') {
    let first = NaN;
    let constant = true;
    for (const v of c.values) {
      if (Number.isNaN(v)) continue;
      if (Number.isNaN(first)) first = v;
      else if (v !== first) {
        constant = false;
        break;
      }
    }
    if (Number.isNaN(first)) return { column: c.name, reason: 'no values', message: `${where} has no values (every cell is empty or missing), so it is left out.` };
    if (constant) return { column: c.name, reason: 'constant', message: `${where} is ${first} in every row, so it tells the network nothing and is left out.` };
    return null;
  }
  const counts = categoryCounts(c, null);
  const used: string[] = [];
  for (let k = 0; k < counts.length; k++) if (counts[k]! > 0) used.push(c.categories[k]!);
  if (used.length === 0) return { column: c.name, reason: 'no values', message: `${where} has no values (every cell is empty or missing), so it is left out.` };
  if (used.length === 1) return { column: c.name, reason: 'constant', message: `${where} is ${q(used[0]!)} in every row, so it tells the network nothing and is left out.` };
  if (used.length > oneHotLimit)
    return {
      column: c.name,
      reason: 'too many categories',
      message: `${where} has ${used.length} different values, more than the one-hot limit of ${oneHotLimit}, so it is left out. Raise the limit to use it, or remove the column if it is an identifier.`,
    };
  return null;
}

/** Checks a kept numeric value fits float32 (the network's number type). */
function checkRange(table: Table, c: Column & { kind: 'numeric' }, r: number): void {
  const v = c.values[r]!;
  if (v > FLOAT32_MAX || v < -FLOAT32_MAX)
    throw new EncodeError(
      `${q(table.name)}, row ${rowNumberOf(table, r)}, column ${q(c.name)}: ${v} is beyond ±3.4e38, the largest number the network can hold. Rescale the column (for example, divide it by a power of ten) or remove the value.`,
      c.name,
    );
}

/** Turns a table into a dataset as the options say, or says in one message why it cannot. */
export function encodeTable(table: Table, options: TableEncodeOptions): EncodeResult {
  try {
    return encode(table, options);
  } catch (e) {
    if (e instanceof EncodeError) return { ok: false, message: e.message, column: e.column };
    if (e instanceof RangeError) return { ok: false, message: `${q(table.name)} is too large to turn into a dataset in memory (${e.message}). Use fewer rows or columns.`, column: null };
    return { ok: false, message: `Could not encode ${q(table.name)}: ${String(e)}. This is a bug in Leaky Lab; please report it.`, column: null };
  }
}

function encode(table: Table, options: TableEncodeOptions): EncodeResult {
  const file = q(table.name);
  const targetIndex = table.columns.findIndex((c) => c.name === options.target);
  if (targetIndex < 0) throw new EncodeError(`${file} has no column named ${q(options.target)}. Pick the target among: ${table.columns.map((c) => q(c.name)).join(', ')}.`, options.target);
  if (!Number.isInteger(options.oneHotLimit) || options.oneHotLimit < 2) throw new EncodeError(`The one-hot limit must be a whole number of at least 2 (it is ${options.oneHotLimit}).`, null);
  const target = table.columns[targetIndex]!;
  const rows = table.rows;
  if (presentCount(target) === 0) throw new EncodeError(`${file}: the target column ${q(target.name)} has no values. Pick another target column.`, target.name);
  if (options.task === 'regression' && target.kind === 'categorical')
    throw new EncodeError(`${file}: the target column ${q(target.name)} holds text (${target.categories.slice(0, 3).map(q).join(', ')}...), and regression needs numbers. Choose classification, or another target column.`, target.name);

  // 1. Which feature columns are used, decided on the whole table (so the missing-value option never changes the layout).
  const leftOut: LeftOutColumn[] = [];
  const kept: Column[] = [];
  for (const c of table.columns) {
    if (c === target) continue;
    const why = leaveOut(table, c, options.oneHotLimit);
    if (why) leftOut.push(why);
    else kept.push(c);
  }
  if (kept.length === 0) {
    const reasons = leftOut.length ? ` (${leftOut.map((l) => `${q(l.column)}: ${l.reason}`).join('; ')})` : '';
    throw new EncodeError(`${file} has no usable feature column besides the target ${q(target.name)}${reasons}. A dataset needs at least one column that varies.`, null);
  }

  // 2. Rows: a missing target always drops the row; a missing feature drops it too with 'drop'.
  const keep = new Uint8Array(rows);
  const dropTarget: number[] = [];
  const dropValue: number[] = [];
  let nTarget = 0;
  let nValue = 0;
  const missingPerColumn = new Map<string, number>();
  for (let r = 0; r < rows; r++) {
    if (isMissing(target, r)) {
      if (nTarget++ < FIRST_ROWS) dropTarget.push(rowNumberOf(table, r));
      continue;
    }
    if (options.missing === 'drop') {
      let missing = false;
      for (const c of kept) {
        if (isMissing(c, r)) {
          missing = true;
          missingPerColumn.set(c.name, (missingPerColumn.get(c.name) ?? 0) + 1);
        }
      }
      if (missing) {
        if (nValue++ < FIRST_ROWS) dropValue.push(rowNumberOf(table, r));
        continue;
      }
    }
    keep[r] = 1;
  }
  const dropped: DroppedRows[] = [];
  if (nTarget > 0)
    dropped.push({
      reason: 'missing target',
      count: nTarget,
      rows: dropTarget,
      message: `${nTarget} ${nTarget === 1 ? 'row has' : 'rows have'} no value in the target column ${q(target.name)} and ${nTarget === 1 ? 'was' : 'were'} left out (${rowList(dropTarget, nTarget)}).`,
    });
  if (nValue > 0) {
    const where = [...missingPerColumn].map(([name, n]) => `${q(name)}: ${n}`).join(', ');
    dropped.push({
      reason: 'missing value',
      count: nValue,
      rows: dropValue,
      message: `${nValue} ${nValue === 1 ? 'row has' : 'rows have'} missing values (${where}) and ${nValue === 1 ? 'was' : 'were'} left out (${rowList(dropValue, nValue)}). Choose "fill with the column mean" to keep them.`,
    });
  }
  const rowsKept = keep.reduce((a, b) => a + b, 0);
  if (rowsKept === 0)
    throw new EncodeError(
      `${file}: no rows are left after leaving out those with missing values${options.missing === 'drop' ? '. Choose "fill with the column mean" to keep rows with missing features' : ''}.`,
      null,
    );

  // 3. Target: classes (sorted) or regression values.
  const y = new Int32Array(rowsKept); // all 0 for regression
  let t = new Float32Array(0);
  let classNames: string[] = [];
  const classBalance: { name: string; count: number }[] = [];
  if (options.task === 'classification') {
    let labelOf: (r: number) => number;
    if (target.kind === 'categorical') {
      const counts = categoryCounts(target, keep);
      const used = [...counts.keys()].filter((k) => counts[k]! > 0);
      used.sort((a, b) => (target.categories[a]! < target.categories[b]! ? -1 : target.categories[a]! > target.categories[b]! ? 1 : 0));
      const classOf = new Int32Array(counts.length).fill(-1);
      used.forEach((k, i) => (classOf[k] = i));
      classNames = used.map((k) => target.categories[k]!);
      labelOf = (r) => classOf[target.codes[r]!]!;
    } else {
      const values = new Set<number>();
      for (let r = 0; r < rows; r++) if (keep[r]) values.add(target.values[r]!);
      if (values.size > MAX_CLASSES)
        throw new EncodeError(`${file}: the target column ${q(target.name)} has ${values.size} different values, too many classes (at most ${MAX_CLASSES}). Choose regression to predict it as a number.`, target.name);
      const sorted = [...values].sort((a, b) => a - b);
      const index = new Map(sorted.map((v, i) => [v, i]));
      classNames = sorted.map((v) => String(v));
      labelOf = (r) => index.get(target.values[r]!)!;
    }
    if (classNames.length > MAX_CLASSES)
      throw new EncodeError(`${file}: the target column ${q(target.name)} has ${classNames.length} different values, too many classes (at most ${MAX_CLASSES}). Pick another target column.`, target.name);
    if (classNames.length < 2)
      throw new EncodeError(
        `${file}: the target column ${q(target.name)} has a single class (${q(classNames[0] ?? '')}) in the ${rowsKept} rows kept; classification needs at least two. Pick another target column${nValue > 0 ? ', or fill missing values instead of dropping rows' : ''}.`,
        target.name,
      );
    const balance = new Array<number>(classNames.length).fill(0);
    for (let r = 0, i = 0; r < rows; r++) {
      if (!keep[r]) continue;
      const label = labelOf(r);
      y[i++] = label;
      balance[label]!++;
    }
    classNames.forEach((name, k) => classBalance.push({ name, count: balance[k]! }));
  } else {
    const tv = target as Column & { kind: 'numeric' };
    t = new Float32Array(rowsKept);
    let first = NaN;
    let constant = true;
    for (let r = 0, i = 0; r < rows; r++) {
      if (!keep[r]) continue;
      checkRange(table, tv, r);
      const v = tv.values[r]!;
      if (Number.isNaN(first)) first = v;
      else if (v !== first) constant = false;
      t[i++] = v;
    }
    if (constant)
      throw new EncodeError(`${file}: the target column ${q(target.name)} is ${first} in every row kept, so there is nothing to predict. Pick another target column.`, target.name);
  }

  // 4. Features: numeric columns as they are (or mean-filled), categorical ones one-hot.
  const features: EncodedFeature[] = [];
  const featureNames: string[] = [];
  const plans: { column: Column; offset: number; used: Int32Array; fill: Float64Array }[] = [];
  let dims = 0;
  for (const c of kept) {
    if (c.kind === 'numeric') {
      plans.push({ column: c, offset: dims, used: new Int32Array(0), fill: new Float64Array(1) });
      featureNames.push(c.name);
      features.push({ column: c.name, encoding: 'numeric', dims: 1 });
      dims += 1;
    } else {
      const all = categoryCounts(c, null);
      const slot = new Int32Array(all.length).fill(-1);
      let k = 0;
      for (let i = 0; i < all.length; i++) {
        if (all[i]! > 0) {
          slot[i] = k++;
          featureNames.push(`${c.name}=${c.categories[i]}`);
        }
      }
      plans.push({ column: c, offset: dims, used: slot, fill: new Float64Array(k) });
      features.push({ column: c.name, encoding: 'one-hot', dims: k });
      dims += k;
    }
  }
  if (rowsKept * dims > MAX_CELLS)
    throw new EncodeError(`${file} would become ${rowsKept} rows x ${dims} features, more than ${MAX_CELLS.toLocaleString('en-US')} numbers. Lower the one-hot limit, or use fewer rows or columns.`, null);

  // Fill values (mean of the kept rows' present cells) and the range check.
  const filled: FilledCells[] = [];
  for (const p of plans) {
    const c = p.column;
    let present = 0;
    let missing = 0;
    if (c.kind === 'numeric') {
      let sum = 0;
      for (let r = 0; r < rows; r++) {
        if (!keep[r]) continue;
        if (Number.isNaN(c.values[r]!)) missing++;
        else {
          checkRange(table, c, r);
          sum += c.values[r]!;
          present++;
        }
      }
      p.fill[0] = present > 0 ? sum / present : 0;
      if (missing > 0) {
        const value = Math.fround(p.fill[0]!);
        filled.push({ column: c.name, count: missing, value, message: `${missing} missing ${missing === 1 ? 'value' : 'values'} in ${q(c.name)} filled with the column mean, ${value}.` });
      }
    } else {
      for (let r = 0; r < rows; r++) {
        if (!keep[r]) continue;
        const code = c.codes[r]!;
        if (code < 0) missing++;
        else {
          p.fill[p.used[code]!]!++;
          present++;
        }
      }
      for (let k = 0; k < p.fill.length; k++) p.fill[k] = present > 0 ? p.fill[k]! / present : 0;
      if (missing > 0)
        filled.push({ column: c.name, count: missing, value: null, message: `${missing} missing ${missing === 1 ? 'value' : 'values'} in ${q(c.name)} filled with each category's share of the rows (its one-hot mean).` });
    }
  }

  const x = new Float32Array(rowsKept * dims);
  for (const p of plans) {
    const c = p.column;
    for (let r = 0, i = 0; r < rows; r++) {
      if (!keep[r]) continue;
      const base = i * dims + p.offset;
      if (c.kind === 'numeric') {
        const v = c.values[r]!;
        x[base] = Number.isNaN(v) ? p.fill[0]! : v;
      } else {
        const code = c.codes[r]!;
        if (code >= 0) x[base + p.used[code]!] = 1;
        else for (let k = 0; k < p.fill.length; k++) x[base + k] = p.fill[k]!;
      }
      i++;
    }
  }

  const dataset: Dataset = {
    name: table.name,
    task: options.task,
    rows: rowsKept,
    dims,
    classes: options.task === 'classification' ? classNames.length : 0,
    x,
    y,
    t,
    featureNames,
    classNames,
    targetName: target.name,
  };
  return { ok: true, dataset, report: { rowsIn: rows, rowsKept, dropped, filled, leftOut, features, classBalance } };
}
