import type { ExperimentEvent } from '../protocol/experiment';
import type { EngineMessage } from '../protocol/messages';
import { Replayer } from './replay';
import { Session } from './session';
import { StateStore } from './state-store';

/**
 * "Verify by replay": rebuilds a session from its spec and events and replays it from step 0 to the
 * step it was asked at, a time-boxed slice at a time, then compares every lane's fingerprint with the
 * live one taken when it was asked (the live session may train on meanwhile).
 */
export class VerifyJob {
  private readonly replayer: Replayer;
  private readonly target: number;
  private readonly live: string[];
  private readonly names: string[];
  private lastProgress = -Infinity;

  constructor(
    live: Session,
    events: readonly ExperimentEvent[],
    /** The id of the 'verify' command, echoed in the answer. */
    private readonly request: string | undefined,
  ) {
    this.replayer = new Replayer(new Session(live.spec, live.supplied), events, { store: new StateStore() });
    this.target = live.step;
    this.live = live.digests();
    this.names = live.lanes.map((l) => l.spec.name);
  }

  /**
   * Replays until `budgetMs` have passed on `now` (milliseconds) or the target is reached. Returns the
   * message to post: progress (at most every 250 ms), the verdict when done, or null.
   */
  slice(now: () => number, budgetMs: number): { readonly message: EngineMessage | null; readonly done: boolean } {
    const start = now();
    const r = this.replayer;
    while (r.session.step < this.target && now() - start < budgetMs) r.advance(Math.min(100, this.target - r.session.step));
    if (r.session.step < this.target) {
      if (start - this.lastProgress < 250) return { message: null, done: false };
      this.lastProgress = start;
      return { message: { type: 'progress', job: 'verify', done: r.session.step, total: this.target }, done: false };
    }
    r.finish();
    const replayed = r.session.digests();
    const lanes = this.names.map((name, i) => ({ name, live: this.live[i]!, replayed: replayed[i]! }));
    return { message: { type: 'verified', step: this.target, lanes, ...(this.request === undefined ? {} : { request: this.request }) }, done: true };
  }
}
