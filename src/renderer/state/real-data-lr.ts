import type { DatasetRef, LaneSpec } from '../../core/protocol/spec';

/**
 * Highest SGD learning rate a session keeps when it switches to real or file data. Their features are
 * standardized, and at the app's 0.3 with momentum 0.9 the lanes diverge or collapse within a few hundred
 * steps (measured with the CLI on Wine, Breast cancer and Digits, 3,000 steps); at 0.05 none diverges.
 */
export const REAL_DATA_MAX_LR = 0.05;

/** The lanes for a new dataset: SGD rates above REAL_DATA_MAX_LR lowered for real or file data, with a note saying so. */
export function gentleForRealData(dataset: DatasetRef, lanes: readonly LaneSpec[]): { lanes: LaneSpec[]; note: string | null } {
  const real = dataset.kind === 'bundled' || dataset.kind === 'file';
  const lowered = lanes.filter((l) => real && l.optimizer.kind === 'sgd' && l.lr > REAL_DATA_MAX_LR);
  if (lowered.length === 0) return { lanes: [...lanes], note: null };
  const names = lowered.map((l) => l.name).join(', ');
  return {
    lanes: lanes.map((l) => (lowered.includes(l) ? { ...l, lr: REAL_DATA_MAX_LR } : l)),
    note: `learning rate lowered to ${REAL_DATA_MAX_LR} for ${names}: at ${lowered[0]!.lr} standardized real data diverges (set it back in the lane to watch that)`,
  };
}
