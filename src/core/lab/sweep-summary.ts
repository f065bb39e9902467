import { wilson } from '../stats/wilson';
import { bootstrapMean, type Estimate } from './bootstrap';
import type { Cell } from './sweep-plan';
import type { RunResult } from './sweep-run';

/** A share of runs with its 95% Wilson interval (count of n finished runs). */
export interface Proportion {
  readonly count: number;
  readonly n: number;
  readonly share: number;
  readonly low: number;
  readonly high: number;
}

/** Dead % of all hidden neurons over the steps, across a cell's runs: mean and 95% band per step. */
export interface TraceBand {
  readonly steps: readonly number[];
  readonly mean: readonly number[];
  readonly low: readonly number[];
  readonly high: readonly number[];
}

/** One cell's results over its finished seeds: means with 95% bootstrap intervals, shares with Wilson's. */
export interface CellSummary {
  readonly cell: number;
  readonly labels: readonly string[];
  /** Seeds of the finished runs, in order. */
  readonly seeds: readonly number[];
  readonly finalTestScore: Estimate;
  readonly bestTestScore: Estimate;
  readonly finalLoss: Estimate;
  /** Dead % of all hidden neurons at the end, and per hidden layer. */
  readonly deadPercent: Estimate;
  readonly deadPerLayer: readonly Estimate[];
  /** Inactive % of all hidden neurons at the end (no training row fires them), whatever the activation. */
  readonly inactivePercent: Estimate;
  readonly bornDead: Estimate;
  /** Per hidden layer, the mean negative slope at the end (PReLU: the learned α; fixed slopes otherwise). */
  readonly slopePerLayer: readonly Estimate[];
  /** Steps to the target score, over the runs that reached it. */
  readonly stepsToTarget: Estimate;
  readonly diverged: Proportion;
  readonly collapsed: Proportion;
  readonly reachedTarget: Proportion;
  readonly deadTrace: TraceBand;
  /** Inactive % of all hidden neurons over the steps (no training row fires them), whatever the activation. */
  readonly inactiveTrace: TraceBand;
}

/**
 * Summarizes finished runs cell by cell (cells without a finished run are left out). Intervals are
 * seeded by the cell's index, so a saved sweep summarizes to the same numbers everywhere.
 */
export function summarizeSweep(cells: readonly Cell[], results: readonly (RunResult | null)[]): CellSummary[] {
  const byCell = new Map<number, RunResult[]>();
  for (const r of results) if (r !== null) byCell.set(r.cell, [...(byCell.get(r.cell) ?? []), r]);
  const out: CellSummary[] = [];
  for (const cell of cells) {
    const runs = (byCell.get(cell.index) ?? []).sort((a, b) => a.index - b.index);
    if (runs.length > 0) out.push(summarizeCell(cell, runs));
  }
  return out;
}

/** One cell's summary from its runs (at least one). */
export function summarizeCell(cell: Cell, runs: readonly RunResult[]): CellSummary {
  const seed = 0x5eed0000 + cell.index * 16;
  const est = (f: (r: RunResult) => number, k: number) => bootstrapMean(runs.map(f), seed + k);
  const layers = runs[0]!.deadPercent.length;
  return {
    cell: cell.index,
    labels: cell.labels,
    seeds: runs.map((r) => r.seed),
    finalTestScore: est((r) => r.finalTestScore, 0),
    bestTestScore: est((r) => r.bestTestScore, 1),
    finalLoss: est((r) => r.finalLoss, 2),
    deadPercent: est((r) => r.trace.dead[r.trace.dead.length - 1]!, 3),
    inactivePercent: est((r) => r.trace.inactive[r.trace.inactive.length - 1]!, 7),
    deadPerLayer: Array.from({ length: layers }, (_, l) => est((r) => r.deadPercent[l]!, 8 + l)),
    bornDead: est((r) => r.bornDead, 4),
    slopePerLayer: Array.from({ length: layers }, (_, l) => est((r) => r.slopes[l]!, 8 + layers + l)),
    stepsToTarget: est((r) => r.stepsToTarget ?? Number.NaN, 5),
    diverged: proportion(runs, (r) => r.divergedAt !== null),
    collapsed: proportion(runs, (r) => r.collapsed),
    reachedTarget: proportion(runs, (r) => r.stepsToTarget !== null),
    deadTrace: traceBand(runs, seed + 6, 'dead'),
    inactiveTrace: traceBand(runs, seed + 7, 'inactive'),
  };
}

/** The share of runs for which `yes` holds, with its Wilson interval. */
function proportion(runs: readonly RunResult[], yes: (r: RunResult) => boolean): Proportion {
  const count = runs.filter(yes).length;
  const { low, high } = wilson(count, runs.length);
  return { count, n: runs.length, share: count / runs.length, low, high };
}

/** Mean and band of the runs' dead-% or inactive-% traces, step by step (a run that stopped early counts while it ran). */
function traceBand(runs: readonly RunResult[], seed: number, of: 'dead' | 'inactive'): TraceBand {
  const longest = runs.reduce((a, r) => (r.trace.steps.length > a.trace.steps.length ? r : a), runs[0]!);
  const steps = longest.trace.steps;
  const mean: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  steps.forEach((step, i) => {
    const e = bootstrapMean(
      runs.flatMap((r) => (r.trace.steps[i] === step ? [r.trace[of][i]!] : [])),
      seed + i * 7919,
      500,
    );
    mean.push(e.mean);
    low.push(e.low);
    high.push(e.high);
  });
  return { steps, mean, low, high };
}
