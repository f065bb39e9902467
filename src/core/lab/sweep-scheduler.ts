import { batchPays, canBatch } from './sweep-batch';
import type { Run } from './sweep-plan';
import type { RunResult } from './sweep-run';

/**
 * What a sweep worker is asked: train `runs` (consecutive runs of one cell, trained together on the
 * batched path) or one `run`, for `steps` steps, recording the first reach of `target`.
 */
export type SweepJob =
  | { readonly runs: readonly Run[]; readonly steps: number; readonly target: number | null }
  | { readonly run: Run; readonly steps: number; readonly target: number | null };

/** The answer for one run: its result, or why it could not be trained. */
export type RunReply = { readonly index: number; readonly result: RunResult } | { readonly index: number; readonly error: string };

/** A sweep worker's answer to one job: one reply per run of a `runs` job, or the reply of a one-run job. */
export type SweepJobReply = RunReply | { readonly replies: readonly RunReply[] };

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
 * Most runs in one job. Measured on the collapse cell (1-(2x9)-1, 256 rows, 3,000 steps, one thread):
 * about 31, 29 and 28 ms a network batched by 16, 32 and 64 (each run's probes and batch order cost the
 * same however many are batched), so a bigger job gains little and loses more to a crash and reports
 * progress less often.
 */
export const MAX_GROUP = 32;

/**
 * The runs cut into jobs: consecutive runs of one cell that the batched path takes (canBatch) and that
 * it trains faster (batchPays), at most `size` per job; every other run is a job of its own.
 */
export function groupRuns(runs: readonly Run[], size: number): Run[][] {
  const groups: Run[][] = [];
  let group: Run[] = [];
  for (const run of runs) {
    const head = group[0];
    if (head !== undefined && (group.length >= size || run.cell !== head.cell || !batchPays(head) || !canBatch([head, run]))) {
      groups.push(group);
      group = [];
    }
    group.push(run);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * Runs a sweep's pending runs on a pool of workers, one job at a time per worker, in order. A job is a
 * group of up to ceil(runs / workers) runs of one cell (at most MAX_GROUP), so that every worker gets
 * work, trained together on the batched path. Pause lets the running jobs finish and starts no more;
 * cancel stops the workers at once (their runs are simply not done; every finished run was already
 * reported). A crashed worker loses at most its current job's runs: each is retried once, alone, on a
 * new worker, then reported lost, and the sweep goes on.
 */
export class SweepScheduler {
  private readonly queue: Run[][];
  private readonly workers: (PoolWorker | null)[];
  private readonly busy: (readonly Run[] | null)[];
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
    const pool = Math.max(1, workers);
    this.queue = groupRuns(runs, Math.min(MAX_GROUP, Math.max(1, Math.ceil(runs.length / pool))));
    const n = Math.max(1, Math.min(pool, this.queue.length));
    this.workers = Array.from({ length: n }, () => null);
    this.busy = Array.from({ length: n }, () => null);
  }

  /** Runs waiting, and runs on a worker now. */
  get counts(): { readonly waiting: number; readonly running: number } {
    let waiting = 0;
    for (const g of this.queue) waiting += g.length;
    let running = 0;
    for (const g of this.busy) running += g?.length ?? 0;
    return { waiting, running };
  }

  /** Starts (or, after pause, resumes) feeding the workers. */
  start(): void {
    if (this.over) return;
    this.paused = false;
    for (let w = 0; w < this.workers.length; w++) if (this.busy[w] === null) this.feed(w);
    this.checkDone();
  }

  /** Starts no more jobs; those running finish and are reported. */
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
    const runs = this.queue.shift();
    if (runs === undefined) {
      this.workers[w]?.terminate();
      this.workers[w] = null;
      return;
    }
    this.busy[w] = runs;
    const worker = (this.workers[w] ??= this.spawn(w));
    worker.run({ runs, steps: this.steps, target: this.target });
  }

  private spawn(w: number): PoolWorker {
    let alive = true;
    const worker = this.make(
      (reply) => {
        if (!alive || this.over) return;
        this.busy[w] = null;
        for (const r of 'replies' in reply ? reply.replies : [reply]) {
          // A listener may cancel the sweep on any result: report nothing after that.
          if (this.over) return;
          if ('result' in r) this.on.result(r.result);
          else this.on.lost(r.index, r.error);
        }
        this.feed(w);
        this.checkDone();
      },
      (message) => {
        if (!alive || this.over) return;
        alive = false;
        const runs = this.busy[w] ?? [];
        this.busy[w] = null;
        this.workers[w] = null;
        const retry: Run[][] = [];
        for (const run of runs) {
          const tries = (this.tries.get(run.index) ?? 0) + 1;
          this.tries.set(run.index, tries);
          if (tries <= RETRIES) retry.push([run]);
          else this.on.lost(run.index, `its worker crashed ${tries} times (${message})`);
        }
        this.queue.unshift(...retry);
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
