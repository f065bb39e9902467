import { describe, expect, it } from 'vitest';
import { bootstrapMean, quantile } from '../../../../src/core/lab/bootstrap';
import { resultsCsv, summaryCsv } from '../../../../src/core/lab/sweep-csv';
import { sweepCells } from '../../../../src/core/lab/sweep-plan';
import type { RunResult } from '../../../../src/core/lab/sweep-run';
import { summarizeSweep } from '../../../../src/core/lab/sweep-summary';
import { sweepVerdict } from '../../../../src/core/lab/verdict';
import type { Sweep } from '../../../../src/core/protocol/sweep';

/** A result with the given test score (other measures fixed), for summaries computed by hand. */
function result(index: number, cell: number, seed: number, score: number, extra: Partial<RunResult> = {}): RunResult {
  return {
    index, cell, seed, steps: 100, finalTestScore: score, bestTestScore: score, finalTrainScore: score, finalLoss: 0.5, finalTestLoss: 0.6,
    deadPercent: [10, 30], inactivePercent: [10, 30], trace: { steps: [0, 100], dead: [0, 20], inactive: [0, 20] }, bornDead: 1,
    divergedAt: null, stepsToTarget: null, collapsed: false, slopes: [0, 0], ...extra,
  };
}

const sweep: Pick<Sweep, 'axes' | 'steps'> = {
  steps: 100,
  axes: [
    { axis: 'activation', values: [{ kind: 'relu' }, { kind: 'leaky_relu', alpha: 0.01 }] },
    { axis: 'lr', values: [0.01, 0.1, 0.3] },
  ],
};

describe('bootstrap intervals', () => {
  it('is the mean with an interval around it, the same for the same seed, zero-width for equal values', () => {
    const xs = [0.9, 0.8, 0.85, 0.95, 0.7];
    const a = bootstrapMean(xs, 1);
    expect(a.mean).toBeCloseTo(0.84, 12);
    expect(a.low).toBeLessThan(a.mean);
    expect(a.high).toBeGreaterThan(a.mean);
    expect(a.low).toBeGreaterThanOrEqual(0.7);
    expect(bootstrapMean(xs, 1)).toEqual(a);
    expect(bootstrapMean([3, 3, 3], 1)).toEqual({ mean: 3, low: 3, high: 3, n: 3 });
    expect(bootstrapMean([Number.NaN, 2], 1)).toEqual({ mean: 2, low: 2, high: 2, n: 1 });
    expect(bootstrapMean([], 1).n).toBe(0);
  });

  it('covers the true mean of a normal sample about 95% of the time', () => {
    // 400 samples of 20 standard normals (a fixed LCG-free source: Box-Muller on a seeded sequence).
    let covered = 0;
    let u = 12345;
    const next = () => ((u = (Math.imul(u, 1103515245) + 12345) >>> 0) + 0.5) / 4294967296;
    for (let t = 0; t < 400; t++) {
      const xs = Array.from({ length: 20 }, () => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next()));
      const e = bootstrapMean(xs, t, 1000);
      if (e.low <= 0 && e.high >= 0) covered++;
    }
    // The percentile bootstrap is a little narrow at n = 20 (about 93%); a wrong quantile would be far off.
    expect(covered / 400).toBeGreaterThan(0.89);
    expect(covered / 400).toBeLessThan(0.98);
  });

  it('interpolates quantiles as numpy does', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
  });
});

