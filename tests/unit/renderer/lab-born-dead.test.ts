// The born-dead study in the Lab (issue 13, item 4): counted in chunks on a pool of workers, it gives the
// same table as core's one-thread bornDeadTable at every depth whatever the number of workers; a cancel
// keeps what was counted; a failing worker is reported; the single-point value and the plot model.
import { describe, expect, it } from 'vitest';
import { type BornDeadOptions, bornDeadByDepth, bornDeadTable } from '../../../src/core/lab/born-dead';
import { singlePointBornDead } from '../../../src/core/lab/born-dead-bound';
import type { BornDeadWorkerFactory } from '../../../src/renderer/host/born-dead-pool';
import { bornDeadPlot } from '../../../src/renderer/charts/born-dead-plot';
import { BORN_DEAD_DEFAULTS, bornDeadOptions, BornDeadRun } from '../../../src/renderer/state/born-dead-run';

/** Workers that count each job in this process, on a later task as a Web Worker would; `fail` answers that width with an error. */
function inProcess(fail: number | null = null): BornDeadWorkerFactory {
  return (reply) => {
    let alive = true;
    return {
      run: (job) =>
        setTimeout(() => {
          if (!alive) return;
          if (job.width === fail) reply({ ...job, error: 'the test refuses this width' });
          else reply({ ...job, deaths: bornDeadByDepth(job.options, job.width, job.from, job.to) });
        }, 0),
      terminate: () => {
        alive = false;
      },
    };
  };
}

const small: BornDeadOptions = { ...BORN_DEAD_DEFAULTS, depth: 6, widths: [2, 3, 5], nets: 2500 };

function run(o: BornDeadOptions, workers: number, factory = inProcess(), onChange: (r: BornDeadRun) => void = () => {}): Promise<BornDeadRun> {
  return new Promise((resolve) => {
    const r: BornDeadRun = new BornDeadRun(o, factory, workers, () => performance.now(), () => {
      onChange(r);
      if (r.phase !== 'running') resolve(r);
    });
    r.start();
  });
}

describe('the born-dead study on a pool', () => {
  it.each([1, 3])('gives core\'s table at every depth on %i worker(s)', async (workers) => {
    const r = await run(small, workers);
    expect(r.phase).toBe('done');
    expect(r.progress.nets).toBe(3 * 2500);
    for (const depth of [1, 3, 6]) expect(r.rows(depth)).toEqual(bornDeadTable({ ...small, depth }));
    // Narrow and deep is born dead more often.
    const rows = r.rows();
    expect(rows[0]!.bornDead).toBeGreaterThan(rows[2]!.bornDead);
    expect(r.rows(6)[0]!.bornDead).toBeGreaterThan(r.rows(1)[0]!.bornDead);
  });

  it('a cancel keeps the nets counted, as whole chunks', async () => {
    const r = await run({ ...small, nets: 6000 }, 2, inProcess(), (x) => {
      if (x.phase === 'running' && x.progress.nets >= 3000) x.cancel();
    });
    expect(r.phase).toBe('cancelled');
    const counted = r.progress.nets;
    expect(counted).toBeGreaterThanOrEqual(3000);
    expect(counted).toBeLessThan(18_000);
    expect(counted % 1000).toBe(0);
    expect(r.rows().reduce((n, row) => n + row.nets, 0)).toBe(counted);
  });

  it('Leaky ReLU and PReLU are never born dead (counted)', async () => {
    for (const activation of ['leaky_relu', 'prelu'] as const) {
      const r = await run({ ...small, nets: 500, activation }, 2);
      expect(r.rows().map((row) => row.bornDead)).toEqual([0, 0, 0]);
    }
  });

  it('a worker\'s error fails the run naming the nets; bad options are refused naming the field', async () => {
    const r = await run(small, 2, inProcess(3));
    expect(r.phase).toBe('failed');
    expect(r.failure).toMatch(/of width 3: the test refuses this width/);
    expect(() => new BornDeadRun({ ...small, widths: [0] }, inProcess(), 1, () => 0, () => {})).toThrow(/widths: each width must be a whole number from 1 to 4096, not 0/);
  });
});

describe('beside it', () => {
  it('the single-point value 1-(1-2^-N)^H (docs/lab.md: 92.49% at width 2, depth 9)', () => {
    expect(100 * singlePointBornDead(2, 9)).toBeCloseTo(92.49, 2);
    expect(100 * singlePointBornDead(10, 9)).toBeCloseTo(0.8755, 4);
    expect(singlePointBornDead(1, 1)).toBe(0.5);
  });

  it('the plot: born dead % against depth, a line per width with Wilson bands', async () => {
    const r = await run(small, 2);
    const byDepth = Array.from({ length: 6 }, (_, d) => r.rows(d + 1));
    const p = bornDeadPlot(byDepth, 'relu');
    expect(p.series.map((s) => s.name)).toEqual(['width 2', 'width 3', 'width 5']);
    expect(p.series[0]!.points.map((q) => q.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(p.series[0]!.points[5]!.y).toBeCloseTo(100 * byDepth[5]![0]!.bornDead, 10);
    expect(p.series[0]!.points[5]!.high).toBeCloseTo(100 * byDepth[5]![0]!.ciHigh, 10);
  });
});

describe('the born-dead form', () => {
  const draft = { inputDim: '1', depth: '9', widths: '2, 3, 5, 10', nets: '20000', init: 'he_normal', biasInit: 'zero', activation: 'relu' } as const;
  it('reads inputs, depth, widths and nets as typed, and names the field that is wrong', () => {
    expect(bornDeadOptions(draft)).toEqual(BORN_DEAD_DEFAULTS);
    expect(bornDeadOptions({ ...draft, inputDim: '3', widths: '4 8' })).toMatchObject({ inputDim: 3, widths: [4, 8] });
    expect(bornDeadOptions({ ...draft, inputDim: '0' })).toBe('inputDim must be a whole number from 1 to 64, not 0');
  });

  it('counts nets of two inputs at the cube points on the workers, as core does on one thread', async () => {
    const o = bornDeadOptions({ ...draft, inputDim: '2', depth: '4', widths: '2, 3', nets: '1500' });
    if (typeof o === 'string') throw new Error(o);
    const r = await run(o, 2);
    expect(r.phase).toBe('done');
    expect(r.rows(4)).toEqual(bornDeadTable(o));
  });
});
