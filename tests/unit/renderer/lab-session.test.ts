// The Lab's sweep session (issue 13, item 2): runs a sweep on the real scheduler and engine, keeps every
// finished run across pause, cancel and resume (a resume trains only the missing runs, to the same
// numbers), reports a run whose worker keeps crashing as lost while the sweep goes on, and measures pace.
import { describe, expect, it } from 'vitest';
import { answerSweepJob } from '../../../src/core/lab/sweep-job';
import type { Run } from '../../../src/core/lab/sweep-plan';
import type { RunResult } from '../../../src/core/lab/sweep-run';
import type { SweepJob, WorkerFactory } from '../../../src/core/lab/sweep-scheduler';
import { serializeSweep, sweepWithResults } from '../../../src/core/lab/sweep-file';
import { doesItMatter } from '../../../src/core/lab/studies';
import { parseSweep, type Sweep } from '../../../src/core/protocol/sweep';
import { formatTimeLeft, ProgressMeter } from '../../../src/renderer/state/lab-progress';
import { type LabPhase, SweepSession } from '../../../src/renderer/state/lab-session';

/** 2 activations x 2 rates x 2 seeds of a small moons session, 200 steps. */
const small: Sweep = (() => {
  const s = doesItMatter();
  return {
    ...s,
    base: { ...s.base, dataset: { kind: 'moons', samples: 200, noise: 0.15 } },
    steps: 200,
    seeds: 2,
    axes: [
      { axis: 'activation', values: [{ kind: 'relu' }, { kind: 'leaky_relu', alpha: 0.01 }] },
      { axis: 'lr', values: [0.03, 0.3] },
    ],
  };
})();

/** The run indices a job asks for (a one-run job, or a group of runs for the batched path). */
function indices(job: SweepJob): number[] {
  const j = job as { run?: Run; runs?: readonly Run[] };
  return j.run !== undefined ? [j.run.index] : (j.runs ?? []).map((r) => r.index);
}

/**
 * Workers that train each job on the real engine in this process, answering on a later task as a worker
 * thread would; `crashOn` makes a worker die whenever it is given that run. `sent` records every run sent.
 */
function inProcess(sent: number[], crashOn: number | null = null): WorkerFactory {
  return (reply, crash) => {
    let alive = true;
    return {
      run: (job) => {
        sent.push(...indices(job));
        setTimeout(() => {
          if (!alive) return;
          if (crashOn !== null && indices(job).includes(crashOn)) {
            alive = false;
            crash('killed by the test');
          } else reply(answerSweepJob(job));
        }, 1);
      },
      terminate: () => {
        alive = false;
      },
    };
  };
}

/** A session on `sweep` and a promise per phase it reaches. */
function session(workers: WorkerFactory, sweep = small, poolSize = 2) {
  const phases: LabPhase[] = [];
  const waiting: { phase: LabPhase; done: () => void }[] = [];
  let onChange: (s: SweepSession) => void = () => {};
  const s: SweepSession = new SweepSession(
    {
      workers,
      poolSize,
      now: () => performance.now(),
      changed: () => {
        if (phases[phases.length - 1] !== s.phase) phases.push(s.phase);
        for (const w of waiting.splice(0)) if (w.phase === s.phase) w.done();
        else waiting.push(w);
        onChange(s);
      },
    },
    sweep,
  );
  const reach = (phase: LabPhase) => new Promise<void>((done) => (s.phase === phase ? done() : waiting.push({ phase, done })));
  return { s, phases, reach, watch: (f: (s: SweepSession) => void) => (onChange = f) };
}

const finished = (rs: readonly (RunResult | null)[]) => rs.filter((r): r is RunResult => r !== null);

