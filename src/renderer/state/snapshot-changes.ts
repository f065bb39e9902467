import type { Snapshot } from '../../core/protocol/messages';

/** Each lane's newest boundary grid: snapshots sent while playing mostly carry none, so the previous ones are kept (the same array when nothing is new). */
export function newestBoundaries(prev: readonly (Float32Array | null)[], s: Snapshot): readonly (Float32Array | null)[] {
  if (s.lanes.every((l) => l.boundary === null)) return prev;
  return s.lanes.map((l, i) => l.boundary ?? prev[i] ?? null);
}
