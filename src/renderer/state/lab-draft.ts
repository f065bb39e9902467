import { activationLabel, type ActivationSpec } from '../../core/nn/activation';
import { type Axis, type AxisName, checkSweep, type Sweep, sweepRunCount } from '../../core/protocol/sweep';

/** An activation the Lab's builder offers as a checkbox: its key (the spec as JSON), label and spec. */
export interface ActivationChoice {
  readonly key: string;
  readonly label: string;
  readonly spec: ActivationSpec;
}

/** The activations the builder always offers (the ReLU family first, then the smooth ones). */
const OFFERED: readonly ActivationSpec[] = [
  { kind: 'relu' },
  { kind: 'leaky_relu', alpha: 0.01 },
  { kind: 'leaky_relu', alpha: 0.2 },
  { kind: 'prelu', alpha: 0.25, perNeuron: false },
  { kind: 'prelu', alpha: 0.25, perNeuron: true },
  // nn.RReLU()'s defaults: random slopes in [1/8, 1/3] while training, their mean when evaluating.
  { kind: 'rrelu', lower: 1 / 8, upper: 1 / 3 },
  { kind: 'elu', alpha: 1 },
  { kind: 'gelu', approximate: 'none' },
  { kind: 'silu' },
  { kind: 'tanh' },
];

/** The sweep form as the user edits it: checked activations and text lists ("" leaves an axis unswept). */
export interface LabDraft {
  readonly activations: readonly string[];
  /** Learning rates, separated by commas or spaces. */
  readonly lr: string;
  /** Batch sizes (rows per step). */
  readonly batchSize: string;
  /** Hidden layer shapes, each like "16x16", separated by commas or semicolons. */
  readonly hidden: string;
  /** Bias shifts added to every hidden bias at init. */
  readonly biasShift: string;
  /** Seeds per cell (a count: seeds 1..n), or a list of seeds. */
  readonly seeds: string;
  /** Steps every run trains (a multiple of 10). */
  readonly steps: string;
}

/** A field of the form the user can fix, and why it is refused. */
export interface DraftProblem {
  readonly field: keyof LabDraft | 'base' | 'sweep';
  readonly message: string;
}

/** The axes the form edits, in the order it writes them (other axes of a sweep are kept as they are). */
const FORM_AXES = ['activation', 'lr', 'batchSize', 'hidden', 'biasShift'] as const satisfies readonly AxisName[];

// Keys sorted, so a spec read from a file matches the offered one whatever its field order.
const keyOf = (a: ActivationSpec): string => JSON.stringify(a, Object.keys(a).sort());

/** The checkboxes for a sweep: the offered activations plus any other the sweep already has. */
export function activationChoices(sweep: Pick<Sweep, 'axes'> | null): ActivationChoice[] {
  const swept = (sweep?.axes.find((a) => a.axis === 'activation')?.values ?? []) as ActivationSpec[];
  const all = [...OFFERED, ...swept.filter((s) => !OFFERED.some((o) => keyOf(o) === keyOf(s)))];
  return all.map((spec) => ({ key: keyOf(spec), label: choiceLabel(spec), spec }));
}

/** A label that tells the two PReLU variants apart (the shared one is PyTorch's nn.PReLU()). */
function choiceLabel(a: ActivationSpec): string {
  if (a.kind === 'prelu') return a.perNeuron ? activationLabel(a) : `${activationLabel(a)} (one per layer, nn.PReLU())`;
  return activationLabel(a);
}

/** The form showing a sweep's axes, seeds and steps. */
export function draftOf(s: Sweep): LabDraft {
  const values = (name: AxisName): readonly unknown[] => s.axes.find((a) => a.axis === name)?.values ?? [];
  return {
    activations: (values('activation') as ActivationSpec[]).map(keyOf),
    lr: values('lr').join(', '),
    batchSize: values('batchSize').join(', '),
    hidden: (values('hidden') as number[][]).map((h) => h.join('x')).join(', '),
    biasShift: values('biasShift').join(', '),
    seeds: typeof s.seeds === 'number' ? String(s.seeds) : s.seeds.join(', '),
    steps: String(s.steps),
  };
}

