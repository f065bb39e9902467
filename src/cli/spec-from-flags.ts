import * as v from 'valibot';
import { ACTIVATION_KINDS, type ActivationKind, type ActivationSpec, activationLabel, defaultActivation, PER_NEURON } from '../core/nn/activation';
import { parseSessionSpec } from '../core/protocol/messages';
import type { InitSpec } from '../core/nn/init';
import { ActivationSchema, BUNDLED_DATASETS, type DatasetRef, DEFAULT_CLIP_NORM, defaultSessionSpec, laneSpec, REAL_DATA_LR, type RedoSpec, type SessionSpec } from '../core/protocol/spec';
import type { OptimizerSpec } from '../core/train/make-optimizer';
import type { ScheduleSpec } from '../core/train/schedule';
import type { RunArgs } from './args';
import { datasetFlag, initFlag, numberFlag, optimizerFlag, type Read, redoFlag, scheduleFlag, tauFlag } from './lane-flags';

/** A spec built from flags, or a one-line reason naming the flag at fault. */
export type FromFlags = { ok: true; spec: SessionSpec } | { ok: false; message: string };

/** Builds and validates a session spec from run flags (defaults: the app's opening spec). */
export function specFromFlags(a: RunArgs, file: DatasetRef | null = null): FromFlags {
  const base = defaultSessionSpec();
  const baseLane = base.lanes[0]!;
  if (file === null) {
    const fileOnly = ([['--target', a.target], ['--task', a.task], ['--missing', a.missing]] as const).find(([, v]) => v !== null);
    if (fileOnly !== undefined) return { ok: false, message: `${fileOnly[0]} applies to dataset files only; the built-in datasets have a fixed target` };
  }
  const reads = {
    // Real and file data get the gentler default the app switches to (0.3 diverges on it).
    lr: numberFlag('lr', a.lr, file !== null || isBundled(a.dataset) ? REAL_DATA_LR : baseLane.lr),
    weightDecay: numberFlag('weight-decay', a.weightDecay, 0),
    batch: numberFlag('batch', a.batch, base.batchSize, true),
    seed: numberFlag('seed', a.seed, base.seed, true),
    samples: numberFlag('samples', a.samples, 1000, true),
    biasShift: numberFlag('bias-shift', a.biasShift, 0),
    // --clip none turns clipping off.
    clip: a.clip === 'none' ? ({ ok: true, value: Number.NaN } as const) : numberFlag('clip', a.clip, DEFAULT_CLIP_NORM),
  };
  for (const r of Object.values(reads)) if (!r.ok) return r;
  const n = (r: Read<number>) => (r as { value: number }).value;
  const noise = a.noise === null ? ({ ok: true, value: null } as const) : numberFlag('noise', a.noise, 0);
  if (!noise.ok) return noise;
  const dataset = file === null ? datasetFlag(a.dataset, n(reads.samples), noise.value) : ({ ok: true, value: file } as const);
  // Absent (null): the optimizer's own default, which optimizerFlag knows.
  const momentum = a.momentum === null ? null : numberFlag('momentum', a.momentum, 0);
  const dampening = a.dampening === null ? null : numberFlag('dampening', a.dampening, 0);
  for (const r of [momentum, dampening]) if (r !== null && !r.ok) return r;
  const given = (r: Read<number> | null) => (r === null ? null : n(r));
  const optimizer = optimizerFlag(a.optimizer, { momentum: given(momentum), dampening: given(dampening), nesterov: a.nesterov, weightDecay: n(reads.weightDecay) });
  const init = initFlag(a.init);
  const schedule = scheduleFlag(a.schedule);
  const redo = redoFlag(a.redo);
  const tau = tauFlag(a.tau);
  for (const r of [dataset, optimizer, init, schedule, redo, tau]) if (!r.ok) return r;
  const redoValue = (redo as { value: RedoSpec | null }).value;
  const tauValue = (tau as { value: number | null }).value;
  let hidden = base.hidden;
  if (a.layers !== null) {
    const parts = a.layers.split(',');
    if (parts.some((p) => !/^\d+$/.test(p.trim()))) return { ok: false, message: `--layers must be comma-separated whole numbers like 16,16, not "${a.layers}"` };
    hidden = parts.map((p) => Number(p));
  }
  const activations: ActivationSpec[] = [];
  for (const text of a.activations.length > 0 ? a.activations : ['relu', 'leaky_relu:0.01']) {
    const parsed = parseActivation(text);
    if (typeof parsed === 'string') return { ok: false, message: parsed };
    activations.push(parsed);
  }
  const clip = n(reads.clip);
  const spec = {
    ...base,
    dataset: (dataset as { value: DatasetRef }).value,
    seed: n(reads.seed),
    hidden,
    batchSize: n(reads.batch),
    lanes: activations.map((activation) => ({
      ...laneSpec(activationLabel(activation).slice(0, 40), activation, n(reads.lr)),
      optimizer: (optimizer as { value: OptimizerSpec }).value,
      init: (init as { value: InitSpec }).value,
      schedule: (schedule as { value: ScheduleSpec }).value,
      biasShift: n(reads.biasShift),
      clipNorm: Number.isNaN(clip) ? null : clip,
      // Only when asked for, so that a spec without them is the same as before ReDo existed.
      ...(redoValue === null ? {} : { redo: redoValue }),
      ...(tauValue === null ? {} : { tau: tauValue }),
    })),
  };
  const checked = parseSessionSpec(spec);
  if (!checked.ok) return { ok: false, message: flagMessage(checked.field, checked.message) };
  return { ok: true, spec: checked.value };
}

