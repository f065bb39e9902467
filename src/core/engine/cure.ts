import { type ActivationSpec, leaksGradient } from '../nn/activation';
import type { Checkpoint } from '../protocol/messages';
import type { LaneSpec } from '../protocol/spec';
import type { Lane } from './lane';

/**
 * Highest SGD learning rate a hot-swap from ReLU to a leaky activation keeps on a lane without gradient
 * clipping: the neurons that come back all start passing gradient at once, and unclipped, at lr 0.3 with
 * momentum 0.9, the swapped lane went to NaN within about 1,600 steps (issue 11). Clipped lanes (the
 * default since 0.2) keep their rate: measured, the revival story at lr 0.3 stays finite (docs/stories.md).
 */
export const UNCLIPPED_CURE_LR = 0.05;

/** The learning rate a hot-swap from `lane` to `to` should also set, or null to keep the lane's own. */
export function cureLr(lane: LaneSpec, to: ActivationSpec): number | null {
  const curing = !leaksGradient(lane.activation) && leaksGradient(to);
  if (!curing || lane.clipNorm !== null || lane.optimizer.kind !== 'sgd') return null;
  return lane.lr > UNCLIPPED_CURE_LR ? UNCLIPPED_CURE_LR : null;
}

/** Where a diverged lane can restart: its last checkpoint before the divergence, with the rate halved; null while it is healthy. */
export function recoveryFor(lane: Lane, checkpoints: readonly Checkpoint[]): { to: number; lr: number } | null {
  const d = lane.diverged;
  if (d === null) return null;
  let to = 0;
  for (const c of checkpoints) if (c.step < d.step && c.step > to) to = c.step;
  return { to, lr: lane.spec.lr / 2 };
}