/** Splits a list typed by the user into its non-empty items. */
function items(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** The numbers of a list, or the problem naming the field and the item that is not a number. */
function numbers(text: string, field: keyof LabDraft, what: string): number[] | DraftProblem {
  const out: number[] = [];
  for (const item of items(text, /[\s,;]+/)) {
    const x = Number(item);
    if (!Number.isFinite(x)) return { field, message: `${what}: "${item}" is not a number; separate values with commas` };
    out.push(x);
  }
  return out;
}

/** Field names of the form for the axes it edits, and how the user calls them. */
const AXIS_FIELD: Partial<Record<AxisName, { field: keyof LabDraft; what: string }>> = {
  activation: { field: 'activations', what: 'Activations' },
  lr: { field: 'lr', what: 'Learning rates' },
  batchSize: { field: 'batchSize', what: 'Batch sizes' },
  hidden: { field: 'hidden', what: 'Hidden layers' },
  biasShift: { field: 'biasShift', what: 'Bias shifts' },
};

/**
 * The sweep the form describes: `from`'s base, name, target and other axes, with the form's axes, seeds
 * and steps, checked by the sweep file's own rules (checkSweep). Refused with the form field to fix.
 */
export function sweepFromDraft(from: Sweep, d: LabDraft): { ok: true; sweep: Sweep; runs: number } | { ok: false; problem: DraftProblem } {
  const fail = (problem: DraftProblem) => ({ ok: false as const, problem });
  const choices = activationChoices(from);
  const form: Partial<Record<AxisName, unknown[]>> = {};
  form.activation = d.activations.map((k) => choices.find((c) => c.key === k)?.spec).filter((a) => a !== undefined);
  for (const name of ['lr', 'batchSize', 'biasShift'] as const) {
    const { field, what } = AXIS_FIELD[name]!;
    const xs = numbers(d[field] as string, field, what);
    if (!Array.isArray(xs)) return fail(xs);
    form[name] = xs;
  }
  const hidden: number[][] = [];
  for (const shape of items(d.hidden, /[,;]+/)) {
    const widths = shape.split(/\s*[x×*]\s*/).map(Number);
    if (!widths.every((w) => Number.isInteger(w) && w > 0)) return fail({ field: 'hidden', message: `Hidden layers: "${shape}" is not a list of widths like 16x16` });
    hidden.push(widths);
  }
  form.hidden = hidden;
  const seedList = numbers(d.seeds, 'seeds', 'Seeds');
  if (!Array.isArray(seedList)) return fail(seedList);
  if (seedList.length === 0) return fail({ field: 'seeds', message: 'Seeds: give a count (e.g. 10) or a list of seeds' });
  const steps = Number(d.steps.trim());
  if (d.steps.trim() === '' || !Number.isFinite(steps)) return fail({ field: 'steps', message: `Steps: "${d.steps}" is not a number` });
  const axes: Axis[] = [];
  for (const name of FORM_AXES) if ((form[name] ?? []).length > 0) axes.push({ axis: name, values: form[name]! });
  // Axes the form does not edit (init, optimizer, dataset, depth, width) stay as the sweep had them.
  for (const a of from.axes) if (!(FORM_AXES as readonly AxisName[]).includes(a.axis)) axes.push(a);
  const raw = { ...from, seeds: seedList.length === 1 ? seedList[0]! : seedList, steps, axes, results: [], resultsBasis: undefined };
  delete (raw as { resultsBasis?: string }).resultsBasis;
  const checked = checkSweep(raw, 'The sweep');
  if (!checked.ok) return fail(problemOf(checked.message, checked.field, axes));
  return { ok: true, sweep: checked.value, runs: sweepRunCount(checked.value) };
}

/** checkSweep's message, placed on the form field its dotted path points at ("axes.1.values.0" is the lr list). */
function problemOf(message: string, path: string | null, axes: readonly Axis[]): DraftProblem {
  const m = /^(axes)\.(\d+)/.exec(path ?? '');
  const axis = m === null ? null : axes[Number(m[2])]?.axis;
  const at = axis === undefined || axis === null ? undefined : AXIS_FIELD[axis];
  if (at !== undefined) return { field: at.field, message: `${at.what}: ${message}` };
  if (path === 'seeds' || path?.startsWith('seeds.') === true) return { field: 'seeds', message };
  if (path === 'steps') return { field: 'steps', message };
  if (path?.startsWith('base') === true) return { field: 'base', message };
  return { field: 'sweep', message };
}
