import { type SessionState, stateBytes } from './session-state';

/** Most memory a session's state checkpoints may hold (bytes); older ones are thinned to stay under it. */
export const STATE_BUDGET_BYTES = 64 * 1024 * 1024;
/** Most state checkpoints kept, however small. */
export const MAX_STATES = 512;

/**
 * Full session states at some checkpoint steps, so that rewinding, opening and recovering restore the
 * nearest one and replay at most the steps after it, instead of replaying from step 0. Bounded: past
 * the budget, the state closest to its predecessor (never the start or the newest) is dropped, which
 * keeps the survivors spread over the session.
 */
export class StateStore {
  private entries: { state: SessionState; bytes: number }[] = [];
  private total = 0;

  constructor(private readonly budget = STATE_BUDGET_BYTES) {}

  /** Bytes held (an estimate: see stateBytes). */
  get bytes(): number {
    return this.total;
  }

  /** States held, by step. */
  get states(): readonly SessionState[] {
    return this.entries.map((e) => e.state);
  }

  /** Keeps a state, replacing one of the same step. */
  put(state: SessionState): void {
    let i = this.entries.findIndex((e) => e.state.step >= state.step);
    if (i < 0) i = this.entries.length;
    if (this.entries[i]?.state.step === state.step) this.remove(i);
    const bytes = stateBytes(state, this.entries[i - 1]?.state ?? null);
    this.entries.splice(i, 0, { state, bytes });
    this.total += bytes;
    while ((this.total > this.budget || this.entries.length > MAX_STATES) && this.entries.length > 2) this.remove(this.closest());
  }

  /** The state at the largest step <= `step`, or null. */
  nearest(step: number): SessionState | null {
    let best: SessionState | null = null;
    for (const e of this.entries) if (e.state.step <= step) best = e.state;
    return best;
  }

  /** True when a state at exactly `step` is held. */
  has(step: number): boolean {
    return this.entries.some((e) => e.state.step === step);
  }

  /** Forgets the states after `step` (a rewind there branches the history). */
  truncate(step: number): void {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]!.state.step > step) this.remove(i);
  }

  /**
   * Keeps only what the checkpoints at `steps` restore from: for each, the state at its step, or the
   * nearest one before it when it has none (so a rewind there replays only the steps in between).
   */
  retain(steps: Iterable<number>): void {
    const needed = new Set<SessionState>();
    for (const step of steps) {
      const s = this.nearest(step);
      if (s !== null) needed.add(s);
    }
    for (let i = this.entries.length - 1; i >= 0; i--) if (!needed.has(this.entries[i]!.state)) this.remove(i);
  }

  /** Forgets everything. */
  clear(): void {
    this.entries = [];
    this.total = 0;
  }

  private remove(i: number): void {
    this.total -= this.entries[i]!.bytes;
    this.entries.splice(i, 1);
  }

  /** Index of the state (not the first or last) nearest its predecessor. */
  private closest(): number {
    let best = 1;
    for (let i = 2; i < this.entries.length - 1; i++) {
      const gap = this.entries[i]!.state.step - this.entries[i - 1]!.state.step;
      if (gap < this.entries[best]!.state.step - this.entries[best - 1]!.state.step) best = i;
    }
    return best;
  }
}
