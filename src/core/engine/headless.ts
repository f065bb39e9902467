import type { HotSwap } from '../experiment/experiment';
import type { LaneMetrics } from '../protocol/messages';
import type { Session } from './session';

/**
 * Trains a session for `steps` more steps with no UI, applying each scheduled hot-swap just before the
 * step it names, and calls onStep after every step with each lane's metrics. The live app applies
 * hot-swaps the same way, so a re-run reproduces what it showed.
 */
export function runHeadless(session: Session, steps: number, hotSwaps: readonly HotSwap[], onStep: (step: number, metrics: LaneMetrics[]) => void): void {
  const pending = [...hotSwaps].sort((a, b) => a.step - b.step);
  let next = 0;
  const start = session.step;
  for (let s = start; s < start + steps; s++) {
    while (next < pending.length && pending[next]!.step <= s) {
      const h = pending[next++]!;
      session.setActivation(h.lane, h.activation);
    }
    session.stepAll();
    onStep(s + 1, session.metrics());
  }
}
