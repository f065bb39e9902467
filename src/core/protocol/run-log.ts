import * as v from 'valibot';

/** The `format` tag of a run log's header line (python/leaky_lab_monitor.py writes it). */
export const RUN_LOG_FORMAT = 'leaky-lab-run-log';
/** The newest run log version this build reads. */
export const RUN_LOG_VERSION = 1;
/** Largest run log accepted, in bytes (a million records of a few layers fit). */
export const RUN_LOG_MAX_BYTES = 256 * 1024 * 1024;
/** Most activation layers a run log may describe. */
export const RUN_LOG_MAX_LAYERS = 1000;

/** How a layer's activation treats z <= 0: "zero-grad" (ReLU: no gradient, so always-0 units are dead), "leaky" or "smooth" (still learning). */
export type RunLogKind = 'zero-grad' | 'leaky' | 'smooth';

/** One monitored activation layer, as the header describes it. */
export interface RunLogLayer {
  /** The module's name in the model ("1", "encoder.0.activation"). */
  readonly name: string;
  /** The module type as the monitor describes it ("ReLU", "LeakyReLU(0.01)", "PReLU(512)"). */
  readonly type: string;
  readonly kind: RunLogKind;
  /** Units in the layer (features, or channels of a convolution). */
  readonly units: number;
  /** What one unit is: a feature (reduced over batch and tokens) or a channel (over batch and positions). */
  readonly unit: 'feature' | 'channel';
}

/** A run log's first line: what was monitored and how. */
export interface RunLogHeader {
  readonly version: number;
  /** Steps between records. */
  readonly every: number;
  /** The τ of the dormant test (a unit is dormant when its normalized mean |a| is <= τ). */
  readonly tau: number;
  /** Processes whose counts each record sums (DistributedDataParallel ranks). */
  readonly worldSize: number;
  readonly model: string | null;
  readonly torch: string | null;
  /** When the run started, as the monitor wrote it (ISO 8601, UTC), or null. */
  readonly created: string | null;
  readonly layers: readonly RunLogLayer[];
}

/** PReLU slopes at a record step: mean, min, max, and every value when there are few. */
export interface RunLogAlpha {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[] | null;
}

/** One layer's statistics at a record step (percentages 0-100; null when the window saw no input). */
export interface RunLogLayerRecord {
  /** Inputs per unit in the window (batch rows, times positions or tokens). */
  readonly rows: number;
  /** % of units whose output was 0 on every input; null unless the activation has zero gradient there (ReLU). */
  readonly deadPercent: number | null;
  /** % of units whose z was <= 0 on every input. */
  readonly inactivePercent: number | null;
  /** % of τ-dormant units (Sokar et al. 2023). */
  readonly dormantPercent: number | null;
  /** Fraction 0-1 of all activation values that were exactly 0 (the common "dead_ratio"). */
  readonly zeroFraction: number | null;
  readonly alpha: RunLogAlpha | null;
}

/** One record line: the statistics of one step's window. */
export interface RunLogRecord {
  /** Optimizer steps taken before the window's forward passes. */
  readonly step: number;
  /** Seconds since the monitor started, or null. */
  readonly time: number | null;
  /** The loss the user passed (mean over ranks); NaN or ±Infinity when it was not finite; null when not given. */
  readonly loss: number | null;
  /** Per header layer, in order. */
  readonly layers: readonly RunLogLayerRecord[];
}

/** A malformed line: its 1-based number and what was wrong with it. */
export interface RunLogProblem {
  readonly line: number;
  readonly message: string;
}

/** A parsed run log: the header, the records read, and the problem that stopped reading (null: the whole file). */
export interface RunLog {
  readonly header: RunLogHeader;
  readonly records: readonly RunLogRecord[];
  readonly problem: RunLogProblem | null;
}

/** A run log, or why not even its header could be read. */
export type RunLogParsed = { readonly ok: true; readonly log: RunLog } | { readonly ok: false; readonly message: string };

const nonNegInt = v.pipe(v.number(), v.integer(), v.minValue(0));
const percent = v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100)));
const finite = v.pipe(v.number(), v.finite());

const HeaderSchema = v.object({
  format: v.literal(RUN_LOG_FORMAT),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  every: v.pipe(nonNegInt, v.minValue(1)),
  tau: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)),
  worldSize: v.optional(v.pipe(nonNegInt, v.minValue(1)), 1),
  model: v.optional(v.nullable(v.string()), null),
  torch: v.optional(v.nullable(v.string()), null),
  created: v.optional(v.nullable(v.string()), null),
  layers: v.pipe(
    v.array(
      v.object({
        name: v.pipe(v.string(), v.maxLength(500)),
        type: v.pipe(v.string(), v.maxLength(200)),
        kind: v.picklist(['zero-grad', 'leaky', 'smooth']),
        units: nonNegInt,
        unit: v.optional(v.picklist(['feature', 'channel']), 'feature'),
      }),
    ),
    v.minLength(1, 'a run log names at least one layer'),
    v.maxLength(RUN_LOG_MAX_LAYERS),
  ),
});

const AlphaSchema = v.object({ mean: finite, min: finite, max: finite, values: v.optional(v.array(finite)) });

const LayerRecordSchema = v.object({
  rows: nonNegInt,
  deadPercent: v.optional(percent, null),
  inactivePercent: v.optional(percent, null),
  dormantPercent: v.optional(percent, null),
  zeroFraction: v.optional(v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1))), null),
  alpha: v.optional(AlphaSchema),
});

