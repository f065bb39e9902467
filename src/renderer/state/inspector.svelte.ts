/**
 * The neuron inspector's state: which hidden neuron is open, its activity rate since it was selected
 * (the engine's trail, recorded at probe steps: this module records nothing), and the engine's newest
 * measurement of it. The engine measures only the neuron it was told about ('inspect'); a new session
 * closes the inspector, unless the engine brings one back (an opened file that saved its inspection);
 * a rewind keeps it.
 */
import type { Command, InspectedNeuron, Snapshot } from '../../core/protocol/messages';
import { keepInspection } from './inspection';

/** The inspected neuron with its activity rate per step, oldest first. */
export interface Inspected {
  readonly lane: number;
  readonly index: number;
  readonly history: readonly (readonly [number, number])[];
}

export class Inspector {
  /** The neuron whose inspector is open, with its activity rate recorded since it was selected. */
  inspected = $state.raw<Inspected | null>(null);
  /** The engine's newest measurement of the inspected neuron (histogram; response kept from the last boundary frame). */
  inspection = $state.raw<InspectedNeuron | null>(null);

  /** The training row (data panel point) under the pointer, whose z the lens marks; null when none. */
  hovered = $state<number | null>(null);

  /** True between a new session and its first snapshot: an inspection the engine restored is shown. */
  private adoptable = false;

  constructor(private readonly send: (cmd: Command) => void) {}

  /** Opens the inspector of hidden neuron `index` of `lane` in `snapshot` (lane null closes it). */
  open(lane: number | null, index: number, snapshot: Snapshot | null): void {
    const l = lane === null ? undefined : snapshot?.lanes[lane];
    this.inspected = lane === null || l === undefined ? null : { lane, index, history: [[l.step, l.activity[index] ?? 0]] };
    this.inspection = null;
    this.adoptable = false;
    this.hovered = null;
    this.send({ type: 'inspect', target: this.inspected === null ? null : { lane: this.inspected.lane, neuron: index } });
  }

  /** A new session: the inspector closes (and the engine stops measuring). */
  close(): void {
    if (this.inspected !== null) this.send({ type: 'inspect', target: null });
    this.inspected = null;
    this.inspection = null;
    this.adoptable = true;
    this.hovered = null;
  }

  /** The pointer is over training point `row` of the data panel (null: over none). */
  hover(row: number | null): void {
    if (row !== this.hovered) this.hovered = row;
  }

  /** Takes a new snapshot's measurement and trail of the inspected neuron. */
  receive(s: Snapshot): void {
    const seen = s.inspected;
    if (this.adoptable && this.inspected === null && seen !== null) this.inspected = { lane: seen.lane, index: seen.neuron, history: [] };
    this.adoptable = false;
    const ins = this.inspected;
    if (ins !== null && seen !== null && seen.lane === ins.lane && seen.neuron === ins.index) {
      const t = seen.trail;
      this.inspected = { ...ins, history: Array.from(t.steps, (step, i) => [step, t.activity[i] ?? Number.NaN] as const) };
    }
    this.inspection = keepInspection(this.inspection, seen, this.inspected);
  }
}
