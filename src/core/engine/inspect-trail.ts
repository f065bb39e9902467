import type { Lane } from './lane';

/** Most points a trail keeps; reaching it drops every other one and halves the rate. */
export const MAX_TRAIL_POINTS = 1000;

/**
 * The inspected neuron's activity rate (share of probe rows with z > 0, in [0, 1]) at every probe step
 * since it was chosen, thinned like the metric log: recorded by the engine on its step schedule, so the
 * inspector shows the same curve on any machine and at any snapshot rate.
 */
export class InspectTrail {
  private steps: number[] = [];
  private activity: number[] = [];
  private stride = 1;
  private seen = 0;

  constructor(
    readonly lane: number,
    readonly neuron: number,
  ) {}

  /** Records the neuron's activity at `step` (after a probe). */
  record(step: number, lanes: readonly Lane[]): void {
    const lane = lanes[this.lane];
    if (lane === undefined || this.seen++ % this.stride !== 0) return;
    const counts = lane.trainCounts;
    this.steps.push(step);
    this.activity.push(counts.rows > 0 ? (counts.active[this.neuron] ?? 0) / counts.rows : Number.NaN);
    if (this.steps.length >= MAX_TRAIL_POINTS) {
      const even = (a: number[]) => a.filter((_, i) => i % 2 === 0);
      this.steps = even(this.steps);
      this.activity = even(this.activity);
      this.stride *= 2;
    }
  }

  /** A copy that forgets the points after `step` (the session went back there). */
  upTo(step: number): InspectTrail {
    const t = new InspectTrail(this.lane, this.neuron);
    const n = this.steps.filter((s) => s <= step).length;
    t.steps = this.steps.slice(0, n);
    t.activity = this.activity.slice(0, n);
    t.stride = this.stride;
    t.seen = this.seen;
    return t;
  }

  /** The trail in the experiment file's form (NaN as null). */
  toJson(): { lane: number; neuron: number; steps: number[]; activity: (number | null)[]; stride: number; seen: number } {
    return { lane: this.lane, neuron: this.neuron, steps: [...this.steps], activity: this.activity.map((a) => (Number.isFinite(a) ? a : null)), stride: this.stride, seen: this.seen };
  }

  /** A trail from the file's form, for a session at `step`: its points up to that step, recording on from its thinning position. */
  static fromJson(j: ReturnType<InspectTrail['toJson']>, step: number): InspectTrail {
    const t = new InspectTrail(j.lane, j.neuron);
    const n = j.steps.filter((s) => s <= step).length;
    t.steps = j.steps.slice(0, n);
    t.activity = j.activity.slice(0, n).map((a) => a ?? Number.NaN);
    t.stride = j.stride;
    t.seen = j.seen;
    return t;
  }

  /** The points as fresh arrays (steps, activity rate), for a snapshot. */
  points(): { readonly steps: Float64Array<ArrayBuffer>; readonly activity: Float32Array<ArrayBuffer> } {
    return { steps: Float64Array.from(this.steps), activity: Float32Array.from(this.activity) };
  }
}
