import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { TableEncodeOptions } from '../../../../src/core/data/encode-report';
import { MAX_CLASSES, defaultOptions, encodeTable, inferTask } from '../../../../src/core/data/encode-table';
import type { Column, Table } from '../../../../src/core/data/table';
import type { TableOptions } from '../../../../src/core/protocol/spec';

const num = (name: string, values: number[]): Column => ({ name, kind: 'numeric', values: Float64Array.from(values) });
const cat = (name: string, categories: string[], codes: number[]): Column => ({ name, kind: 'categorical', codes: Int32Array.from(codes), categories });
const table = (columns: Column[], name = 'lab.csv', rowNumbers?: number[]): Table => ({
  name,
  rows: columns[0] ? (columns[0].kind === 'numeric' ? columns[0].values.length : columns[0].codes.length) : 0,
  columns,
  ...(rowNumbers ? { rowNumbers: Int32Array.from(rowNumbers) } : {}),
});
const opts = (o: Partial<TableEncodeOptions> & { target: string }): TableEncodeOptions => ({ task: 'classification', missing: 'drop', oneHotLimit: 16, ...o });

function ok(t: Table, o: TableEncodeOptions) {
  const r = encodeTable(t, o);
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe('encodeTable options', () => {
  it('has the same shape as the protocol TableOptions', () => {
    expectTypeOf<TableEncodeOptions>().toEqualTypeOf<TableOptions>();
  });

  it('defaults to the last column as target, its inferred task, dropping missing rows, one-hot up to 16', () => {
    expect(defaultOptions(table([num('a', [1, 2]), cat('species', ['x', 'y'], [0, 1])]))).toEqual({ target: 'species', task: 'classification', missing: 'drop', oneHotLimit: 16 });
    expect(defaultOptions(table([num('a', [1, 2]), num('price', [1.5, 2])]))).toEqual({ target: 'price', task: 'regression', missing: 'drop', oneHotLimit: 16 });
  });

  it('infers classification for text and for up to 20 distinct integers, else regression', () => {
    expect(inferTask(cat('c', ['a'], [0, -1]))).toBe('classification');
    expect(inferTask(num('n', [0, 1, 1, NaN, 0]))).toBe('classification');
    expect(inferTask(num('n', Array.from({ length: 20 }, (_, i) => i)))).toBe('classification');
    expect(inferTask(num('n', Array.from({ length: 21 }, (_, i) => i)))).toBe('regression');
    expect(inferTask(num('n', [0, 1, 0.5]))).toBe('regression');
    expect(inferTask(num('n', [NaN, NaN]))).toBe('regression');
  });
});

describe('encodeTable', () => {
  // color: red, blue, red, green (first-appearance order red, blue, green); label sorted: "cat" < "dog".
  const t = table([num('size', [1.5, 2, 0.1, 4]), cat('color', ['red', 'blue', 'green'], [0, 1, 0, 2]), cat('label', ['dog', 'cat'], [0, 1, 1, 0])]);

  it('one-hot encodes in order of first appearance and sorts class labels, bit for bit', () => {
    const { dataset, report } = ok(t, opts({ target: 'label' }));
    expect(dataset.featureNames).toEqual(['size', 'color=red', 'color=blue', 'color=green']);
    expect(dataset.classNames).toEqual(['cat', 'dog']);
    expect(Array.from(dataset.x)).toEqual([1.5, 1, 0, 0, 2, 0, 1, 0, Math.fround(0.1), 1, 0, 0, 4, 0, 0, 1]);
    expect(Array.from(dataset.y)).toEqual([1, 0, 0, 1]);
    expect(dataset).toMatchObject({ name: 'lab.csv', task: 'classification', rows: 4, dims: 4, classes: 2, targetName: 'label' });
    expect(dataset.t.length).toBe(0);
    expect(report.classBalance).toEqual([
      { name: 'cat', count: 2 },
      { name: 'dog', count: 2 },
    ]);
    expect(report.features).toEqual([
      { column: 'size', encoding: 'numeric', dims: 1 },
      { column: 'color', encoding: 'one-hot', dims: 3 },
    ]);
  });

  it('is deterministic: the same table and options give the same bits', () => {
    const a = ok(t, opts({ target: 'label' })).dataset;
    const b = ok(t, opts({ target: 'label' })).dataset;
    expect(Buffer.from(a.x.buffer)).toEqual(Buffer.from(b.x.buffer));
    expect(a.y).toEqual(b.y);
  });

  it('sorts numeric class labels by value', () => {
    const { dataset } = ok(table([num('x', [1, 2, 3, 4]), num('y', [10, 2, 2, 10])]), opts({ target: 'y' }));
    expect(dataset.classNames).toEqual(['2', '10']);
    expect(Array.from(dataset.y)).toEqual([1, 0, 0, 1]);
  });

  it('encodes regression targets as float32 values, with no classes', () => {
    const { dataset, report } = ok(table([num('x', [1, 2, 3]), num('price', [0.1, 2.5, 3])]), opts({ target: 'price', task: 'regression' }));
    expect(dataset).toMatchObject({ task: 'regression', classes: 0, classNames: [] });
    expect(Array.from(dataset.t)).toEqual([Math.fround(0.1), 2.5, 3]);
    expect(Array.from(dataset.y)).toEqual([0, 0, 0]);
    expect(report.classBalance).toEqual([]);
  });

  it('drops rows with a missing target or feature and reports their file row numbers', () => {
    const t2 = table([num('a', [1, NaN, 3, 4, 5, NaN]), cat('b', ['u', 'v'], [0, 1, -1, 0, 1, 0]), cat('y', ['p', 'q'], [0, 1, 0, -1, 1, 0])], 'f.csv', [2, 3, 5, 6, 7, 8]);
    const { dataset, report } = ok(t2, opts({ target: 'y' }));
    expect(dataset.rows).toBe(2);
    expect(report.rowsIn).toBe(6);
    expect(report.rowsKept).toBe(2);
    expect(report.dropped).toEqual([
      { reason: 'missing target', count: 1, rows: [6], message: '1 row has no value in the target column "y" and was left out (row 6).' },
      { reason: 'missing value', count: 3, rows: [3, 5, 8], message: '3 rows have missing values ("a": 2, "b": 1) and were left out (rows 3, 5, 8). Choose "fill with the column mean" to keep them.' },
    ]);
    expect(report.filled).toEqual([]);
  });

  it('fills missing numeric cells with the column mean and one-hot cells with category shares', () => {
    const t2 = table([num('a', [1, NaN, 4, NaN]), cat('b', ['u', 'v'], [0, 1, -1, 0]), cat('y', ['p', 'q'], [0, 1, 0, 1])]);
    const { dataset, report } = ok(t2, opts({ target: 'y', missing: 'mean' }));
    expect(dataset.rows).toBe(4);
    expect(Array.from(dataset.x)).toEqual([1, 1, 0, 2.5, 0, 1, 4, Math.fround(2 / 3), Math.fround(1 / 3), 2.5, 1, 0]);
    expect(report.filled).toEqual([
      { column: 'a', count: 2, value: 2.5, message: '2 missing values in "a" filled with the column mean, 2.5.' },
      { column: 'b', count: 1, value: null, message: `1 missing value in "b" filled with each category's share of the rows (its one-hot mean).` },
    ]);
  });

  it('leaves out constant columns, empty ones and those over the one-hot limit, saying why', () => {
    const t2 = table([
      num('k', [7, 7, NaN, 7]),
      num('empty', [NaN, NaN, NaN, NaN]),
      cat('id', ['a', 'b', 'c', 'd'], [0, 1, 2, 3]),
      cat('same', ['x'], [0, 0, 0, -1]),
      num('x', [1, 2, 3, 4]),
      cat('y', ['p', 'q'], [0, 1, 0, 1]),
    ]);
    const { dataset, report } = ok(t2, opts({ target: 'y', oneHotLimit: 3, missing: 'mean' }));
    expect(dataset.featureNames).toEqual(['x']);
    expect(report.leftOut).toEqual([
      { column: 'k', reason: 'constant', message: '"lab.csv", column "k" is 7 in every row, so it tells the network nothing and is left out.' },
      { column: 'empty', reason: 'no values', message: '"lab.csv", column "empty" has no values (every cell is empty or missing), so it is left out.' },
      {
        column: 'id',
        reason: 'too many categories',
        message: '"lab.csv", column "id" has 4 different values, more than the one-hot limit of 3, so it is left out. Raise the limit to use it, or remove the column if it is an identifier.',
      },
      { column: 'same', reason: 'constant', message: '"lab.csv", column "same" is "x" in every row, so it tells the network nothing and is left out.' },
    ]);
    // A left-out column's missing cells never drop rows.
    expect(ok(t2, opts({ target: 'y', oneHotLimit: 3 })).dataset.rows).toBe(4);
  });
});

describe('encodeTable errors (one message, naming the file and the column)', () => {
  const base = [num('x', [1, 2, 3]), cat('label', ['a', 'b'], [0, 1, 0])];
  const cases: [string, Table, TableEncodeOptions, string, string | null][] = [
    ['an unknown target', table(base), opts({ target: 'nope' }), '"lab.csv" has no column named "nope". Pick the target among: "x", "label".', 'nope'],
    [
      'regression on a text target',
      table(base),
      opts({ target: 'label', task: 'regression' }),
      '"lab.csv": the target column "label" holds text ("a", "b"...), and regression needs numbers. Choose classification, or another target column.',
      'label',
    ],
    [
      'a single class',
      table([num('x', [1, 2]), cat('label', ['a'], [0, 0])]),
      opts({ target: 'label' }),
      '"lab.csv": the target column "label" has a single class ("a") in the 2 rows kept; classification needs at least two. Pick another target column.',
      'label',
    ],
    ['a constant regression target', table([num('x', [1, 2]), num('y', [3, 3])]), opts({ target: 'y', task: 'regression' }), '"lab.csv": the target column "y" is 3 in every row kept, so there is nothing to predict. Pick another target column.', 'y'],
    ['an empty target', table([num('x', [1, 2]), num('y', [NaN, NaN])]), opts({ target: 'y' }), '"lab.csv": the target column "y" has no values. Pick another target column.', 'y'],
    [
      'no usable feature',
      table([num('k', [1, 1]), cat('label', ['a', 'b'], [0, 1])]),
      opts({ target: 'label' }),
      '"lab.csv" has no usable feature column besides the target "label" ("k": constant). A dataset needs at least one column that varies.',
      null,
    ],
    [
      'no rows left',
      table([num('x', [1, 2, NaN, NaN]), num('z', [NaN, NaN, 3, 4]), cat('label', ['a', 'b'], [0, 1, 0, 1])]),
      opts({ target: 'label' }),
      '"lab.csv": no rows are left after leaving out those with missing values. Choose "fill with the column mean" to keep rows with missing features.',
      null,
    ],
    [
      'too many classes',
      table([num('x', Array.from({ length: 300 }, (_, i) => i % 7)), num('y', Array.from({ length: 300 }, (_, i) => i))]),
      opts({ target: 'y' }),
      `"lab.csv": the target column "y" has 300 different values, too many classes (at most ${MAX_CLASSES}). Choose regression to predict it as a number.`,
      'y',
    ],
    [
      'a value beyond float32',
      table([num('x', [1, 1e39, 2]), cat('label', ['a', 'b'], [0, 1, 0])], 'lab.csv', [2, 3, 4]),
      opts({ target: 'label' }),
      '"lab.csv", row 3, column "x": 1e+39 is beyond ±3.4e38, the largest number the network can hold. Rescale the column (for example, divide it by a power of ten) or remove the value.',
      'x',
    ],
  ];
  it.each(cases)('%s', (_what, t, o, message, column) => {
    expect(encodeTable(t, o)).toEqual({ ok: false, message, column });
  });
});

describe('encodeTable on generated tables', () => {
  const column = (rows: number, i: number): fc.Arbitrary<Column> =>
    fc.oneof(
      fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN)), { minLength: rows, maxLength: rows }).map((v) => num(`n${i}`, v)),
      fc.array(fc.integer({ min: -1, max: 5 }), { minLength: rows, maxLength: rows }).map((codes) => cat(`c${i}`, ['a', 'b', 'c', 'd', 'e', 'f'], codes)),
    );
  const tables = fc.integer({ min: 1, max: 30 }).chain((rows) => fc.array(fc.nat(), { minLength: 2, maxLength: 6 }).chain((cols) => fc.tuple(...cols.map((_c, i) => column(rows, i))).map((cs) => table(cs))));

  it('never throws; an encoded dataset is finite and consistent with its report', () => {
    fc.assert(
      fc.property(tables, fc.constantFrom('drop' as const, 'mean' as const), fc.integer({ min: 2, max: 8 }), fc.boolean(), (t, missing, oneHotLimit, regression) => {
        const target = t.columns[t.columns.length - 1]!;
        const task = regression && target.kind === 'numeric' ? 'regression' : inferTask(target);
        const r = encodeTable(t, { target: target.name, task, missing, oneHotLimit });
        if (!r.ok) {
          expect(r.message.length).toBeGreaterThan(0);
          return;
        }
        const d = r.dataset;
        expect(d.x.length).toBe(d.rows * d.dims);
        for (const v of d.x) expect(Number.isFinite(v)).toBe(true);
        expect(d.featureNames.length).toBe(d.dims);
        expect(r.report.rowsKept + r.report.dropped.reduce((a, b) => a + b.count, 0)).toBe(t.rows);
        if (d.task === 'classification') {
          expect(r.report.classBalance.reduce((a, b) => a + b.count, 0)).toBe(d.rows);
          for (const y of d.y) expect(y >= 0 && y < d.classes).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
