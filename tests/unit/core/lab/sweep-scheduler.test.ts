import { describe, expect, it } from 'vitest';
import { answerSweepJob } from '../../../../src/core/lab/sweep-job';
import { sweepRuns } from '../../../../src/core/lab/sweep-plan';
import type { RunResult } from '../../../../src/core/lab/sweep-run';
import { runSweepRun } from '../../../../src/core/lab/sweep-run';
import { groupRuns, MAX_GROUP, type SweepJob, SweepScheduler, type WorkerFactory } from '../../../../src/core/lab/sweep-scheduler';
import { checkSweep, type Sweep } from '../../../../src/core/protocol/sweep';
import { oneLaneBase, rawSweep } from './sweep-fixtures';

function checkedSweep(patch: Record<string, unknown>): Sweep {
  const r = checkSweep(rawSweep(patch), 'x');
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const sweep = checkedSweep({ steps: 50 });

/**
 * Workers in this thread that train each job on the real engine after a macrotask (as a thread would
 * answer later); `crashOn(index, attempt)` makes a worker die instead of answering when it is given that
 * run, to test recovery. `jobs` lists the run indices of every job given out.
 */
function inThread(crashOn: (index: number, attempt: number) => boolean = () => false): { factory: WorkerFactory; made: () => number; jobs: number[][] } {
  let made = 0;
  const attempts = new Map<number, number>();
  const jobs: number[][] = [];
  const factory: WorkerFactory = (reply, crash) => {
    made++;
    let dead = false;
    return {
      run: (job: SweepJob) => {
        const runs = 'runs' in job ? job.runs : [job.run];
        jobs.push(runs.map((r) => r.index));
        const crashes = runs.map((r) => {
          const attempt = (attempts.get(r.index) ?? 0) + 1;
          attempts.set(r.index, attempt);
          return crashOn(r.index, attempt);
        });
        setTimeout(() => {
          if (dead) return;
          if (crashes.includes(true)) {
            dead = true;
            crash('simulated out-of-memory');
          } else reply(answerSweepJob(job));
        }, 0);
      },
      terminate: () => {
        dead = true;
      },
    };
  };
  return { factory, made: () => made, jobs };
}

/** Runs the sweep's runs to the end (or until `act` stops it) and collects what was reported. */
function drive(s: Sweep, factory: WorkerFactory, act: (sch: SweepScheduler, results: RunResult[]) => void = () => {}) {
  return new Promise<{ results: RunResult[]; lost: [number, string][]; cancelled: boolean }>((resolve) => {
    const results: RunResult[] = [];
    const lost: [number, string][] = [];
    const sch = new SweepScheduler(sweepRuns(s), s.steps, s.target, 2, factory, {
      result: (r) => {
        results.push(r);
        act(sch, results);
      },
      lost: (i, m) => lost.push([i, m]),
      finished: (cancelled) => resolve({ results, lost, cancelled }),
    });
    sch.start();
  });
}

describe('the sweep scheduler', () => {
  it('trains every run once, in jobs of one cell\'s runs trained together, and reports each result as the single path trains it', async () => {
    const pool = inThread();
    const { results, lost, cancelled } = await drive(sweep, pool.factory);
    expect(cancelled).toBe(false);
    expect(lost).toEqual([]);
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // 4 cells of 2 seeds: one job per cell.
    expect(pool.jobs).toEqual([[0, 1], [2, 3], [4, 5], [6, 7]]);
    const runs = sweepRuns(sweep);
    expect(answerSweepJob({ run: runs[3]!, steps: 50, target: sweep.target })).toEqual({ index: 3, result: results.find((r) => r.index === 3) });
    for (const r of results) expect(r).toEqual(runSweepRun(runs[r.index]!, 50, sweep.target));
  });

  it('cuts the runs into groups of one cell, at most the size asked, and alone where the batched path does not apply', () => {
    const runs = sweepRuns(checkedSweep({ seeds: 5 }));
    expect(groupRuns(runs, 3).map((g) => g.map((r) => r.index))).toEqual([[0, 1, 2], [3, 4], [5, 6, 7], [8, 9], [10, 11, 12], [13, 14], [15, 16, 17], [18, 19]]);
    const rrelu = sweepRuns(checkedSweep({ seeds: 3, axes: [{ axis: 'activation', values: [{ kind: 'rrelu', lower: 0.125, upper: 0.33 }, { kind: 'relu' }] }] }));
    expect(groupRuns(rrelu, 32).map((g) => g.map((r) => r.index))).toEqual([[0], [1], [2], [3, 4, 5]]);
    // Wide layers at big batches: the single path is faster, so each run is a job.
    const wide = sweepRuns(checkedSweep({ seeds: 2, base: oneLaneBase({ dataset: { kind: 'moons', samples: 200, noise: 0.15 }, hidden: [64, 64], batchSize: 128 }) }));
    expect(groupRuns(wide, 32).every((g) => g.length === 1)).toBe(true);
    expect(MAX_GROUP).toBeGreaterThan(1);
  });

  it('gives every worker work: jobs of at most ceil(runs / workers) runs', async () => {
    const pool = inThread();
    const s = checkedSweep({ seeds: 3, steps: 20, axes: [] });
    const { results } = await drive(s, pool.factory);
    expect(results).toHaveLength(3);
    expect(pool.jobs).toEqual([[0, 1], [2]]);
  });

  it('answers a job of runs that cannot train with one error per run, naming what is missing', () => {
    const file = { kind: 'file', name: 'mine.csv', sha256: 'a'.repeat(64), bytes: 10, options: { target: 'y', task: 'regression', missing: 'drop', oneHotLimit: 16 } } as const;
    const runs = sweepRuns(sweep).slice(0, 2).map((r) => ({ ...r, spec: { ...r.spec, dataset: file } }));
    const reply = answerSweepJob({ runs, steps: 10, target: null });
    expect('replies' in reply && reply.replies.map((r) => ('error' in r ? [r.index, r.error.includes('"mine.csv" was not found')] : r.index))).toEqual([[0, true], [1, true]]);
  });

  it('retries each run of a job whose worker crashed once, alone on a new worker, and gives a run up after a second crash, going on with the rest', async () => {
    const pool = inThread((index, attempt) => index === 2 || (index === 5 && attempt === 1));
    const { results, lost } = await drive(sweep, pool.factory);
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual([0, 1, 3, 4, 5, 6, 7]);
    expect(lost).toEqual([[2, 'its worker crashed 2 times (simulated out-of-memory)']]);
    expect(pool.made()).toBeGreaterThanOrEqual(4);
    expect(pool.jobs.filter((j) => j.length === 1).sort((a, b) => a[0]! - b[0]!)).toEqual([[2], [3], [4], [5]]);
  });

  it('cancels at once, keeping what finished; paused, it starts no more runs until resumed', async () => {
    const cancelled = await drive(sweep, inThread().factory, (sch, results) => {
      if (results.length === 3) sch.cancel();
    });
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.results).toHaveLength(3);

    let pausedAt = -1;
    const resumed = await drive(sweep, inThread().factory, (sch, results) => {
      if (results.length === 2) {
        sch.pause();
        pausedAt = sch.counts.waiting;
        setTimeout(() => {
          // The job still running when it paused has finished; nothing else started.
          expect(results).toHaveLength(4);
          expect(sch.counts).toEqual({ waiting: pausedAt, running: 0 });
          sch.start();
        }, 200);
      }
    });
    expect(pausedAt).toBe(4);
    expect(resumed.results).toHaveLength(8);
  });
});
