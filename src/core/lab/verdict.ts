import type { ActivationSpec } from '../nn/activation';
import type { AxisName, Sweep } from '../protocol/sweep';
import { bootstrapMean, type Estimate } from './bootstrap';
import type { Cell } from './sweep-plan';
import type { RunResult } from './sweep-run';

/** How an activation fared against the reference at one value of the compared axis. */
export interface VerdictPoint {
  readonly label: string;
  /** Paired difference of final test score, other minus reference (score units), over matching runs. */
  readonly diff: Estimate;
  /**
   * 'reference-worse': the interval lies above 0; 'reference-better': below; 'noise': it contains 0;
   * 'too-few': fewer than MIN_PAIRS paired seeds, so no claim either way.
   */
  readonly outcome: 'reference-worse' | 'reference-better' | 'noise' | 'too-few';
}

/** One activation against the reference, along one axis (or overall), with its sentence. */
export interface Comparison {
  readonly reference: string;
  readonly other: string;
  readonly axis: AxisName | null;
  readonly points: readonly VerdictPoint[];
  readonly sentence: string;
}

/** Display names of the axes in sentences. */
const AXIS_WORDS: Record<AxisName, string> = {
  activation: 'activation',
  lr: 'lr',
  batchSize: 'batch size',
  hidden: 'layers',
  depth: 'depth',
  width: 'width',
  init: 'init',
  biasShift: 'bias shift',
  optimizer: 'optimizer',
  dataset: 'dataset',
  redo: 'ReDo',
};
/** Fewest paired seeds a claim rests on: the bootstrap interval of one or two differences says nothing. */
export const MIN_PAIRS = 3;
const NUMERIC: ReadonlySet<AxisName> = new Set(['lr', 'batchSize', 'depth', 'width', 'biasShift']);

/**
 * The plain-language verdict of a sweep: every activation against the reference (ReLU when swept, else
 * the first), at each value of the first other axis, by the paired difference of final test scores
 * (same seed and other settings, so same initial weights and batches) with a 95% bootstrap interval.
 * Empty when the sweep has no activation axis with two values or no pair has finished.
 */
export function sweepVerdict(sweep: Pick<Sweep, 'axes' | 'steps'>, cells: readonly Cell[], results: readonly (RunResult | null)[], regression: boolean): Comparison[] {
  const act = sweep.axes.findIndex((a) => a.axis === 'activation');
  if (act < 0 || sweep.axes[act]!.values.length < 2) return [];
  const acts = sweep.axes[act]!.values as ActivationSpec[];
  const refAt = Math.max(0, acts.findIndex((a) => a.kind === 'relu'));
  const x = sweep.axes.findIndex((_, k) => k !== act);
  const byCell = new Map<number, Map<number, RunResult>>();
  for (const r of results) if (r !== null) byCell.set(r.cell, (byCell.get(r.cell) ?? new Map<number, RunResult>()).set(r.seed, r));
  const key = (at: readonly number[]) => at.join(',');
  const cellAt = new Map(cells.map((c) => [key(c.at), c]));
  const out: Comparison[] = [];
  for (let a = 0; a < acts.length; a++) {
    if (a === refAt) continue;
    const xs = x < 0 ? [null] : sweep.axes[x]!.values.map((_, i) => i);
    const points: VerdictPoint[] = [];
    for (const xi of xs) {
      const diffs: number[] = [];
      for (const c of cells) {
        if (c.at[act] !== a || (xi !== null && c.at[x] !== xi)) continue;
        const ref = cellAt.get(key(c.at.map((v, k) => (k === act ? refAt : v))))!;
        const refRuns = byCell.get(ref.index);
        for (const [seed, r] of byCell.get(c.index) ?? []) {
          const p = refRuns?.get(seed);
          if (p !== undefined) diffs.push(r.finalTestScore - p.finalTestScore);
        }
      }
      const diff = bootstrapMean(diffs, 0xd1ff + a * 1009 + (xi ?? 0));
      if (diff.n === 0) continue;
      const outcome = diff.n < MIN_PAIRS ? 'too-few' : diff.low > 0 ? 'reference-worse' : diff.high < 0 ? 'reference-better' : 'noise';
      points.push({ label: xi === null ? 'all' : cells.find((c) => c.at[x] === xi)!.labels[x]!, diff, outcome });
    }
    if (points.length === 0) continue;
    const reference = cells[0]!.labels.length > 0 ? cells.find((c) => c.at[act] === refAt)!.labels[act]! : '';
    const other = cells.find((c) => c.at[act] === a)!.labels[act]!;
    const axis = x < 0 ? null : sweep.axes[x]!.axis;
    const all = x < 0 ? [] : sweep.axes[x]!.values.map((_, i) => cells.find((c) => c.at[x] === i)!.labels[x]!);
    out.push({ reference, other, axis, points, sentence: sentence(reference, other, axis, all, points, regression, sweep.steps) });
  }
  return out;
}

