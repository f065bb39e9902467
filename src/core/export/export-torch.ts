import type { Dataset } from '../data/dataset';
import type { Experiment } from '../protocol/experiment';
import { npzBytes } from './npz';
import { MAX_EXPORT_STEPS, torchPlan } from './torch-plan';
import { torchScript } from './torch-script';

/** Most bytes of arrays a script embeds (as base64, a third more); bigger exports put them in a side-car .npz. */
export const MAX_EMBEDDED_BYTES = 4 * 1024 * 1024;

/** Steps an export replays when its file has none (a scenario, or a session not yet trained). */
export const DEFAULT_EXPORT_STEPS = 1000;

/** A PyTorch export: the script, and the side-car .npz it needs (null when everything is embedded). */
export interface TorchExport {
  readonly script: string;
  readonly sidecar: { readonly name: string; readonly bytes: Uint8Array<ArrayBuffer> } | null;
  /** Steps exported. */
  readonly steps: number;
}

/**
 * Exports an experiment as a self-contained PyTorch script (docs/experiment-format.md, "Export to
 * PyTorch"). steps: how many to replay (null: the file's, at most MAX_EXPORT_STEPS, else DEFAULT_EXPORT_STEPS); rows: a user
 * file's rows (null for built-in data); scriptName: the script's file name, from which the side-car's is
 * made; origin: how the docstring names the experiment; sha256: the host's SHA-256 of the side-car's
 * bytes as 64 hex digits (node:crypto, WebCrypto: the hash the app already takes of dataset files).
 */
export async function exportTorch(x: Experiment, rows: Dataset | null, options: { readonly steps: number | null; readonly scriptName: string; readonly origin: string; readonly sha256: (bytes: Uint8Array<ArrayBuffer>) => string | Promise<string> }): Promise<TorchExport> {
  // A longer file exports its first MAX_EXPORT_STEPS steps (the batch order of every step is stored).
  const steps = options.steps ?? (x.steps > 0 ? Math.min(x.steps, MAX_EXPORT_STEPS) : DEFAULT_EXPORT_STEPS);
  const plan = torchPlan(x, rows, steps);
  const bytes = [...plan.arrays.values()].reduce((s, a) => s + a.bytes.length, 0);
  if (bytes <= MAX_EMBEDDED_BYTES) return { script: torchScript(plan, { kind: 'embedded' }, options.origin), sidecar: null, steps };
  const name = `${options.scriptName.replace(/\.py$/i, '')}.npz`.replace(/^.*[\\/]/, '');
  const npz = npzBytes(plan.arrays);
  return { script: torchScript(plan, { kind: 'sidecar', name, sha256: await options.sha256(npz) }, options.origin), sidecar: { name, bytes: npz }, steps };
}
