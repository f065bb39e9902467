import type { ExperimentEvent } from '../protocol/experiment';
import type { Checkpoint } from '../protocol/messages';

/** Steps between automatic checkpoints. */
export const CHECKPOINT_EVERY = 1000;
/** Periodic checkpoints kept (the oldest are dropped; hot-swap checkpoints are all kept). */
export const MAX_PERIODIC_CHECKPOINTS = 50;

/**
 * A session's history as far as it matters for reproducing it: the changes made (events) and the
 * checkpoints a user can rewind to. A checkpoint is only a step: since the same events replay to the
 * same bits, rewinding is a replay, and checkpoints cost no memory however large the network.
 */
export class Timeline {
  private eventList: ExperimentEvent[] = [];
  private marks: Checkpoint[] = [{ step: 0, reason: 'start' }];

  /** Every change since the session was built, in order. */
  get events(): readonly ExperimentEvent[] {
    return this.eventList;
  }

  /** Checkpoints, by step. */
  get checkpoints(): readonly Checkpoint[] {
    return this.marks;
  }

  /** Starts over with these events (after load, init, reseed). */
  restart(events: readonly ExperimentEvent[]): void {
    this.eventList = [];
    this.marks = [{ step: 0, reason: 'start' }];
    for (const e of events) this.record(e);
  }

  /** Records a change (and a checkpoint at its step); ReDo's records are not changes (the session keeps them) and are ignored. */
  record(e: ExperimentEvent): void {
    if (e.type === 'recycle') return;
    this.eventList.push(e);
    this.mark(e.step, e.type === 'activation' ? 'hot-swap' : e.type === 'lr' ? 'learning rate' : e.type === 'redo' ? 'redo' : 'lane rewind');
  }

  /** Notes that training reached `step`: adds the periodic checkpoints passed on the way; true when it added any. */
  reached(step: number): boolean {
    const last = this.marks.reduce((m, c) => (c.reason === 'periodic' ? Math.max(m, c.step) : m), 0);
    // Only the newest MAX_PERIODIC_CHECKPOINTS survive, so a long jump (opening a late session) marks only those.
    const first = Math.max(Math.floor(last / CHECKPOINT_EVERY) + 1, Math.floor(step / CHECKPOINT_EVERY) - MAX_PERIODIC_CHECKPOINTS + 1);
    if (first * CHECKPOINT_EVERY > step) return false;
    for (let s = first * CHECKPOINT_EVERY; s <= step; s += CHECKPOINT_EVERY) this.mark(s, 'periodic');
    const periodic = this.marks.filter((c) => c.reason === 'periodic');
    if (periodic.length > MAX_PERIODIC_CHECKPOINTS) {
      const drop = new Set(periodic.slice(0, periodic.length - MAX_PERIODIC_CHECKPOINTS));
      this.marks = this.marks.filter((c) => !drop.has(c));
    }
    return true;
  }

  /** True when `step` is a checkpoint. */
  has(step: number): boolean {
    return this.marks.some((c) => c.step === step);
  }

  /** Forgets everything after `step` (rewinding there branches the history). */
  truncate(step: number): void {
    this.eventList = this.eventList.filter((e) => e.step <= step);
    this.marks = this.marks.filter((c) => c.step <= step);
  }

  /** Forgets lane `lane`'s events and renumbers the lanes after it (that lane was removed). */
  removeLane(lane: number): void {
    this.eventList = this.eventList.filter((e) => e.lane !== lane).map((e) => (e.lane > lane ? { ...e, lane: e.lane - 1 } : e));
  }

  private mark(step: number, reason: Checkpoint['reason']): void {
    if (!this.marks.some((c) => c.step === step && c.reason === reason)) {
      this.marks.push({ step, reason });
      this.marks.sort((a, b) => a.step - b.step);
    }
  }
}
