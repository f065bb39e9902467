import type { Dataset } from '../data/dataset';
import type { ExperimentEvent } from '../protocol/experiment';
import type { LaneMetrics } from '../protocol/messages';
import type { SessionSpec } from '../protocol/spec';
import { Session } from './session';
import type { StateStore } from './state-store';
import { CHECKPOINT_EVERY } from './timeline';

/** How runHeadless runs: a per-step callback, a store to fill with states at checkpoint steps, and the last step whose events the session already holds. */
export interface HeadlessOptions {
  /** Called after every step with each lane's metrics. */
  readonly onStep?: (step: number, metrics: LaneMetrics[]) => void;
  /** Receives the session's state at every checkpoint step passed (the start, every event, every CHECKPOINT_EVERY steps). */
  readonly store?: StateStore | null;
  /** Events at steps up to this one are already applied (a session restored from a state at that step); -1 for a fresh session. */
  readonly applied?: number;
}

/**
 * Trains a session on, applying each event once the lanes have taken the number of steps it names
 * (those the session already holds are skipped), in pieces of any size: the runtime verifies by replay
 * a slice at a time. runHeadless and replay are its one-call forms.
 */
export class Replayer {
  private readonly pending: ExperimentEvent[];
  private next = 0;
  private readonly store: StateStore | null;

  constructor(
    readonly session: Session,
    events: readonly ExperimentEvent[],
    private readonly options: HeadlessOptions = {},
  ) {
    // A stable sort keeps events of the same step in the order they happened.
    this.pending = [...events].sort((a, b) => a.step - b.step);
    this.store = options.store ?? null;
    const applied = options.applied ?? -1;
    while (this.next < this.pending.length && this.pending[this.next]!.step <= applied) this.next++;
  }

  /** Takes `steps` more steps (events due before each are applied first). */
  advance(steps: number): void {
    const session = this.session;
    const start = session.step;
    for (let s = start; s < start + steps; s++) {
      const first = this.next;
      this.applyDue(s);
      if (this.store !== null && (this.next > first || s % CHECKPOINT_EVERY === 0)) this.store.put(session.saveState());
      session.stepAll();
      this.options.onStep?.(s + 1, session.metrics());
    }
  }

  /** Applies the events of the step the session is at (an event is applied before the step after it; those of the last step come now). */
  finish(): void {
    this.applyDue(this.session.step);
  }

  private applyDue(step: number): void {
    while (this.next < this.pending.length && this.pending[this.next]!.step <= step) {
      applyEvent(this.session, this.pending[this.next]!, this.pending.slice(0, this.next), this.store);
      this.next++;
    }
  }
}

/** Trains a session for `steps` more steps with no UI (see Replayer); the live app records its changes the same way, so a re-run reproduces what it showed. */
export function runHeadless(session: Session, steps: number, events: readonly ExperimentEvent[], options: HeadlessOptions = {}): void {
  new Replayer(session, events, options).advance(steps);
}

/**
 * Applies one recorded change to a session. `before`: the events recorded before this one, which a lane
 * rewind replays (up to its target step) to rebuild the lane as it was, from the nearest state in
 * `store` when one is given.
 */
export function applyEvent(session: Session, e: ExperimentEvent, before: readonly ExperimentEvent[], store: StateStore | null = null): void {
  // A record of what ReDo did: the lane's spec makes the replay recycle the same neurons by itself.
  if (e.type === 'recycle') return;
  if (e.type === 'activation') {
    session.setActivation(e.lane, e.activation);
    if (e.lr !== undefined) session.lanes[e.lane]!.setLearningRate(e.lr);
  } else if (e.type === 'lr') session.lanes[e.lane]!.setLearningRate(e.lr);
  else if (e.type === 'redo') session.lanes[e.lane]!.setRedo(e.redo, e.tau);
  else {
    const past = replay(session.spec, e.to, before.filter((b) => b.step <= e.to), session.supplied, store);
    session.replaceLane(e.lane, past.lanes[e.lane]!);
    if (e.lr !== undefined) session.lanes[e.lane]!.setLearningRate(e.lr);
  }
}

/**
 * Rebuilds a session from its spec (and a user file's rows) and replays it to `steps`, applying every
 * event up to and including that step. Starts from the nearest state in `store` at or before `steps`
 * (states of this same history), else from step 0. Training is deterministic, so this reproduces the
 * original state bit for bit.
 */
export function replay(spec: SessionSpec, steps: number, events: readonly ExperimentEvent[], supplied: Dataset | null, store: StateStore | null = null): Session {
  const session = new Session(spec, supplied);
  const from = store?.nearest(steps) ?? null;
  if (from !== null) session.loadState(from);
  const r = new Replayer(session, events, { store, applied: from === null ? -1 : from.step });
  r.advance(steps - session.step);
  r.finish();
  return session;
}