/** "On this data after 3,000 steps, at lr 0.1 and above, ReLU loses 12 to 18 points of test accuracy against ... ." */
function sentence(ref: string, other: string, axis: AxisName | null, all: readonly string[], points: readonly VerdictPoint[], regression: boolean, steps: number): string {
  // The horizon is part of the claim: what holds after 3,000 steps may not after 300,000.
  const lead = `On this data after ${steps.toLocaleString('en-US')} steps`;
  const unit = regression ? 'points of test R² (x100)' : 'points of test accuracy';
  const few = points.filter((p) => p.outcome === 'too-few');
  const judged = points.filter((p) => p.outcome !== 'too-few');
  if (judged.length === 0) {
    return `${lead}, too few paired seeds yet to compare ${ref} with ${other} (${Math.max(...points.map((p) => p.diff.n))} so far; a claim needs ${MIN_PAIRS}).`;
  }
  const n = Math.min(...judged.map((p) => p.diff.n));
  const tail = `(${n === Math.max(...judged.map((p) => p.diff.n)) ? n : `${n} or more`} paired seeds, 95% interval)`;
  const worse = judged.filter((p) => p.outcome === 'reference-worse');
  const better = judged.filter((p) => p.outcome === 'reference-better');
  const noise = judged.filter((p) => p.outcome === 'noise');
  const parts: string[] = [];
  if (worse.length > 0) parts.push(`${where(axis, all, worse)}${ref} loses ${span(worse, 1)} ${unit} against ${other}`);
  if (better.length > 0) parts.push(`${where(axis, all, better)}${ref} gains ${span(better, -1)} ${unit} over ${other}`);
  const pending = few.length === 0 ? '' : `; ${where(axis, all, few).replace(/, $/, '')} too few paired seeds yet to tell`;
  if (parts.length === 0) {
    const at = axis === null ? '' : few.length === 0 ? (axis === 'redo' ? ' with and without ReDo as tried' : ` at any ${AXIS_WORDS[axis]} tried`) : ` ${where(axis, all, noise).replace(/, $/, '')}`;
    return `${lead}, ${ref} and ${other} do not differ in final test score beyond the noise${at} ${tail}${pending}.`;
  }
  const rest = noise.length === 0 ? '' : `; ${axis === null ? '' : `${where(axis, all, noise).replace(/, $/, '')} `}the difference is within the noise`;
  return `${lead}, ${parts.join('; ')} ${tail}${rest}${pending}.`;
}

/** "at lr 0.1 and above, " for a run of the largest values; "at lr 0.01, 0.3, " otherwise; "" overall. */
function where(axis: AxisName | null, all: readonly string[], pts: readonly VerdictPoint[]): string {
  if (axis === null) return '';
  const word = AXIS_WORDS[axis];
  const idx = pts.map((p) => all.indexOf(p.label)).sort((a, b) => a - b);
  const contiguous = idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
  // ReDo's labels say it themselves ("without ReDo", "with ReDo every 1000, τ 0.025").
  if (axis === 'redo') return idx.length === all.length ? 'with and without ReDo as tried, ' : `${idx.map((i) => all[i]).join('; ')}, `;
  if (idx.length === all.length) return `at every ${word} tried, `;
  if (NUMERIC.has(axis) && contiguous && ascending(all) && idx.length > 1) {
    if (idx[idx.length - 1] === all.length - 1) return `at ${word} ${all[idx[0]!]} and above, `;
    if (idx[0] === 0) return `at ${word} ${all[idx[idx.length - 1]!]} and below, `;
  }
  return `at ${word} ${idx.map((i) => all[i]).join(', ')}, `;
}

/** Whether numeric labels are in increasing order (so "and above" means what it says). */
function ascending(labels: readonly string[]): boolean {
  return labels.every((l, i) => i === 0 || Number(l) > Number(labels[i - 1]));
}

/** "12 to 18": the union of the points' intervals in points (x100), signed by `sign`, rounded as shown. */
function span(pts: readonly VerdictPoint[], sign: 1 | -1): string {
  const lows = pts.map((p) => Math.min(sign * p.diff.low, sign * p.diff.high) * 100);
  const highs = pts.map((p) => Math.max(sign * p.diff.low, sign * p.diff.high) * 100);
  const lo = Math.min(...lows);
  const hi = Math.max(...highs);
  const digits = hi < 10 ? 1 : 0;
  return lo.toFixed(digits) === hi.toFixed(digits) ? `${lo.toFixed(digits)}` : `${lo.toFixed(digits)} to ${hi.toFixed(digits)}`;
}
