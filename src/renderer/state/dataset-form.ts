/**
 * The dataset chooser's form: which dataset, and its parameters as the user typed them. Every field is
 * text until Apply, checked here with a hint that says what is wrong ("Enter a number", "At most
 * 100,000"), so that nothing reaches the engine before the whole form is valid.
 */
// citations.ts, not bundled.ts: the latter imports the rows, which belong in the engine's bundle only.
import { BUNDLED_CITATIONS } from '../../core/data/bundled/citations';
import { BUNDLED_DATASETS, type DatasetRef, LIMITS } from '../../core/protocol/spec';

/** The name a bundled dataset is shown under. */
export function bundledTitle(name: string): string {
  return BUNDLED_CITATIONS.find((c) => c.key === name)?.title ?? name;
}

/** A number the form accepts: its range, whether it must be whole, and the value a new choice starts with. */
export interface NumberRule {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly initial: number;
}

/** Rows of a generated dataset. */
export const SAMPLES_RULE: NumberRule = { label: 'Samples', min: 8, max: LIMITS.maxSamples, integer: true, initial: 1000 };
/** Gaussian noise std: input units for 2-D data, target units for 1-D regression. */
export const NOISE_RULE: NumberRule = { label: 'Noise', min: 0, max: 10, integer: false, initial: 0.1 };
/** Most categories a text column of a user's file may have to be one-hot encoded. */
export const ONE_HOT_RULE: NumberRule = { label: 'One-hot limit', min: 2, max: 256, integer: true, initial: 16 };

/** A generator's own parameter (circles' factor, spiral's arms...), under its spec field name. */
export interface OwnParameter extends NumberRule {
  readonly field: 'factor' | 'arms' | 'centers' | 'cells';
  /** What it means, for the field's title. */
  readonly help: string;
}

/** One entry of the chooser's list. */
export interface DatasetChoice {
  /** The select's value: a generator kind, or "bundled:<name>". */
  readonly id: string;
  readonly title: string;
  readonly group: 'classification' | 'regression' | 'bundled';
  /** Generators only: the noise a fresh choice starts with. */
  readonly noise?: number;
  readonly param?: OwnParameter;
}

/** Everything the chooser lists, in order (docs/datasets.md has what each one is). */
export const DATASET_CHOICES: readonly DatasetChoice[] = [
  { id: 'moons', title: 'Two moons', group: 'classification', noise: 0.15 },
  { id: 'circles', title: 'Circles', group: 'classification', noise: 0.1, param: { field: 'factor', label: 'Inner radius', min: 0.05, max: 0.95, integer: false, initial: 0.5, help: 'Radius of the inner circle (the outer one has radius 1)' } },
  { id: 'spiral', title: 'Spiral', group: 'classification', noise: 0.05, param: { field: 'arms', label: 'Arms', min: 2, max: 8, integer: true, initial: 3, help: 'Number of spiral arms, one class each' } },
  { id: 'xor', title: 'XOR', group: 'classification', noise: 0.05 },
  { id: 'blobs', title: 'Gaussian blobs', group: 'classification', noise: 0.5, param: { field: 'centers', label: 'Blobs', min: 2, max: 10, integer: true, initial: 3, help: 'Number of blobs, one class each' } },
  { id: 'checkerboard', title: 'Checkerboard', group: 'classification', noise: 0.02, param: { field: 'cells', label: 'Cells per side', min: 2, max: 12, integer: true, initial: 4, help: 'Squares per side of the board' } },
  { id: 'hypercube', title: 'Hypercube: 100 features, 10 classes', group: 'classification', noise: 1 },
  { id: 'sine', title: 'Sine: sin(πx)', group: 'regression', noise: 0.1 },
  { id: 'abs', title: '|x|', group: 'regression', noise: 0.05 },
  { id: 'xsin5x', title: 'x sin 5x', group: 'regression', noise: 0.05 },
  ...BUNDLED_DATASETS.map((name): DatasetChoice => ({ id: `bundled:${name}`, title: bundledTitle(name), group: 'bundled' })),
];

/** Headings of the chooser's groups. */
export const GROUP_TITLES: Readonly<Record<DatasetChoice['group'], string>> = {
  classification: '2-D classification (generated)',
  regression: '1-D regression (generated)',
  bundled: 'Real data (bundled)',
};

/** The chooser's fields as typed. `choice` is an id of DATASET_CHOICES, or "file" for the open user file. */
export interface DatasetForm {
  readonly choice: string;
  readonly samples: string;
  readonly noise: string;
  readonly param: string;
}