/** The monitor writes a non-finite loss as a string (JSON has no NaN). */
const LossSchema = v.union([finite, v.picklist(['nan', 'inf', '-inf'])]);

const RecordSchema = v.object({
  step: nonNegInt,
  time: v.optional(v.nullable(v.pipe(v.number(), v.finite())), null),
  loss: v.optional(LossSchema),
  layers: v.array(LayerRecordSchema),
});

/** What valibot found first, as "field "x.y": message". */
function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!;
  const path = v.getDotPath(issue);
  return `${path === null ? '' : `field "${path}": `}${issue.message}`;
}

/** JSON.parse that answers instead of throwing: the value, or the parser's message. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `not valid JSON (${(e as Error).message})` };
  }
}

const LOSS_WORDS = { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, '-inf': Number.NEGATIVE_INFINITY } as const;

/** Checks one record line against the header; the record, or what is wrong with it. */
function checkRecord(value: unknown, header: RunLogHeader, previousStep: number): RunLogRecord | string {
  const r = v.safeParse(RecordSchema, value);
  if (!r.success) return firstIssue(r.issues);
  const rec = r.output;
  if (rec.layers.length !== header.layers.length) return `field "layers": ${rec.layers.length} layers, but the header names ${header.layers.length}`;
  if (rec.step <= previousStep) return `field "step": step ${rec.step} does not come after step ${previousStep}`;
  for (let i = 0; i < rec.layers.length; i++) {
    const l = rec.layers[i]!;
    const h = header.layers[i]!;
    // Words match mechanisms: under a leaky or smooth activation a unit that never fires still learns.
    if (l.deadPercent !== null && h.kind !== 'zero-grad') return `field "layers.${i}.deadPercent": layer ${h.name} is ${h.type}, whose units still get gradient for z <= 0: it has no dead units (write null)`;
  }
  const loss = rec.loss === undefined ? null : typeof rec.loss === 'string' ? LOSS_WORDS[rec.loss] : rec.loss;
  return {
    step: rec.step,
    time: rec.time,
    loss,
    layers: rec.layers.map((l) => ({
      rows: l.rows,
      deadPercent: l.deadPercent,
      inactivePercent: l.inactivePercent,
      dormantPercent: l.dormantPercent,
      zeroFraction: l.zeroFraction,
      alpha: l.alpha === undefined ? null : { mean: l.alpha.mean, min: l.alpha.min, max: l.alpha.max, values: l.alpha.values ?? null },
    })),
  };
}

/**
 * Parses a run log (JSON Lines, docs/run-log-format.md) named `fileName`. A bad header refuses the file;
 * a bad record line stops reading there: the records before it are kept and `problem` names the line
 * and what was wrong. Never throws.
 */
export function parseRunLog(text: string, fileName: string): RunLogParsed {
  const lines = text.split('\n');
  let at = 0;
  while (at < lines.length && lines[at]!.trim() === '') at++;
  if (at === lines.length) return { ok: false, message: `${fileName} is empty: a run log starts with a header line (docs/run-log-format.md).` };
  const first = parseJson(lines[at]!);
  if (!first.ok) {
    // A pretty-printed JSON file (an experiment, say) fails on its first line but parses whole.
    const whole = parseJson(text);
    if (whole.ok && whole.value !== null && typeof whole.value === 'object') {
      const format = (whole.value as { format?: unknown }).format;
      const what = typeof format === 'string' ? ` (format "${format}")` : '';
      const hint = format === 'leaky-lab-experiment' ? ' Open experiments with Open Experiment.' : '';
      return { ok: false, message: `${fileName} is one JSON document${what}, not a run log (JSON Lines whose first line is a header with "format": "${RUN_LOG_FORMAT}").${hint}` };
    }
    return { ok: false, message: `${fileName} line ${at + 1}: the header is ${first.message}.` };
  }
  const raw = first.value as { format?: unknown; version?: unknown } | null;
  if (raw === null || typeof raw !== 'object' || raw.format !== RUN_LOG_FORMAT) {
    return { ok: false, message: `${fileName} line ${at + 1}: not a Leaky Lab run log (its header has no "format": "${RUN_LOG_FORMAT}"). Run logs are written by leaky_lab_monitor.py.` };
  }
  if (typeof raw.version === 'number' && raw.version > RUN_LOG_VERSION) {
    return { ok: false, message: `${fileName}: run log version ${raw.version} is newer than this Leaky Lab reads (${RUN_LOG_VERSION}); update Leaky Lab.` };
  }
  const h = v.safeParse(HeaderSchema, raw);
  if (!h.success) return { ok: false, message: `${fileName} line ${at + 1}: the header's ${firstIssue(h.issues)}.` };
  const header: RunLogHeader = { ...h.output, layers: h.output.layers.map((l) => ({ ...l })) };
  const records: RunLogRecord[] = [];
  let problem: RunLogProblem | null = null;
  let previous = -1;
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const json = parseJson(line);
    const rec = json.ok ? checkRecord(json.value, header, previous) : json.message;
    if (typeof rec === 'string') {
      problem = { line: i + 1, message: `${fileName} line ${i + 1}: ${rec}. Read up to line ${i} (${records.length} ${records.length === 1 ? 'record' : 'records'}).` };
      break;
    }
    records.push(rec);
    previous = rec.step;
  }
  return { ok: true, log: { header, records, problem } };
}
