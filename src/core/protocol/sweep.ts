import * as v from 'valibot';
import { ActivationSchema, DatasetRefSchema, InitSchema, LIMITS, OptimizerSchema, RedoSchema, SessionSpecSchema } from './spec';
import { digestText } from '../math/digest';
import type { Parsed } from './messages';

/** The `format` tag every sweep file carries. */
export const SWEEP_FORMAT = 'leaky-lab-sweep';
/** The sweep file version this build writes and the newest it reads. */
export const SWEEP_VERSION = 1;
/** Most runs (cells x seeds) one sweep may have. */
export const MAX_SWEEP_RUNS = 100_000;
/** Largest sweep file accepted, in bytes (results of 100,000 runs fit). */
export const SWEEP_MAX_BYTES = 256 * 1024 * 1024;
/** Seeds per cell when a sweep does not say. */
export const DEFAULT_SWEEP_SEEDS = 10;

const finite = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const values = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.minLength(1, 'an axis needs at least one value'), v.maxLength(1000));

/** The axes a sweep can vary, each with the schema of its values (units as in the lane and session specs). */
export const AXIS_SCHEMAS = {
  activation: ActivationSchema,
  lr: finite(0, 100),
  batchSize: int(1, LIMITS.maxBatch),
  hidden: v.pipe(v.array(int(1, LIMITS.maxWidth)), v.minLength(1), v.maxLength(LIMITS.maxHiddenLayers)),
  depth: int(1, LIMITS.maxHiddenLayers),
  width: int(1, LIMITS.maxWidth),
  init: InitSchema,
  biasShift: finite(-100, 100),
  optimizer: OptimizerSchema,
  dataset: DatasetRefSchema,
  // ReDo on the lane (every K steps, threshold tau), or null: off.
  redo: v.nullable(RedoSchema),
} as const;

/** Name of an axis a sweep can vary. */
export type AxisName = keyof typeof AXIS_SCHEMAS;
/** Every axis name, in the order the docs list them. */
export const AXIS_NAMES = Object.keys(AXIS_SCHEMAS) as AxisName[];

const AxisSchema = v.variant(
  'axis',
  AXIS_NAMES.map((name) => v.strictObject({ axis: v.literal(name), values: values(AXIS_SCHEMAS[name]) })) as unknown as [
    v.StrictObjectSchema<{ axis: v.LiteralSchema<'activation', undefined>; values: v.GenericSchema }, undefined>,
  ],
);

/** One axis: its name and the values it takes (in the order they are plotted). */
export interface Axis {
  readonly axis: AxisName;
  readonly values: readonly unknown[];
}

/** A number that JSON wrote as null because it was NaN (a score not measured, a loss gone non-finite). */
const measured = v.pipe(v.nullable(v.number()), v.transform((x) => x ?? Number.NaN));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const perLayer = v.pipe(v.array(measured), v.maxLength(LIMITS.maxHiddenLayers));

/** Schema of one finished run as a sweep file keeps it (lab/sweep-run.ts RunResult describes the fields). */
const RunResultSchema = v.strictObject({
  index: count,
  cell: count,
  seed: count,
  steps: count,
  finalTestScore: measured,
  bestTestScore: measured,
  finalTrainScore: measured,
  finalLoss: measured,
  finalTestLoss: measured,
  deadPercent: perLayer,
  inactivePercent: perLayer,
  trace: v.strictObject({ steps: v.array(count), dead: v.array(measured), inactive: v.array(measured) }),
  bornDead: count,
  divergedAt: v.nullable(count),
  stepsToTarget: v.nullable(count),
  collapsed: v.boolean(),
  slopes: perLayer,
});

