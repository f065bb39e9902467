import { type DatasetRef, type LaneSpec, REAL_DATA_LR } from '../../core/protocol/spec';

/** Highest SGD learning rate a session keeps when it switches to real or file data (see REAL_DATA_LR). */
export const REAL_DATA_MAX_LR = REAL_DATA_LR;

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
