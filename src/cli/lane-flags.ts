import type { InitSpec } from '../core/nn/init';
import { BUNDLED_DATASETS, type DatasetRef, type RedoSpec } from '../core/protocol/spec';
import type { OptimizerSpec } from '../core/train/make-optimizer';
import type { ScheduleSpec } from '../core/train/schedule';

/** Result of reading one flag: its value, or a one-line reason naming the flag. */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(message: string): Read<T> => ({ ok: false, message });

/** Reads a finite number flag, or the fallback when absent. */
export function numberFlag(flag: string, text: string | null, fallback: number, integer = false): Read<number> {
  if (text === null) return ok(fallback);
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    return fail(`--${flag} must be ${integer ? 'a whole number' : 'a finite number'}, not "${text}"`);
  }
  return ok(v);
}

/** What --momentum, --dampening, --nesterov and --weight-decay said (null momentum: the optimizer's default). */
export interface OptimizerFlags {
  readonly momentum: number | null;
  readonly dampening: number | null;
  readonly nesterov: boolean;
  readonly weightDecay: number;
}

/** Momentum when --momentum is not given: SGD 0.9 (the app's default; torch.optim.SGD's is 0), RMSprop 0 (torch's). */
export const DEFAULT_MOMENTUM = { sgd: 0.9, rmsprop: 0 } as const;

/**
 * --optimizer NAME with its flags: torch.optim's defaults for the rest, but SGD's momentum (0.9) and
 * every optimizer's weight decay (0, AdamW's too, where torch.optim.AdamW has 0.01): docs/pytorch-differences.md.
 */
export function optimizerFlag(name: string | null, f: OptimizerFlags): Read<OptimizerSpec> {
  const kind = name ?? 'sgd';
  if (kind !== 'sgd' && (f.dampening !== null || f.nesterov)) return fail(`${f.nesterov ? '--nesterov' : '--dampening'} applies to --optimizer sgd only, not ${kind}`);
  switch (kind) {
    case 'sgd':
      return ok({ kind: 'sgd', momentum: f.momentum ?? DEFAULT_MOMENTUM.sgd, dampening: f.dampening ?? 0, nesterov: f.nesterov, weightDecay: f.weightDecay });
    case 'adam':
    case 'adamw':
      if (f.momentum !== null) return fail(`--momentum applies to sgd and rmsprop; ${kind} has beta1 (0.9) instead`);
      return ok({ kind, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: f.weightDecay });
    case 'rmsprop':
      return ok({ kind: 'rmsprop', alpha: 0.99, eps: 1e-8, momentum: f.momentum ?? DEFAULT_MOMENTUM.rmsprop, centered: false, weightDecay: f.weightDecay });
    default:
      return fail(`--optimizer must be sgd, adam, adamw or rmsprop, not "${name}"`);
  }
}

const INITS = ['torch_default', 'he_normal', 'he_uniform', 'xavier_normal', 'xavier_uniform', 'lecun_normal', 'rai'] as const;

/** --init NAME (He takes the leaky slope from --init he_normal:A). */
export function initFlag(text: string | null): Read<InitSpec> {
  if (text === null) return ok({ kind: 'torch_default' });
  const [name, arg] = text.split(':');
  if (!(INITS as readonly string[]).includes(name!)) return fail(`--init must be one of ${INITS.join(', ')}, not "${text}"`);
  if (name === 'he_normal' || name === 'he_uniform') {
    const a = arg === undefined ? 0 : Number(arg);
    if (!Number.isFinite(a) || a < 0 || a > 1) return fail(`--init ${text}: the leaky slope must be a number from 0 to 1`);
    return ok({ kind: name, a });
  }
  if (arg !== undefined) return fail(`--init ${name} takes no parameter`);
  return ok({ kind: name } as InitSpec);
}

