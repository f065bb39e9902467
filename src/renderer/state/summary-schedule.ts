/** Least time between two summaries while runs finish (ms). */
export const SUMMARY_EVERY_MS = 700;
/** The summaries take at most this share of a core while runs finish (big cells bootstrap slowly). */
export const SUMMARY_SHARE = 0.1;

/**
 * When the Lab recomputes its summaries: one computation at a time; `want(true)` (a pause, a cancel, the
 * end) as soon as none is out, `want(false)` (a run finished) at most every SUMMARY_EVERY_MS and never
 * more than SUMMARY_SHARE of the time, from the measured cost of the last one. Results that changed while
 * one was out are summarized again after it.
 */
export class SummarySchedule {
  private out = false;
  private dirty = false;
  private dirtySettled = false;
  private last = -Infinity;
  private cost = 0;
  private timer: (() => void) | null = null;

  constructor(
    private readonly compute: () => Promise<void>,
    private readonly now: () => number,
    /** Calls `fn` after `ms` milliseconds; returns what cancels it. */
    private readonly later: (fn: () => void, ms: number) => () => void,
  ) {}

  /** The results changed; `settled`: the pool stopped, so the summaries are due now. */
  want(settled: boolean): void {
    if (this.out) {
      this.dirty = true;
      this.dirtySettled ||= settled;
      return;
    }
    const wait = Math.max(SUMMARY_EVERY_MS, this.cost / SUMMARY_SHARE) - (this.now() - this.last);
    if (!settled && wait > 0) {
      this.timer ??= this.later(() => {
        this.timer = null;
        this.start();
      }, wait);
      return;
    }
    this.timer?.();
    this.timer = null;
    this.start();
  }

  /** Cancels a computation waiting for its time (one already out finishes). */
  dispose(): void {
    this.timer?.();
    this.timer = null;
  }

  private start(): void {
    const began = this.now();
    this.out = true;
    this.dirty = false;
    this.dirtySettled = false;
    void this.compute().finally(() => {
      this.out = false;
      this.last = this.now();
      this.cost = this.last - began;
      if (this.dirty) this.want(this.dirtySettled);
    });
  }
}
