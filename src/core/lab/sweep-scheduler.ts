import type { Run } from './sweep-plan';
import type { RunResult } from './sweep-run';

/** What a sweep worker is asked: train one run for `steps` steps, recording the first reach of `target`. */
export interface SweepJob {
  readonly run: Run;
  readonly steps: number;
  readonly target: number | null;
}

/** A sweep worker's answer to one job: its result, or why the run could not be trained. */
export type SweepJobReply = { readonly index: number; readonly result: RunResult } | { readonly index: number; readonly error: string };

/** One worker as the scheduler sees it (a worker_thread in the CLI, a Web Worker in the app). */
export interface PoolWorker {
  /** Starts a job; the worker answers through the callbacks it was made with. */
  run(job: SweepJob): void;
  terminate(): void;
}

/** Makes a worker that calls `reply` with each job's answer and `crash` when it dies (then it takes no more jobs). */
export type WorkerFactory = (reply: (r: SweepJobReply) => void, crash: (message: string) => void) => PoolWorker;

/** What the scheduler reports: a finished run, a run given up (its worker crashed twice on it), and the end. */
export interface SchedulerEvents {
  readonly result: (r: RunResult) => void;
  readonly lost: (index: number, message: string) => void;
  /** Every run is done or lost, or the sweep was cancelled; `cancelled` says which. */
  readonly finished: (cancelled: boolean) => void;
}

/** How often a run is retried on a fresh worker after its worker crashed on it. */
const RETRIES = 1;

/**
 * Runs a sweep's pending runs on a pool of workers, one run per worker at a time, in order. Pause lets
 * the running runs finish and starts no more; cancel stops the workers at once (their runs are simply not
 * done; every finished run was already reported). A crashed worker loses at most its current run: the run
 * is retried once on a new worker, then reported lost, and the sweep goes on.
 */
export class SweepScheduler {
  private readonly queue: Run[];
  private readonly workers: (PoolWorker | null)[];
  private readonly busy: (Run | null)[];
  private readonly tries = new Map<number, number>();
  private paused = false;
  private over = false;

  constructor(
    runs: readonly Run[],
    private readonly steps: number,
    private readonly target: number | null,
    workers: number,
    private readonly make: WorkerFactory,
    private readonly on: SchedulerEvents,
  ) {
    this.queue = [...runs];
    const n = Math.max(1, Math.min(workers, runs.length));
    this.workers = Array.from({ length: n }, () => null);
    this.busy = Array.from({ length: n }, () => null);
  }

  /** Runs waiting, and runs on a worker now. */
  get counts(): { readonly waiting: number; readonly running: number } {
    return { waiting: this.queue.length, running: this.busy.filter((r) => r !== null).length };
  }

  /** Starts (or, after pause, resumes) feeding the workers. */
  start(): void {
    if (this.over) return;
    this.paused = false;
    for (let w = 0; w < this.workers.length; w++) if (this.busy[w] === null) this.feed(w);
    this.checkDone();
  }

  /** Starts no more runs; those running finish and are reported. */
  pause(): void {
    this.paused = true;
  }

  /** Stops every worker now; runs not finished are dropped (not reported). */
  cancel(): void {
    if (this.over) return;
    this.over = true;
    for (const w of this.workers) w?.terminate();
    this.workers.fill(null);
    this.on.finished(true);
  }

  private feed(w: number): void {
    if (this.over || this.paused) return;
    const run = this.queue.shift();
    if (run === undefined) {
      this.workers[w]?.terminate();
      this.workers[w] = null;
      return;
    }
    this.busy[w] = run;
    const worker = (this.workers[w] ??= this.spawn(w));
    worker.run({ run, steps: this.steps, target: this.target });
  }

  private spawn(w: number): PoolWorker {
    let alive = true;
    const worker = this.make(
      (reply) => {
        if (!alive || this.over) return;
        const run = this.busy[w];
        this.busy[w] = null;
        if ('result' in reply) this.on.result(reply.result);
        else this.on.lost(run?.index ?? reply.index, reply.error);
        this.feed(w);
        this.checkDone();
      },
      (message) => {
        if (!alive || this.over) return;
        alive = false;
        const run = this.busy[w] ?? null;
        this.busy[w] = null;
        this.workers[w] = null;
        if (run !== null) {
          const tries = (this.tries.get(run.index) ?? 0) + 1;
          this.tries.set(run.index, tries);
          if (tries <= RETRIES) this.queue.unshift(run);
          else this.on.lost(run.index, `its worker crashed ${tries} times (${message})`);
        }
        this.feed(w);
        this.checkDone();
      },
    );
    return worker;
  }

  private checkDone(): void {
    if (this.over || this.queue.length > 0 || this.busy.some((r) => r !== null)) return;
    this.over = true;
    for (const w of this.workers) w?.terminate();
    this.workers.fill(null);
    this.on.finished(false);
  }
}