/** Result of checking one typed number. */
export type Checked = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly hint: string };

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** Checks typed text against a rule; the hint names the first problem (empty, not a number, negative, too big...). */
export function checkNumber(text: string, rule: NumberRule): Checked {
  const t = text.trim();
  if (t === '') return { ok: false, hint: 'Enter a number' };
  const v = Number(t);
  if (!Number.isFinite(v)) return { ok: false, hint: /^[-+]?(inf|infinity)$/i.test(t) ? `At most ${COUNT.format(rule.max)}` : `"${t.length > 12 ? `${t.slice(0, 11)}…` : t}" is not a number` };
  if (v < 0 && rule.min >= 0) return { ok: false, hint: 'Must not be negative' };
  if (v > rule.max) return { ok: false, hint: `At most ${COUNT.format(rule.max)}` };
  if (v < rule.min) return { ok: false, hint: `At least ${COUNT.format(rule.min)}` };
  if (rule.integer && !Number.isInteger(v)) return { ok: false, hint: 'Enter a whole number' };
  return { ok: true, value: v };
}

/** The chooser entry of an id (undefined for "file" or an unknown id). */
export function choiceOf(id: string): DatasetChoice | undefined {
  return DATASET_CHOICES.find((c) => c.id === id);
}

/** Whether a choice takes samples and noise (generators do; bundled data and files do not). */
export function isGenerated(choice: DatasetChoice | undefined): boolean {
  return choice !== undefined && choice.group !== 'bundled';
}

/** The form showing a dataset reference (the running session's). */
export function formFromRef(ref: DatasetRef): DatasetForm {
  if (ref.kind === 'bundled') return { choice: `bundled:${ref.name}`, samples: String(SAMPLES_RULE.initial), noise: String(NOISE_RULE.initial), param: '' };
  if (ref.kind === 'file') return { choice: 'file', samples: String(SAMPLES_RULE.initial), noise: String(NOISE_RULE.initial), param: '' };
  const param = choiceOf(ref.kind)?.param;
  const own = param === undefined ? '' : String((ref as Partial<Record<OwnParameter['field'], number>>)[param.field] ?? param.initial);
  return { choice: ref.kind, samples: String(ref.samples), noise: String(ref.noise), param: own };
}

/**
 * The form after picking another entry: samples and noise as typed stay (when the new entry has them), the
 * noise moves to the new generator's usual value if the old one was the old generator's usual value, and
 * the own parameter starts at its default.
 */
export function withChoice(form: DatasetForm, id: string): DatasetForm {
  const before = choiceOf(form.choice);
  const after = choiceOf(id);
  const usualNoise = before?.noise !== undefined && Number(form.noise) === before.noise;
  const noise = after?.noise !== undefined && (usualNoise || !isGenerated(before)) ? String(after.noise) : form.noise;
  return { choice: id, samples: form.samples, noise, param: after?.param === undefined ? '' : String(after.param.initial) };
}

/** Per field, the hint of a field that does not check (absent when it is fine or not shown). */
export interface FormHints {
  readonly samples?: string;
  readonly noise?: string;
  readonly param?: string;
}

/** The dataset reference the form describes, or the hints of its bad fields. "file" has no reference here. */
export function refFromForm(form: DatasetForm): { readonly ok: true; readonly ref: DatasetRef } | { readonly ok: false; readonly hints: FormHints } {
  const choice = choiceOf(form.choice);
  if (choice === undefined) return { ok: false, hints: {} };
  if (choice.group === 'bundled') {
    const name = BUNDLED_DATASETS.find((n) => `bundled:${n}` === choice.id);
    return name === undefined ? { ok: false, hints: {} } : { ok: true, ref: { kind: 'bundled', name } };
  }
  const samples = checkNumber(form.samples, SAMPLES_RULE);
  const noise = checkNumber(form.noise, NOISE_RULE);
  const param = choice.param === undefined ? null : checkNumber(form.param, choice.param);
  if (!samples.ok || !noise.ok || (param !== null && !param.ok)) {
    return {
      ok: false,
      hints: {
        ...(samples.ok ? {} : { samples: samples.hint }),
        ...(noise.ok ? {} : { noise: noise.hint }),
        ...(param === null || param.ok ? {} : { param: param.hint }),
      },
    };
  }
  const base = { samples: samples.value, noise: noise.value };
  const own = param?.ok === true ? param.value : 0;
  switch (choice.id) {
    case 'circles':
      return { ok: true, ref: { kind: 'circles', ...base, factor: own } };
    case 'spiral':
      return { ok: true, ref: { kind: 'spiral', ...base, arms: own } };
    case 'blobs':
      return { ok: true, ref: { kind: 'blobs', ...base, centers: own } };
    case 'checkerboard':
      return { ok: true, ref: { kind: 'checkerboard', ...base, cells: own } };
    case 'moons':
    case 'xor':
    case 'hypercube':
    case 'sine':
    case 'abs':
    case 'xsin5x':
      return { ok: true, ref: { kind: choice.id, ...base } };
    default:
      return { ok: false, hints: {} };
  }
}

/** Field-by-field equality of two dataset references (key order does not matter). */
export function sameRef(a: DatasetRef, b: DatasetRef): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** A short name of a dataset reference for status lines ("Two moons", "wine.csv"). */
export function refTitle(ref: DatasetRef): string {
  if (ref.kind === 'file') return ref.name;
  if (ref.kind === 'bundled') return bundledTitle(ref.name);
  return choiceOf(ref.kind)?.title ?? ref.kind;
}
