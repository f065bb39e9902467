import type { Dataset } from '../data/dataset';
import type { ExperimentEvent } from '../protocol/experiment';
import type { LaneMetrics } from '../protocol/messages';
import type { SessionSpec } from '../protocol/spec';
import { Session } from './session';

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
      applyEvent(session, pending[next]!, pending.slice(0, next));
      next++;
    }
    session.stepAll();
    onStep?.(s + 1, session.metrics());
  }
}

/**
 * Applies one recorded change to a session. `before`: the events recorded before this one, which a lane
 * rewind replays (up to its target step) to rebuild the lane as it was.
 */
export function applyEvent(session: Session, e: ExperimentEvent, before: readonly ExperimentEvent[]): void {
  if (e.type === 'activation') {
    session.setActivation(e.lane, e.activation);
    if (e.lr !== undefined) session.lanes[e.lane]!.setLearningRate(e.lr);
  } else if (e.type === 'lr') session.lanes[e.lane]!.setLearningRate(e.lr);
  else {
    const past = replay(session.spec, e.to, before.filter((b) => b.step <= e.to), session.supplied);
    session.replaceLane(e.lane, past.lanes[e.lane]!);
    if (e.lr !== undefined) session.lanes[e.lane]!.setLearningRate(e.lr);
  }
}

/**
 * Rebuilds a session from its spec (and a user file's rows) and replays it to `steps`, applying every
 * event up to and including that step. Training is deterministic, so this reproduces the original state
 * bit for bit.
 */
export function replay(spec: SessionSpec, steps: number, events: readonly ExperimentEvent[], supplied: Dataset | null): Session {
  const session = new Session(spec, supplied);
  runHeadless(session, steps, events);
  // runHeadless applies an event before the step after it; those of the last step come now.
  const sorted = [...events].sort((a, b) => a.step - b.step);
  sorted.forEach((e, i) => {
    if (e.step === steps) applyEvent(session, e, sorted.slice(0, i));
  });
  return session;
}