/** --schedule constant | step:STEPS:GAMMA | cosine:TMAX[:ETA_MIN]. */
export function scheduleFlag(text: string | null): Read<ScheduleSpec> {
  if (text === null || text === 'constant') return ok({ kind: 'constant' });
  const [name, ...args] = text.split(':');
  const nums = args.map(Number);
  if (nums.some((n) => !Number.isFinite(n))) return fail(`--schedule ${text}: parameters must be numbers`);
  if (name === 'step' && nums.length === 2) return ok({ kind: 'step', stepSize: nums[0]!, gamma: nums[1]! });
  if (name === 'cosine' && (nums.length === 1 || nums.length === 2)) return ok({ kind: 'cosine', tMax: nums[0]!, etaMin: nums[1] ?? 0 });
  return fail(`--schedule must be constant, step:STEPS:GAMMA or cosine:TMAX[:ETA_MIN], not "${text}"`);
}

/** Built-in dataset names --dataset accepts (anything else ending in .csv, .tsv, .txt or .json is a file). */
export const DATASETS = ['moons', 'circles', 'spiral', 'xor', 'blobs', 'checkerboard', 'hypercube', 'sine', 'abs', 'xsin5x', ...BUNDLED_DATASETS] as const;

/** --dataset NAME with --samples and --noise: the built-in generators with their usual parameters. */
export function datasetFlag(name: string, samples: number, noise: number | null): Read<DatasetRef> {
  if ((BUNDLED_DATASETS as readonly string[]).includes(name)) return ok({ kind: 'bundled', name: name as (typeof BUNDLED_DATASETS)[number] });
  switch (name) {
    case 'moons':
      return ok({ kind: 'moons', samples, noise: noise ?? 0.15 });
    case 'circles':
      return ok({ kind: 'circles', samples, noise: noise ?? 0.05, factor: 0.5 });
    case 'spiral':
      return ok({ kind: 'spiral', samples, noise: noise ?? 0.05, arms: 3 });
    case 'xor':
      return ok({ kind: 'xor', samples, noise: noise ?? 0.05 });
    case 'blobs':
      return ok({ kind: 'blobs', samples, noise: noise ?? 0.5, centers: 3 });
    case 'checkerboard':
      return ok({ kind: 'checkerboard', samples, noise: noise ?? 0.02, cells: 4 });
    case 'hypercube':
      return ok({ kind: 'hypercube', samples, noise: noise ?? 1 });
    case 'sine':
    case 'abs':
    case 'xsin5x':
      return ok({ kind: name, samples, noise: noise ?? 0.05 });
    default:
      return fail(`--dataset must be one of ${DATASETS.join(', ')}, not "${name}"`);
  }
}

/** --redo K:TAU: ReDo every K steps (a whole number >= 1) for neurons with score <= TAU (0 to 1); null when absent. */
export function redoFlag(text: string | null): Read<RedoSpec | null> {
  if (text === null || text === 'none') return ok(null);
  const parts = text.split(':');
  if (parts.length !== 2) return fail(`--redo must be K:TAU (every K steps, threshold TAU), like 1000:0.025, not "${text}"`);
  const every = Number(parts[0]);
  const tau = Number(parts[1]);
  if (parts[0]!.trim() === '' || !Number.isInteger(every) || every < 1) return fail(`--redo ${text}: K (steps between recycles) must be a whole number of at least 1`);
  if (parts[1]!.trim() === '' || !Number.isFinite(tau) || tau < 0 || tau > 1) return fail(`--redo ${text}: TAU (the dormant threshold) must be a number from 0 to 1`);
  return ok({ every, tau });
}

/** --tau T: the lanes' dormant threshold (0 to 1), or null (the default) when absent. */
export function tauFlag(text: string | null): Read<number | null> {
  if (text === null) return ok(null);
  const tau = Number(text);
  if (text.trim() === '' || !Number.isFinite(tau) || tau < 0 || tau > 1) return fail(`--tau must be a number from 0 to 1, not "${text}"`);
  return ok(tau);
}
