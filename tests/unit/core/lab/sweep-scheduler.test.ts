import { describe, expect, it } from 'vitest';
import { answerSweepJob } from '../../../../src/core/lab/sweep-job';
import { sweepRuns } from '../../../../src/core/lab/sweep-plan';
import type { RunResult } from '../../../../src/core/lab/sweep-run';
import { type SweepJob, SweepScheduler, type WorkerFactory } from '../../../../src/core/lab/sweep-scheduler';
import { checkSweep, type Sweep } from '../../../../src/core/protocol/sweep';
import { rawSweep } from './sweep-fixtures';

const sweep = (() => {
  const r = checkSweep(rawSweep({ steps: 50 }), 'x');
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();

/**
 * Workers in this thread that train each job on the real engine after a macrotask (as a thread would
 * answer later); `crashOn(index, attempt)` makes a worker die instead of answering, to test recovery.
 */
function inThread(crashOn: (index: number, attempt: number) => boolean = () => false): { factory: WorkerFactory; made: () => number } {
  let made = 0;
  const attempts = new Map<number, number>();
  const factory: WorkerFactory = (reply, crash) => {
    made++;
    let dead = false;
    return {
      run: (job: SweepJob) => {
        const attempt = (attempts.get(job.run.index) ?? 0) + 1;
        attempts.set(job.run.index, attempt);
        setTimeout(() => {
          if (dead) return;
          if (crashOn(job.run.index, attempt)) {
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
  return { factory, made: () => made };
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
  it('trains every run once and reports each result', async () => {
    const { results, lost, cancelled } = await drive(sweep, inThread().factory);
    expect(cancelled).toBe(false);
    expect(lost).toEqual([]);
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(answerSweepJob({ run: sweepRuns(sweep)[3]!, steps: 50, target: sweep.target })).toEqual({ index: 3, result: results.find((r) => r.index === 3) });
  });

  it('retries a run whose worker crashed once on a new worker, and gives it up after a second crash, going on with the rest', async () => {
    const pool = inThread((index, attempt) => index === 2 || (index === 5 && attempt === 1));
    const { results, lost } = await drive(sweep, pool.factory);
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual([0, 1, 3, 4, 5, 6, 7]);
    expect(lost).toEqual([[2, 'its worker crashed 2 times (simulated out-of-memory)']]);
    expect(pool.made()).toBeGreaterThanOrEqual(4);
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
          // The run still running when it paused has finished; nothing else started.
          expect(results).toHaveLength(3);
          expect(sch.counts).toEqual({ waiting: pausedAt, running: 0 });
          sch.start();
        }, 200);
      }
    });
    expect(pausedAt).toBe(5);
    expect(resumed.results).toHaveLength(8);
  });
});
