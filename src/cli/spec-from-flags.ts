import type { ActivationSpec } from '../core/nn/activation';
import { parseSessionSpec } from '../core/protocol/messages';
import { defaultSessionSpec, type SessionSpec } from '../core/protocol/spec';
import type { RunArgs } from './args';

/** A spec built from flags, or a one-line reason naming the flag at fault. */
export type FromFlags = { ok: true; spec: SessionSpec } | { ok: false; message: string };

/** Builds and validates a session spec from run flags (defaults: the app's opening spec). */
export function specFromFlags(a: RunArgs): FromFlags {
  const base = defaultSessionSpec();
  if (a.dataset !== 'moons') {
    const isFile = /\.(csv|tsv|json|txt)$/i.test(a.dataset);
    return {
      ok: false,
      message: isFile
        ? `--dataset ${a.dataset}: loading dataset files is not available yet in this version; use --dataset moons`
        : `--dataset must be moons (the built-in datasets so far), not "${a.dataset}"`,
    };
  }
  if (a.target !== null) return { ok: false, message: '--target applies to dataset files only, and moons has a fixed target' };
  const num = (flag: string, text: string | null, fallback: number, integer: boolean): number | string => {
    if (text === null) return fallback;
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      return `--${flag} must be ${integer ? 'a whole number' : 'a finite number'}, not "${text}"`;
    }
    return v;
  };
  const lr = num('lr', a.lr, base.lanes[0]!.lr, false);
  const momentum = num('momentum', a.momentum, base.lanes[0]!.momentum, false);
  const batch = num('batch', a.batch, base.batchSize, true);
  const seed = num('seed', a.seed, base.seed, true);
  for (const v of [lr, momentum, batch, seed]) if (typeof v === 'string') return { ok: false, message: v };
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
  const spec = {
    ...base,
    seed: seed as number,
    hidden,
    batchSize: batch as number,
    lanes: activations.map((activation) => ({ name: laneName(activation), activation, lr: lr as number, momentum: momentum as number })),
  };
  const checked = parseSessionSpec(spec);
  if (!checked.ok) return { ok: false, message: flagMessage(checked.field, checked.message) };
  return { ok: true, spec: checked.value };
}

/** Parses "relu", "leaky_relu:0.01" or "prelu:0.25" into a spec, or returns a one-line reason. */
export function parseActivation(text: string): ActivationSpec | string {
  const [name, arg, extra] = text.split(':');
  const alpha = (fallback: number): number | string => {
    if (arg === undefined) return fallback;
    const v = Number(arg);
    return arg.trim() !== '' && Number.isFinite(v) && v >= 0 && v <= 1 ? v : `--activation ${text}: alpha must be a number from 0 to 1, not "${arg}"`;
  };
  if (extra !== undefined) return `--activation ${text}: expected NAME or NAME:ALPHA`;
  switch (name) {
    case 'relu':
      return arg === undefined ? { kind: 'relu' } : `--activation ${text}: relu takes no alpha`;
    case 'leaky_relu': {
      const a = alpha(0.01);
      return typeof a === 'string' ? a : { kind: 'leaky_relu', alpha: a };
    }
    case 'prelu': {
      const a = alpha(0.25);
      return typeof a === 'string' ? a : { kind: 'prelu', alpha: a, perNeuron: true };
    }
    default:
      return `--activation "${name}" is unknown: use relu, leaky_relu[:ALPHA] or prelu[:ALPHA]`;
  }
}

function laneName(a: ActivationSpec): string {
  switch (a.kind) {
    case 'relu':
      return 'ReLU';
    case 'leaky_relu':
      return `Leaky ReLU ${a.alpha}`;
    case 'prelu':
      return `PReLU ${a.alpha}`;
  }
}

const FLAG_OF: Record<string, string> = { seed: '--seed', hidden: '--layers', batchSize: '--batch', lanes: '--activation' };

/** Rephrases a spec validation failure in terms of the flag that set the field. */
function flagMessage(field: string | null, message: string): string {
  if (field === null) return message;
  const top = field.split('.')[0]!;
  if (top === 'lanes') {
    if (field.endsWith('.lr')) return `--lr is out of range: ${message}`;
    if (field.endsWith('.momentum')) return `--momentum is out of range: ${message}`;
    return `--activation: ${message}`;
  }
  return `${FLAG_OF[top] ?? field}: ${message}`;
}
