import * as v from 'valibot';
import { ACTIVATION_KINDS, type ActivationKind, type ActivationSpec, activationLabel, defaultActivation } from '../core/nn/activation';
import { parseSessionSpec } from '../core/protocol/messages';
import { ActivationSchema, defaultSessionSpec, type SessionSpec } from '../core/protocol/spec';
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
    lanes: activations.map((activation) => ({ name: activationLabel(activation).slice(0, 40), activation, lr: lr as number, momentum: momentum as number })),
  };
  const checked = parseSessionSpec(spec);
  if (!checked.ok) return { ok: false, message: flagMessage(checked.field, checked.message) };
  return { ok: true, spec: checked.value };
}

/**
 * Parses an --activation value into a spec, or returns a one-line reason: NAME or NAME:PARAM[:PARAM],
 * e.g. relu, leaky_relu:0.01, prelu:0.25, elu:1, rrelu:0.125:0.333, gelu:tanh, softplus:2.
 */
export function parseActivation(text: string): ActivationSpec | string {
  const [name, ...params] = text.split(':');
  if (!(ACTIVATION_KINDS as readonly string[]).includes(name!)) {
    return `--activation "${name}" is unknown: use one of ${ACTIVATION_KINDS.join(', ')} (with :PARAM where it takes one)`;
  }
  const base = defaultActivation(name as ActivationKind);
  const bad = (why: string) => `--activation ${text}: ${why}`;
  if (base.kind !== 'gelu' && params.some((p) => p.trim() === '' || !Number.isFinite(Number(p)))) return bad(`"${params.join(':')}" is not a number`);
  const numbers = params.map(Number);
  let spec: ActivationSpec;
  switch (base.kind) {
    case 'leaky_relu':
    case 'elu':
    case 'prelu':
      if (params.length > 1) return bad(`expected ${base.kind}[:ALPHA]`);
      spec = params.length === 1 ? { ...base, alpha: numbers[0]! } : base;
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