describe('a sweep in the Lab', () => {
  it('runs every run to the end on the pool', async () => {
    const jobs: number[] = [];
    const { s, reach } = session(inProcess(jobs));
    s.run();
    expect(s.phase).toBe('running');
    await reach('done');
    expect(s.finished).toBe(8);
    expect([...jobs].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(s.progress()?.done).toBe(8);
    expect(s.progress()?.runsPerSecond).toBeGreaterThan(0);
  });

  it('pause lets the running runs finish and starts no more; resume trains the rest to the same numbers', async () => {
    const straight = session(inProcess([]));
    straight.s.run();
    await straight.reach('done');

    const jobs: number[] = [];
    const { s, reach, watch } = session(inProcess(jobs));
    watch((x) => {
      if (x.phase === 'running' && x.finished === 1) x.pause();
    });
    s.run();
    await reach('paused');
    const kept = s.finished;
    // Only the runs that were on the workers finished after the pause.
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(8);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.finished).toBe(kept);
    expect(jobs).toHaveLength(kept);
    watch(() => {});
    s.run();
    await reach('done');
    expect(jobs).toHaveLength(8);
    expect(finished(s.results)).toEqual(finished(straight.s.results));
  });

  it('cancel keeps every finished run; running again trains only the missing ones', async () => {
    const jobs: number[] = [];
    const { s, reach, watch } = session(inProcess(jobs));
    watch((x) => {
      if (x.phase === 'running' && x.finished >= 3) x.cancel();
    });
    s.run();
    await reach('cancelled');
    expect(s.finished).toBeGreaterThanOrEqual(3);
    expect(s.finished).toBeLessThan(8);
    const sent = jobs.length;
    const done = new Set(finished(s.results).map((r) => r.index));
    watch(() => {});
    s.run();
    await reach('done');
    expect(s.finished).toBe(8);
    // The resumed stretch asked for exactly the runs that had no result.
    expect(jobs.slice(sent).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].filter((i) => !done.has(i)));
  });

  it('a saved sweep opens with its results and a resume trains only what is missing', async () => {
    const first = session(inProcess([]));
    first.watch((x) => {
      if (x.phase === 'running' && x.finished >= 5) x.cancel();
    });
    first.s.run();
    await first.reach('cancelled');
    const kept = first.s.finished;
    const text = serializeSweep(sweepWithResults(first.s.sweep, first.s.results));
    const parsed = parseSweep(text, 'saved.sweep.json');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const jobs: number[] = [];
    const { s, reach } = session(inProcess(jobs));
    s.adopt(parsed.value, parsed.value);
    expect(s.phase).toBe('cancelled');
    expect(s.finished).toBe(kept);
    expect(finished(s.results)).toEqual(finished(first.s.results));
    s.run();
    await reach('done');
    expect(jobs).toHaveLength(8 - kept);
  });

  it('a worker that crashes on a run loses only its job (after one retry); the sweep goes on', async () => {
    const jobs: number[] = [];
    const { s, reach } = session(inProcess(jobs, 2));
    s.run();
    await reach('done');
    expect(s.lost.map((l) => l.index)).toContain(2);
    expect(s.lost[0]!.message).toMatch(/crashed 2 times \(killed by the test\)/);
    expect(s.finished).toBe(8 - s.lost.length);
    expect(s.results[2]).toBeNull();
    expect(jobs.filter((i) => i === 2)).toHaveLength(2);
    expect(s.progress()?.lost).toBe(s.lost.length);
  });

  it('a diverged run is a result, not a loss', async () => {
    // Leaky ReLU 0.2 at lr 30 without clipping goes non-finite within 10 steps (ReLU there just dies).
    const hot: Sweep = { ...small, seeds: 1, axes: [{ axis: 'activation', values: [{ kind: 'leaky_relu', alpha: 0.2 }] }, { axis: 'lr', values: [30] }], base: { ...small.base, lanes: [{ ...small.base.lanes[0]!, clipNorm: null }] } };
    const { s, reach } = session(inProcess([]), hot);
    s.run();
    await reach('done');
    expect(s.lost).toEqual([]);
    expect(s.results[0]?.divergedAt).not.toBeNull();
  });
});

describe('progress', () => {
  it('measures the pace over running time only, and the time left from it', () => {
    const m = new ProgressMeter(10, 2);
    m.resume(0);
    m.finished(1000);
    m.finished(2000);
    expect(m.read(2000)).toMatchObject({ done: 4, total: 10, runsPerSecond: 1, secondsLeft: 6 });
    m.pause(2000);
    // A pause of a minute does not slow the pace.
    m.resume(62_000);
    m.finished(63_000, true);
    expect(m.read(63_000)).toMatchObject({ done: 4, lost: 1, runsPerSecond: 1, secondsLeft: 5 });
  });

  it('says the time left as people read it', () => {
    expect(formatTimeLeft(null)).toBe('time left unknown');
    expect(formatTimeLeft(0.2)).toBe('under a second left');
    expect(formatTimeLeft(42.4)).toBe('about 42 s left');
    expect(formatTimeLeft(600)).toBe('about 10 min left');
    expect(formatTimeLeft(3900)).toBe('about 65 min left');
    expect(formatTimeLeft(9900)).toBe('about 2 h 45 min left');
  });
});