describe('sweep summaries', () => {
  const cells = sweepCells(sweep);
  // ReLU loses 10 points at lr 0.3 (cell 2 vs 5) and ties elsewhere; 5 seeds per cell.
  const results: RunResult[] = [];
  for (const cell of cells) {
    for (let s = 0; s < 5; s++) {
      const relu = cell.at[0] === 0;
      const high = cell.at[1] === 2;
      const score = 0.9 + 0.01 * s + (relu && high ? -0.1 : 0) + (relu ? 0 : 0.0001 * ((s % 2) * 2 - 1));
      results.push(result(cell.index * 5 + s, cell.index, s + 1, score, { divergedAt: relu && high && s < 2 ? 50 : null }));
    }
  }

  it('gives per cell the mean, a 95% interval and the seeds, with Wilson intervals for shares', () => {
    const s = summarizeSweep(cells, results);
    expect(s).toHaveLength(6);
    expect(s[2]!.labels).toEqual(['ReLU', '0.3']);
    expect(s[2]!.seeds).toEqual([1, 2, 3, 4, 5]);
    expect(s[2]!.finalTestScore.mean).toBeCloseTo(0.82, 12);
    expect(s[2]!.diverged).toMatchObject({ count: 2, n: 5, share: 0.4 });
    expect(s[2]!.diverged.low).toBeCloseTo(0.1176, 3);
    expect(s[2]!.diverged.high).toBeCloseTo(0.7693, 3);
    expect(s[0]!.deadPercent.mean).toBe(20);
    expect(s[0]!.deadPerLayer.map((e) => e.mean)).toEqual([10, 30]);
    expect(s[0]!.deadTrace).toEqual({ steps: [0, 100], mean: [0, 20], low: [0, 20], high: [0, 20] });
    expect(s[0]!.inactiveTrace).toEqual({ steps: [0, 100], mean: [0, 20], low: [0, 20], high: [0, 20] });
  });

  it('leaves out cells with no finished run, and counts only finished runs', () => {
    const partial = results.filter((r) => r.cell !== 1 && r.seed !== 5);
    const s = summarizeSweep(cells, partial);
    expect(s.map((c) => c.cell)).toEqual([0, 2, 3, 4, 5]);
    expect(s[0]!.seeds).toEqual([1, 2, 3, 4]);
  });

  it('says in words where ReLU loses against Leaky ReLU and where the difference is noise', () => {
    const [c] = sweepVerdict(sweep, cells, results, false);
    expect(c!.points.map((p) => p.outcome)).toEqual(['noise', 'noise', 'reference-worse']);
    expect(c!.sentence).toBe('On this data after 100 steps, at lr 0.3, ReLU loses 10 points of test accuracy against Leaky ReLU α=0.01 (5 paired seeds, 95% interval); at lr 0.1 and below the difference is within the noise.');
    // With the sweep's steps the sentence names its horizon.
    expect(sweepVerdict({ ...sweep, steps: 3000 }, cells, results, false)[0]!.sentence.startsWith('On this data after 3,000 steps, at lr 0.3, ReLU loses 10 points')).toBe(true);
  });

  it('claims nothing from fewer than 3 paired seeds, and says which values are still too few', () => {
    // Mid-sweep: two seeds everywhere; a one-value interval has zero width, which is no evidence.
    const early = sweepVerdict(sweep, cells, results.filter((r) => r.seed <= 2), false)[0]!;
    expect(early.points.every((p) => p.outcome === 'too-few')).toBe(true);
    expect(early.sentence).toBe('On this data after 100 steps, too few paired seeds yet to compare ReLU with Leaky ReLU α=0.01 (2 so far; a claim needs 3).');
    // lr 0.3 has only two finished seeds so far: it is named as too few, the others judged.
    const mixed = sweepVerdict(sweep, cells, results.filter((r) => !(cells[r.cell]!.at[1] === 2 && r.seed > 2)), false)[0]!;
    expect(mixed.points.map((p) => p.outcome)).toEqual(['noise', 'noise', 'too-few']);
    expect(mixed.sentence).toBe('On this data after 100 steps, ReLU and Leaky ReLU α=0.01 do not differ in final test score beyond the noise at lr 0.1 and below (5 paired seeds, 95% interval); at lr 0.3 too few paired seeds yet to tell.');
  });

  it('writes one CSV row per finished run and one per cell, with the axes as columns', () => {
    const csv = resultsCsv(sweep, cells, results).trim().split('\n');
    expect(csv).toHaveLength(31);
    expect(csv[0]!.startsWith('run,cell,seed,activation,lr,steps,final_test_score,')).toBe(true);
    expect(csv[26]).toContain('25,5,1,Leaky ReLU α=0.01,0.3,100,');
    const sum = summaryCsv(sweep, summarizeSweep(cells, results)).trim().split('\n');
    expect(sum).toHaveLength(7);
    expect(sum[0]!.split(',').slice(0, 8)).toEqual(['cell', 'activation', 'lr', 'runs', 'seeds', 'final_test_score', 'final_test_score_ci_low', 'final_test_score_ci_high']);
    expect(sum[3]!.startsWith('2,ReLU,0.3,5,1;2;3;4;5,0.82')).toBe(true);
    const header = sum[0]!.split(',');
    expect(header.slice(-6)).toEqual(['dead_per_layer', 'dead_per_layer_ci_low', 'dead_per_layer_ci_high', 'slope_per_layer', 'slope_per_layer_ci_low', 'slope_per_layer_ci_high']);
    const row = sum[3]!.split(',');
    expect(row).toHaveLength(header.length);
    // One value per hidden layer, joined by ';'.
    expect(row.at(-3)!.split(';')).toEqual(['0', '0']);
    expect(row.at(-6)!.split(';')).toEqual(['10', '30']);
  });
});
