import type { Snapshot } from '../../core/protocol/messages';
import { deadCount } from './neuron-state';

/** One lane's recorded series, sampled at snapshot times. */
export interface LaneSeries {
  readonly steps: number[];
  /** Training-batch loss, smoothed (exponential moving average over snapshots). */
  readonly loss: number[];
  /** Dead hidden neurons as a percentage of all hidden neurons. */
  readonly deadPercent: number[];
}

/** A marked moment on the charts (a hot-swap). */
export interface ChartEvent {
  readonly lane: number;
  readonly step: number;
  readonly label: string;
}

/** Most points kept per series; older ones are thinned by half when it is reached. */
const MAX_POINTS = 800;

/** Metric history for the charts. Plain arrays (never proxied); `version` tells views it changed. */
export class MetricHistory {
  lanes: LaneSeries[] = [];
  events: ChartEvent[] = [];
  private stride = 1;
  private count = 0;
  private smoothed: number[] = [];

  /** Records a snapshot; returns true when the history changed. A step going back clears it (reset). */
  add(s: Snapshot): boolean {
    const first = s.lanes[0];
    if (first === undefined) return false;
    const last = this.lanes[0]?.steps.at(-1);
    if (last !== undefined && first.step < last) this.clear();
    if (this.lanes.length !== s.lanes.length) {
      this.lanes = s.lanes.map(() => ({ steps: [], loss: [], deadPercent: [] }));
    }
    if (last !== undefined && first.step === last) return false;
    s.lanes.forEach((lane, i) => {
      const prev = this.smoothed[i];
      this.smoothed[i] = prev === undefined || !Number.isFinite(prev) ? lane.loss : prev * 0.85 + lane.loss * 0.15;
    });
    if (this.count++ % this.stride !== 0) return false;
    s.lanes.forEach((lane, i) => {
      const series = this.lanes[i]!;
      series.steps.push(lane.step);
      series.loss.push(this.smoothed[i] ?? lane.loss);
      series.deadPercent.push((100 * deadCount(lane)) / Math.max(1, lane.dead.length));
    });
    if ((this.lanes[0]?.steps.length ?? 0) >= MAX_POINTS) this.thin();
    return true;
  }

  /** Marks a hot-swap of `lane` at `step`. */
  mark(lane: number, step: number, label: string): void {
    // Several edits at one step (pick Leaky ReLU, then type its alpha) make one marked event.
    const last = this.events.at(-1);
    if (last !== undefined && last.lane === lane && last.step === step) this.events.pop();
    this.events.push({ lane, step, label });
  }

  /** Forgets everything (after a reset). */
  clear(): void {
    this.lanes = [];
    this.events = [];
    this.stride = 1;
    this.count = 0;
    this.smoothed = [];
  }

  private thin(): void {
    this.stride *= 2;
    for (const s of this.lanes) {
      for (const key of ['steps', 'loss', 'deadPercent'] as const) {
        const kept = s[key].filter((_, i) => i % 2 === 0);
        s[key].length = 0;
        s[key].push(...kept);
      }
    }
  }
}
