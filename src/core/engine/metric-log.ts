import type { ExperimentHistory } from '../protocol/experiment';
import { probeLoss, probeScore } from '../stats/probe';
import type { Lane } from './lane';

/** Most points a log keeps per series; reaching it drops every other point and halves the rate. */
export const MAX_LOG_POINTS = 4000;

/** One lane's series, aligned with MetricLog's steps. */
interface LaneLog {
  loss: number[];
  testLoss: number[];
  trainAccuracy: number[];
  testAccuracy: number[];
  deadPercent: number[][];
  inactivePercent: number[][];
  deaths: number[];
  revivals: number[];
}

/**
 * A session's metric history, recorded at probe steps (the first `MAX_LOG_POINTS` of them, then every
 * 2nd, 4th, ...), so a long run keeps a bounded, evenly thinned history. It is deterministic: a replay
 * of the same experiment records the same points.
 */
export class MetricLog {
  private steps: number[] = [];
  private lanes: LaneLog[];
  private stride = 1;
  private seen = 0;

  constructor(
    private readonly names: readonly string[],
    private readonly hidden: readonly number[],
  ) {
    this.lanes = names.map(() => ({ loss: [], testLoss: [], trainAccuracy: [], testAccuracy: [], deadPercent: hidden.map(() => []), inactivePercent: hidden.map(() => []), deaths: [], revivals: [] }));
  }

  /** Records the lanes' metrics at `step` (called after each probe). */
  record(step: number, lanes: readonly Lane[]): void {
    if (this.seen++ % this.stride !== 0) return;
    this.steps.push(step);
    lanes.forEach((lane, i) => {
      const log = this.lanes[i]!;
      log.loss.push(lane.loss);
      log.testLoss.push(probeLoss(lane.testCounts, lane.regression));
      log.trainAccuracy.push(probeScore(lane.trainCounts, lane.regression));
      log.testAccuracy.push(probeScore(lane.testCounts, lane.regression));
      const { inactivePercent, deadPercent } = lane.layerShares();
      this.hidden.forEach((_, l) => {
        log.inactivePercent[l]!.push(inactivePercent[l]!);
        log.deadPercent[l]!.push(deadPercent[l]!);
      });
      log.deaths.push(lane.tracker.deaths);
      log.revivals.push(lane.tracker.revivals);
    });
    if (this.steps.length >= MAX_LOG_POINTS) this.thin();
  }

  /** The history in the experiment file's form (non-finite values as null, since JSON has no NaN). */
  toHistory(): ExperimentHistory {
    const clean = (a: number[]) => a.map((x) => (Number.isFinite(x) ? x : null));
    return {
      steps: [...this.steps],
      lanes: this.lanes.map((l, i) => ({
        name: this.names[i]!,
        loss: clean(l.loss),
        testLoss: clean(l.testLoss),
        trainAccuracy: clean(l.trainAccuracy),
        testAccuracy: clean(l.testAccuracy),
        deadPercent: l.deadPercent.map(clean),
        inactivePercent: l.inactivePercent.map(clean),
        deaths: clean(l.deaths),
        revivals: clean(l.revivals),
      })),
    };
  }

  private thin(): void {
    const even = <T>(a: T[]) => a.filter((_, i) => i % 2 === 0);
    this.steps = even(this.steps);
    this.lanes = this.lanes.map((l) => ({ loss: even(l.loss), testLoss: even(l.testLoss), trainAccuracy: even(l.trainAccuracy), testAccuracy: even(l.testAccuracy), deadPercent: l.deadPercent.map(even), inactivePercent: l.inactivePercent.map(even), deaths: even(l.deaths), revivals: even(l.revivals) }));
    this.stride *= 2;
  }
}
