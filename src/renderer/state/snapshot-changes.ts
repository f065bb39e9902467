import type { Snapshot } from '../../core/protocol/messages';
import { shortActivationLabel } from './short-label';

/** A change of a lane's activation seen between two snapshots, as the charts mark it. */
export interface ActivationSwap {
  readonly lane: number;
  readonly step: number;
  readonly label: string;
}

/** Every activation change between two snapshots (from the UI, a menu or a schedule); a step going back is a reset or a rewind, not a swap. */
export function activationSwaps(prev: Snapshot | null, next: Snapshot): ActivationSwap[] {
  if (prev === null || prev.lanes.length !== next.lanes.length) return [];
  return next.lanes.flatMap((lane, i) => {
    const before = prev.lanes[i]!;
    if (lane.step < before.step || JSON.stringify(lane.activation) === JSON.stringify(before.activation)) return [];
    return [{ lane: i, step: lane.step, label: shortActivationLabel(lane.activation) }];
  });
}

/** Each lane's newest boundary grid: snapshots sent while playing mostly carry none, so the previous ones are kept (the same array when nothing is new). */
export function newestBoundaries(prev: readonly (Float32Array | null)[], s: Snapshot): readonly (Float32Array | null)[] {
  if (s.lanes.every((l) => l.boundary === null)) return prev;
  return s.lanes.map((l, i) => l.boundary ?? prev[i] ?? null);
}