const SweepSchema = v.strictObject({
  format: v.literal(SWEEP_FORMAT),
  version: int(1, SWEEP_VERSION),
  name: v.pipe(v.string(), v.maxLength(200)),
  // The base session; its single lane is the template every run trains (the axes change it).
  base: v.pipe(
    SessionSpecSchema,
    v.forward(
      v.check((s) => s.lanes.length === 1, 'a sweep\'s base has exactly one lane, the template every run trains; put the activations to compare on an "activation" axis'),
      ['lanes'],
    ),
  ),
  // Steps every run trains; a run's score is measured every 10 steps.
  steps: v.pipe(int(10, 10_000_000), v.multipleOf(10, 'must be a multiple of 10 (runs are measured every 10 steps)')),
  // Seeds: a count n (seeds 1..n) or the list of seeds.
  seeds: v.optional(v.union([int(1, 10_000), v.pipe(v.array(int(0, 0xffffffff)), v.minLength(1), v.maxLength(10_000))]), DEFAULT_SWEEP_SEEDS),
  // Test score (accuracy in [0, 1], or R^2) whose first reaching is recorded per run; null: none.
  target: v.optional(v.nullable(finite(-1e6, 1)), null),
  axes: v.pipe(v.array(AxisSchema), v.maxLength(AXIS_NAMES.length)),
  // The runs finished so far (the app and `leaky-lab sweep --save` write them); running the sweep again
  // trains only the others.
  results: v.optional(v.array(RunResultSchema), []),
  // Fingerprint of the definition (base, steps, seeds, target, axes) the results were measured with.
  resultsBasis: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/))),
});

/** One finished run as stored in a sweep file (NaN measures were written as null and read back as NaN). */
export type StoredRunResult = v.InferOutput<typeof RunResultSchema>;

/** A sweep: a base session, the axes to vary and the seeds (docs/sweep-format.md describes every field). */
export interface Sweep {
  readonly format: typeof SWEEP_FORMAT;
  readonly version: number;
  readonly name: string;
  readonly base: v.InferOutput<typeof SessionSpecSchema>;
  readonly steps: number;
  readonly seeds: number | readonly number[];
  readonly target: number | null;
  readonly axes: readonly Axis[];
  /** Finished runs, by run index order of finishing (lab/sweep-run.ts RunResult). */
  readonly results: readonly StoredRunResult[];
  readonly resultsBasis?: string;
}

/** Fingerprint of what decides a sweep's results: base, steps, seeds, target and axes (not its name). */
export function sweepBasis(s: Pick<Sweep, 'base' | 'steps' | 'seeds' | 'target' | 'axes'>): string {
  return digestText(JSON.stringify([s.base, s.steps, sweepSeeds(s), s.target, s.axes]));
}

/** The seeds every cell of a sweep runs, in order. */
export function sweepSeeds(s: Pick<Sweep, 'seeds'>): number[] {
  return typeof s.seeds === 'number' ? Array.from({ length: s.seeds }, (_, i) => i + 1) : [...s.seeds];
}

/** Number of runs a sweep has: the product of its axes' lengths times its seeds. */
export function sweepRunCount(s: Pick<Sweep, 'axes' | 'seeds'>): number {
  return s.axes.reduce((n, a) => n * a.values.length, 1) * sweepSeeds(s).length;
}

/**
 * Reads a sweep file's text: the sweep, or one message naming the file and the field that is wrong and
 * what to do. Refuses unknown and empty axes, an axis given twice, depth or width beside hidden, user
 * files as datasets, and more than MAX_SWEEP_RUNS runs.
 */
export function parseSweep(text: string, fileName: string): Parsed<Sweep> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`${fileName} is not valid JSON (${e instanceof Error ? e.message : String(e)}); it may be truncated or not a sweep file.`, null);
  }
  return checkSweep(raw, fileName);
}

