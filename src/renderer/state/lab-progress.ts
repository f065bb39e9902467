/** Where a sweep stands: runs finished, lost and in all, and the pace of this stretch of running. */
export interface LabProgress {
  readonly done: number;
  readonly lost: number;
  readonly total: number;
  /** Runs finished per second while running (pauses left out), or null before the first finished run of this stretch. */
  readonly runsPerSecond: number | null;
  /** Seconds until every run is done at that pace, or null when unknown. */
  readonly secondsLeft: number | null;
}

/**
 * Measures a sweep's pace over the time it actually ran: `resume` and `pause` bracket running stretches,
 * `finished` counts a run. Times are the host clock's milliseconds.
 */
export class ProgressMeter {
  private done: number;
  private lost = 0;
  private counted = 0;
  private activeMs = 0;
  private since: number | null = null;

  /** A meter for `total` runs of which `already` were finished before (a resumed sweep). */
  constructor(
    private readonly total: number,
    already: number,
  ) {
    this.done = already;
  }

  /** Running starts (again) at `now`. */
  resume(now: number): void {
    this.since ??= now;
  }

  /** Running stops at `now` (paused, cancelled or finished). */
  pause(now: number): void {
    if (this.since === null) return;
    this.activeMs += now - this.since;
    this.since = null;
  }

  /** One run finished (or, with `lost`, was given up) at `now`. */
  finished(now: number, lost = false): void {
    if (lost) this.lost++;
    else this.done++;
    this.counted++;
    // Bank the elapsed time, so the pace is over the running time so far.
    if (this.since !== null) {
      this.activeMs += now - this.since;
      this.since = now;
    }
  }

  /** The counts, and the pace over the running time (including the current stretch up to `now`). */
  read(now: number): LabProgress {
    const ms = this.activeMs + (this.since === null ? 0 : now - this.since);
    const rate = this.counted === 0 || ms <= 0 ? null : this.counted / (ms / 1000);
    const left = this.total - this.done - this.lost;
    return { done: this.done, lost: this.lost, total: this.total, runsPerSecond: rate, secondsLeft: rate === null ? null : left / rate };
  }
}

/** "about 12 s", "about 3 min", "about 1 h 05 min": a time left as people read it. */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'time left unknown';
  if (seconds < 1) return 'under a second left';
  if (seconds < 90) return `about ${Math.round(seconds)} s left`;
  const min = Math.round(seconds / 60);
  if (min < 90) return `about ${min} min left`;
  return `about ${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min left`;
}
