/**
 * The neuron inspector's state: which hidden neuron is open, its activity rate recorded since it was
 * selected (from the snapshots), and the engine's newest measurement of it. The engine measures only
 * the neuron it was told about ('inspect'); a new session closes the inspector, a rewind keeps it.
 */
import type { Command, InspectedNeuron, Snapshot } from '../../core/protocol/messages';
import { keepInspection } from './inspection';

/** The inspected neuron with its activity rate per step, oldest first. */
export interface Inspected {
  readonly lane: number;
  readonly index: number;
  readonly history: readonly (readonly [number, number])[];
}

/** Points of activity history kept (so long runs stay cheap). */
const HISTORY_POINTS = 500;

export class Inspector {
  /** The neuron whose inspector is open, with its activity rate recorded since it was selected. */
  inspected = $state.raw<Inspected | null>(null);
  /** The engine's newest measurement of the inspected neuron (histogram; response kept from the last boundary frame). */
  inspection = $state.raw<InspectedNeuron | null>(null);

  constructor(private readonly send: (cmd: Command) => void) {}

  /** Opens the inspector of hidden neuron `index` of `lane` in `snapshot` (lane null closes it). */
  open(lane: number | null, index: number, snapshot: Snapshot | null): void {
    const l = lane === null ? undefined : snapshot?.lanes[lane];
    this.inspected = lane === null || l === undefined ? null : { lane, index, history: [[l.step, l.activity[index] ?? 0]] };
    this.inspection = null;
    this.send({ type: 'inspect', target: this.inspected === null ? null : { lane: this.inspected.lane, neuron: index } });
  }

  /** A new session: the inspector closes (and the engine stops measuring). */
  close(): void {
    if (this.inspected !== null) this.send({ type: 'inspect', target: null });
    this.inspected = null;
    this.inspection = null;
  }

  /** Takes a new snapshot's activity point and measurement of the inspected neuron. */
  receive(s: Snapshot): void {
    this.record(s);
    this.inspection = keepInspection(this.inspection, s.inspected, this.inspected);
  }

  /** Appends the inspected neuron's activity rate from a new snapshot (bounded). */
  private record(s: Snapshot): void {
    const ins = this.inspected;
    const l = ins === null ? undefined : s.lanes[ins.lane];
    // The network may have changed under the inspector: an index it no longer has records nothing.
    if (ins === null || l === undefined || ins.index < 0 || ins.index >= l.activity.length) return;
    const last = ins.history.at(-1);
    if (last !== undefined && last[0] === l.step) return;
    // A rewind (of the session or this lane) sends the step back: the points after it are another branch.
    const history = [...ins.history.filter(([step]) => step < l.step).slice(-(HISTORY_POINTS - 1)), [l.step, l.activity[ins.index] ?? 0] as const];
    this.inspected = { ...ins, history };
  }
}
