import type { ExperimentEvent } from '../protocol/experiment';
import type { LaneMetrics } from '../protocol/messages';
import type { Session } from './session';

/**
 * Trains a session for `steps` more steps with no UI, applying each scheduled event once the lanes have
 * taken the number of steps it names, and calls onStep (when given) after every step with each lane's
 * metrics. The live app records its hot-swaps the same way, so a re-run reproduces what it showed.
 */
export function runHeadless(session: Session, steps: number, events: readonly ExperimentEvent[], onStep?: (step: number, metrics: LaneMetrics[]) => void): void {
  // A stable sort keeps events of the same step in the order they happened.
  const pending = [...events].sort((a, b) => a.step - b.step);
  let next = 0;
  const start = session.step;
  for (let s = start; s < start + steps; s++) {
    while (next < pending.length && pending[next]!.step <= s) {
      applyEvent(session, pending[next++]!);
    }
    session.stepAll();
    onStep?.(s + 1, session.metrics());
  }
}

/** Applies one recorded change to a session. */
export function applyEvent(session: Session, e: ExperimentEvent): void {
  if (e.type === 'activation') session.setActivation(e.lane, e.activation);
  else session.lanes[e.lane]!.setLearningRate(e.lr);
}