/**
 * Parses an --activation value into a spec, or returns a one-line reason: NAME or NAME:PARAM[:PARAM],
 * e.g. relu, leaky_relu:0.01, prelu (one shared α, as nn.PReLU()), prelu:0.25:per-neuron, elu:1,
 * rrelu:0.125:0.333, gelu:tanh, softplus:2. The inverse of activationCode.
 */
export function parseActivation(text: string): ActivationSpec | string {
  const [name, ...rest] = text.split(':');
  if (!(ACTIVATION_KINDS as readonly string[]).includes(name!)) {
    return `--activation "${name}" is unknown: use one of ${ACTIVATION_KINDS.join(', ')} (with :PARAM where it takes one)`;
  }
  const base = defaultActivation(name as ActivationKind);
  const bad = (why: string) => `--activation ${text}: ${why}`;
  // PReLU's last word says how many slopes: "per-neuron" (one per neuron) or "shared" (one per layer, the default).
  const layout = base.kind === 'prelu' && (rest.at(-1) === PER_NEURON || rest.at(-1) === 'shared') ? rest.at(-1) : null;
  const params = layout === null ? rest : rest.slice(0, -1);
  if (base.kind !== 'gelu' && params.some((p) => p.trim() === '' || !Number.isFinite(Number(p)))) {
    return bad(base.kind === 'prelu' ? `expected prelu[:ALPHA][:${PER_NEURON}], e.g. prelu, prelu:0.1 or prelu:0.25:${PER_NEURON}` : `"${params.join(':')}" is not a number`);
  }
  const numbers = params.map(Number);
  let spec: ActivationSpec;
  switch (base.kind) {
    case 'leaky_relu':
    case 'elu':
      if (params.length > 1) return bad(`expected ${base.kind}[:ALPHA]`);
      spec = params.length === 1 ? { ...base, alpha: numbers[0]! } : base;
      break;
    case 'prelu':
      if (params.length > 1) return bad(`expected prelu[:ALPHA][:${PER_NEURON}]`);
      spec = { ...base, alpha: params.length === 1 ? numbers[0]! : base.alpha, perNeuron: layout === PER_NEURON };
      break;
    case 'rrelu':
      if (params.length !== 0 && params.length !== 2) return bad('expected rrelu[:LOWER:UPPER]');
      spec = params.length === 2 ? { ...base, lower: numbers[0]!, upper: numbers[1]! } : base;
      break;
    case 'gelu':
      if (params.length > 1 || (params.length === 1 && params[0] !== 'tanh' && params[0] !== 'none')) return bad('expected gelu or gelu:tanh');
      spec = params[0] === 'tanh' ? { ...base, approximate: 'tanh' } : base;
      break;
    case 'softplus':
      if (params.length > 1) return bad('expected softplus[:BETA]');
      spec = params.length === 1 ? { ...base, beta: numbers[0]! } : base;
      break;
    default:
      if (params.length > 0) return bad(`${base.kind} takes no parameter`);
      spec = base;
  }
  const checked = v.safeParse(ActivationSchema, spec);
  if (!checked.success) return bad(`${v.getDotPath(checked.issues[0]) ?? 'value'}: ${checked.issues[0].message}`);
  return checked.output;
}

const FLAG_OF: Record<string, string> = { seed: '--seed', hidden: '--layers', batchSize: '--batch', lanes: '--activation', dataset: '--dataset' };
const LANE_FLAG_OF: Record<string, string> = { redo: '--redo', lr: '--lr', optimizer: '--optimizer', init: '--init', biasShift: '--bias-shift', clipNorm: '--clip', schedule: '--schedule', momentum: '--momentum', dampening: '--dampening', nesterov: '--nesterov', weightDecay: '--weight-decay' };

/** Rephrases a spec validation failure in terms of the flag that set the field. */
function flagMessage(field: string | null, message: string): string {
  if (field === null) return message;
  const top = field.split('.')[0]!;
  if (top === 'lanes') {
    // lanes.N.optimizer.momentum: name the most specific flag that set it.
    const parts = field.split('.').slice(2);
    // lanes.N.redo.tau is --redo's, lanes.N.tau --tau's.
    if (parts[0] === 'redo') return `--redo is out of range: ${message}`;
    if (parts[0] === 'tau') return `--tau is out of range: ${message}`;
    parts.reverse();
    const flag = parts.map((p) => LANE_FLAG_OF[p]).find((f) => f !== undefined) ?? '--activation';
    // A refused combination (Nesterov) is not a range problem: say which.
    return `${flag} ${message.includes('Nesterov') ? 'is refused' : 'is out of range'}: ${message}`;
  }
  return `${FLAG_OF[top] ?? field}: ${message}`;
}

function isBundled(name: string): boolean {
  return (BUNDLED_DATASETS as readonly string[]).includes(name);
}