/** The same checks as parseSweep on an already parsed value (a sweep built by the app). */
export function checkSweep(raw: unknown, fileName: string): Parsed<Sweep> {
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== SWEEP_FORMAT) {
    return fail(`${fileName} is not a Leaky Lab sweep file (its "format" field is not "${SWEEP_FORMAT}").`, 'format');
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > SWEEP_VERSION) {
    return fail(`${fileName} was saved by a newer Leaky Lab (sweep format version ${version}; this one reads up to ${SWEEP_VERSION}). Update Leaky Lab to run it.`, 'version');
  }
  const axes = (raw as { axes?: unknown }).axes;
  if (Array.isArray(axes)) {
    for (let i = 0; i < axes.length; i++) {
      const name = (axes[i] as { axis?: unknown } | null)?.axis;
      if (!(AXIS_NAMES as readonly unknown[]).includes(name)) {
        return fail(`${fileName}: field "axes.${i}.axis" is ${JSON.stringify(name)}, which is not an axis; use one of ${AXIS_NAMES.join(', ')}.`, `axes.${i}.axis`);
      }
    }
  }
  const r = v.safeParse(SweepSchema, raw);
  if (!r.success) {
    const issue = r.issues[0];
    const field = v.getDotPath(issue);
    return fail(`${fileName}: field "${field ?? '(top level)'}" is invalid: ${issue.message}.`, field);
  }
  const sweep = r.output as Sweep;
  const problem = axesProblem(sweep);
  if (problem !== null) return fail(`${fileName}: field "${problem.field}" ${problem.message}.`, problem.field);
  const runs = sweepRunCount(sweep);
  const seeds = sweepSeeds(sweep);
  if (sweep.results.length > 0 && sweep.resultsBasis !== sweepBasis(sweep)) {
    return fail(`${fileName}: field "results" was measured with other settings (its "resultsBasis" does not match the base, steps, seeds, target and axes); delete "results" and "resultsBasis" to run the sweep afresh.`, 'results');
  }
  const seen = new Set<number>();
  for (let i = 0; i < sweep.results.length; i++) {
    const r = sweep.results[i]!;
    const wrong = r.index >= runs ? 'index' : r.cell !== Math.floor(r.index / seeds.length) ? 'cell' : r.seed !== seeds[r.index % seeds.length] ? 'seed' : seen.has(r.index) ? 'index' : null;
    if (wrong !== null) return fail(`${fileName}: field "results.${i}.${wrong}" does not match run ${r.index} of this sweep's axes and seeds (the axes were edited after it ran, or the run is listed twice); delete "results" to run the sweep afresh.`, `results.${i}.${wrong}`);
    seen.add(r.index);
  }
  if (runs > MAX_SWEEP_RUNS) {
    return fail(`${fileName}: field "axes" makes ${runs.toLocaleString('en-US')} runs (axes x seeds), more than the ${MAX_SWEEP_RUNS.toLocaleString('en-US')} a sweep may have; use fewer values or seeds, or split the sweep.`, 'axes');
  }
  return { ok: true, value: sweep };
}

/** The first combination of axes that cannot be built, or null. */
function axesProblem(s: Sweep): { field: string; message: string } | null {
  const seen = new Map<AxisName, number>();
  for (let i = 0; i < s.axes.length; i++) {
    const a = s.axes[i]!;
    const before = seen.get(a.axis);
    if (before !== undefined) return { field: `axes.${i}.axis`, message: `repeats the axis "${a.axis}" of axes.${before}; give each axis once, with all its values` };
    seen.set(a.axis, i);
    if (a.axis === 'dataset') {
      const k = (a.values as { kind: string }[]).findIndex((d) => d.kind === 'file');
      if (k >= 0) return { field: `axes.${i}.values.${k}`, message: 'is a user file; sweeps run on built-in and bundled datasets (put a file dataset in "base" instead)' };
    }
  }
  // Imported starting weights fix the network's shape and replace the init's draw.
  const start = s.base.lanes[0]?.start;
  for (const name of ['init', 'hidden', 'depth', 'width', 'dataset'] as const) {
    const i = seen.get(name);
    if (start === undefined || i === undefined) continue;
    const why = name === 'init' ? 'would change nothing: the base lane starts from' : 'would change the network or its inputs, which must fit';
    return { field: `axes.${i}.axis`, message: `is "${name}", which ${why} the weights imported from ${start.source}; remove the axis, or the base lane's "start"` };
  }
  const hidden = seen.get('hidden');
  const shape = seen.get('depth') ?? seen.get('width');
  if (hidden !== undefined && shape !== undefined) return { field: `axes.${shape}.axis`, message: 'cannot be swept together with a "hidden" axis (which sets depth and width at once); use one or the other' };
  return null;
}

function fail(message: string, field: string | null): Parsed<Sweep> {
  return { ok: false, message, field };
}
