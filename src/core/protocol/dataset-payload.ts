import * as v from 'valibot';

const names = v.pipe(v.array(v.pipe(v.string(), v.maxLength(1000))), v.maxLength(100_000), v.readonly());
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000));

/** The descriptive part every dataset carries, wherever its numbers travel. */
const header = {
  name: v.pipe(v.string(), v.maxLength(1000)),
  task: v.picklist(['classification', 'regression']),
  rows: count,
  dims: v.pipe(count, v.minValue(1)),
  classes: count,
  featureNames: names,
  classNames: names,
  targetName: v.pipe(v.string(), v.maxLength(1000)),
};

/** Checks that the arrays have the lengths the header promises and that labels lie in range. */
function consistent<T extends { rows: number; dims: number; classes: number; task: string; featureNames: readonly string[]; classNames: readonly string[] }>(
  lengths: (d: T) => { x: number; y: number; t: number; maxLabel: number },
) {
  return v.check((d: T) => {
    const n = lengths(d);
    const classesOk = d.task === 'regression' ? d.classes === 0 && n.maxLabel <= 0 : d.classes >= 2 && d.classNames.length === d.classes && n.maxLabel < d.classes;
    return n.x === d.rows * d.dims && n.y === d.rows && n.t === (d.task === 'regression' ? d.rows : 0) && d.featureNames.length === d.dims && classesOk;
  }, 'the dataset arrays do not match its rows, dims and classes');
}

/** The largest label, or Infinity when one is negative (so any range check fails). */
function maxOf(a: ArrayLike<number>): number {
  let m = -1;
  for (let i = 0; i < a.length; i++) m = a[i]! < 0 ? Infinity : Math.max(m, a[i]!);
  return m;
}

/** Schema of a dataset's rows as typed arrays, as a host hands them to the engine (x: [rows x dims] row-major). */
export const DatasetPayloadSchema = v.pipe(
  v.strictObject({ ...header, x: v.instance(Float32Array), y: v.instance(Int32Array), t: v.instance(Float32Array) }),
  consistent((d) => ({ x: d.x.length, y: d.y.length, t: d.t.length, maxLabel: maxOf(d.y) })),
);

/**
 * Schema of a dataset embedded in an experiment file: the same fields, with x and t as base64 of
 * little-endian float32 and y as base64 of little-endian int32 (exact, and about 5.3 characters per value).
 */
export const EmbeddedDatasetSchema = v.strictObject({ ...header, encoding: v.literal('base64-le'), x: v.string(), y: v.string(), t: v.string() });

/** A dataset's rows as typed arrays (structurally a core Dataset). */
export type DatasetPayload = v.InferOutput<typeof DatasetPayloadSchema>;
/** A dataset as stored inside an experiment file. */
export type EmbeddedDataset = v.InferOutput<typeof EmbeddedDatasetSchema>;
