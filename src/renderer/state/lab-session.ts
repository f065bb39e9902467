import { resultsByIndex } from '../../core/lab/sweep-file';
import { type Run, sweepRuns } from '../../core/lab/sweep-plan';
import type { RunResult } from '../../core/lab/sweep-run';
import { SweepScheduler, type WorkerFactory } from '../../core/lab/sweep-scheduler';
import type { Sweep } from '../../core/protocol/sweep';
import { type LabProgress, ProgressMeter } from './lab-progress';

/** Where the Lab's sweep stands. */
export type LabPhase = 'idle' | 'running' | 'pausing' | 'paused' | 'cancelled' | 'done';

/** A run the scheduler gave up (its worker crashed on it twice, or it could not be built). */
export interface LostRun {
  readonly index: number;
  readonly message: string;
}

/** What a sweep session needs: workers and how many, the clock (ms), and whom to tell of a change. */
export interface SweepSessionContext {
  readonly workers: WorkerFactory;
  readonly poolSize: number;
  readonly now: () => number;
  /** Something changed; `settled`: a run of the pool ended (paused, cancelled, finished, adopted), so summaries are due now. */
  readonly changed: (settled: boolean) => void;
}

/**
 * One sweep and its runs on the pool: the finished results by run index (kept across pause, cancel and
 * resume), lost runs, the phase and the pace. Plain TypeScript (the Lab's Svelte state mirrors it).
 */
export class SweepSession {
  sweep: Sweep;
  /** Per run index, its result once finished (null before); replaced, never mutated, on every change. */
  results: readonly (RunResult | null)[];
  lost: readonly LostRun[] = [];
  phase: LabPhase = 'idle';
  /** Every run of the sweep, cells in order and seeds inside (sweepRuns). */
  runs: readonly Run[];
  private scheduler: SweepScheduler | null = null;
  private meter: ProgressMeter | null = null;

  constructor(
    private readonly ctx: SweepSessionContext,
    sweep: Sweep,
  ) {
    this.sweep = sweep;
    this.runs = sweepRuns(sweep);
    this.results = this.runs.map(() => null);
  }

  /** Finished runs. */
  get finished(): number {
    return this.results.filter((r) => r !== null).length;
  }

  /** Whether runs are on the workers now. */
  get busy(): boolean {
    return this.phase === 'running' || this.phase === 'pausing';
  }

  /** Runs done, lost and in all, and the pace of the running so far (null before the first run). */
  progress(): LabProgress | null {
    return this.meter?.read(this.ctx.now()) ?? null;
  }

  /** Makes `s` the sweep (stopping any paused one), with the results `saved` holds (a sweep file), or none. */
  adopt(s: Sweep, saved: Sweep | null = null): void {
    this.stopScheduler();
    this.runs = sweepRuns(s);
    this.sweep = { ...s, results: [] };
    this.results = saved === null ? this.runs.map(() => null) : resultsByIndex(saved, this.runs.length);
    this.lost = [];
    this.meter = null;
    const done = this.finished;
    this.phase = done === this.runs.length ? 'done' : done > 0 ? 'cancelled' : 'idle';
    this.ctx.changed(true);
  }

  /** Trains the runs not finished yet (after a pause: carries on with the same workers). */
  run(): void {
    if (this.busy) return;
    if (this.phase === 'paused' && this.scheduler !== null) {
      this.meter?.resume(this.ctx.now());
      this.phase = 'running';
      this.scheduler.start();
      this.ctx.changed(false);
      return;
    }
    this.stopScheduler();
    const pending = this.runs.filter((r) => this.results[r.index] === null);
    if (pending.length === 0) {
      this.phase = 'done';
      this.ctx.changed(true);
      return;
    }
    this.lost = [];
    this.meter = new ProgressMeter(this.runs.length, this.finished);
    this.meter.resume(this.ctx.now());
    this.phase = 'running';
    const scheduler: SweepScheduler = new SweepScheduler(pending, this.sweep.steps, this.sweep.target, this.ctx.poolSize, this.ctx.workers, {
      result: (r) => {
        if (this.scheduler !== scheduler) return;
        const next = [...this.results];
        next[r.index] = r;
        this.results = next;
        this.meter?.finished(this.ctx.now());
        this.afterRun(scheduler);
      },
      lost: (index, message) => {
        if (this.scheduler !== scheduler) return;
        this.lost = [...this.lost, { index, message }];
        this.meter?.finished(this.ctx.now(), true);
        this.afterRun(scheduler);
      },
      finished: (cancelled) => {
        if (this.scheduler !== scheduler) return;
        this.scheduler = null;
        this.meter?.pause(this.ctx.now());
        this.phase = cancelled ? 'cancelled' : 'done';
        this.ctx.changed(true);
      },
    });
    this.scheduler = scheduler;
    this.ctx.changed(true);
    scheduler.start();
  }

  /** Starts no more runs; those on a worker finish and are kept, then the phase is 'paused'. */
  pause(): void {
    if (this.phase !== 'running' || this.scheduler === null) return;
    this.scheduler.pause();
    this.phase = 'pausing';
    this.afterRun(this.scheduler);
  }

  /** Stops every worker now; the runs on them are dropped, every finished run is kept. */
  cancel(): void {
    this.scheduler?.cancel();
  }

  /** Stops the workers for good (the page is going away). */
  dispose(): void {
    this.stopScheduler();
  }

  /** Drops the scheduler of a paused sweep (its workers end; finished runs stay). */
  private stopScheduler(): void {
    const old = this.scheduler;
    this.scheduler = null;
    old?.cancel();
  }

  /** After a run ended: a pause completes once no run is left on a worker. */
  private afterRun(scheduler: SweepScheduler): void {
    if (this.phase === 'pausing' && scheduler.counts.running === 0) {
      this.meter?.pause(this.ctx.now());
      this.phase = 'paused';
      this.ctx.changed(true);
      return;
    }
    this.ctx.changed(false);
  }
}
