import type { RngState } from '../math/rng';
import type { LaneState } from './lane-state';
import { laneStateBytes } from './lane-state';
import type { RecycleEvent } from '../protocol/experiment';
import type { MetricLogState } from './metric-log';

/**
 * A session's whole state at one step: every lane's state, the shared batch order (its permutation,
 * position and generator), and the metric log. Never mutated once taken, so checkpoints share parts
 * (the permutation of one epoch, the log's rows).
 */
export interface SessionState {
  readonly step: number;
  readonly lanes: readonly LaneState[];
  /** The current epoch's permutation of the training rows, and how many epochs began before it. */
  readonly order: Uint32Array<ArrayBuffer>;
  readonly epoch: number;
  /** Rows of the permutation already used. */
  readonly cursor: number;
  readonly orderRandom: RngState;
  readonly log: MetricLogState;
  /** ReDo's recycles up to this step (shared, never mutated). */
  readonly recycles: readonly RecycleEvent[];
}

/**
 * Bytes a state adds to a store that already holds `previous` (its order and log rows shared where
 * the same): what a checkpoint budget counts. An estimate within a few hundred bytes per lane.
 */
export function stateBytes(s: SessionState, previous: SessionState | null): number {
  let n = 0;
  for (const l of s.lanes) n += laneStateBytes(l);
  if (previous === null || previous.order !== s.order) n += s.order.byteLength;
  const shared = previous === null ? 0 : Math.min(previous.log.rows.length, s.log.rows.length);
  const rowBytes = s.log.rows[0]?.byteLength ?? 0;
  return n + 8 * s.log.rows.length + (s.log.rows.length - shared) * (rowBytes + 64);
}
