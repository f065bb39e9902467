import type { ProbeCounts } from './probe';

/** Kinds of neuron event in NeuronTracker.log. */
export const NEURON_EVENT = {
  /** The neuron stopped firing for every probe input. */
  wentInactive: 0,
  /** It fired again while its activation had zero gradient for z < 0 (ReLU): momentum or upstream layers moved its inputs back. */
  revivedByDrift: 1,
  /** It fired again while its activation passed gradient for z < 0 (Leaky ReLU, PReLU, ...): the cure could reach it. */
  revivedByCure: 2,
  /** It fired again after ReDo recycled it (fresh incoming weights and bias): neither drift nor a leaky slope. */
  revivedByRedo: 3,
} as const;

/**
 * Remembers, per hidden neuron, whether it was inactive (no probe row gives it z > 0, activity rate
 * exactly 0) at the last probe, and the steps at which it went inactive and fired again. Whether an
 * inactive neuron is dead depends on the activation (zero gradient for z < 0), which the lane knows.
 */
export class NeuronTracker {
  /** 1 where the neuron was inactive at the last update. */
  readonly inactive: Uint8Array<ArrayBuffer>;
  /** 1 where the neuron was inactive at the very first update (step 0). */
  readonly bornInactive: Uint8Array<ArrayBuffer>;
  /** Step at which each neuron most recently went inactive, or -1 (born-inactive neurons: the first probe's step). */
  readonly lastDied: Int32Array<ArrayBuffer>;
  /** Step of each neuron's most recent revival, or -1. */
  readonly lastRevived: Int32Array<ArrayBuffer>;
  /** Per neuron, the NEURON_EVENT kind of its most recent revival, or -1. */
  readonly lastRevivalKind: Int8Array<ArrayBuffer>;
  /** 1 where ReDo recycled the neuron since the last update (its next revival is ReDo's). */
  readonly recycled: Uint8Array<ArrayBuffer>;
  /** The most recent events (at most MAX_TRACKED_EVENTS), oldest first, as (neuron, step, kind) with kind a NEURON_EVENT value. */
  private log: number[] = [];
  /** Revivals counted over the lane's life, and those of them under an activation that passed gradient. */
  revivals = 0;
  revivalsByCure = 0;
  /** Neurons that went inactive under a zero-gradient activation (died), over the lane's life; born-dead ones are not counted. */
  deaths = 0;
  /** Neurons that went inactive under an activation that still passes gradient (not deaths). */
  deactivations = 0;
  private started = false;

  constructor(readonly total: number) {
    this.inactive = new Uint8Array(total);
    this.bornInactive = new Uint8Array(total);
    this.lastDied = new Int32Array(total).fill(-1);
    this.lastRevived = new Int32Array(total).fill(-1);
    this.lastRevivalKind = new Int8Array(total).fill(-1);
    this.recycled = new Uint8Array(total);
  }

  /** ReDo recycled these neurons (indices into the concatenated hidden layers): a revival at the next update is ReDo's. */
  markRecycled(neurons: readonly number[]): void {
    for (const i of neurons) this.recycled[i] = 1;
  }

  /** The most recent `max` events as (neuron, step, kind) triples, oldest first. */
  recentEvents(max: number): Int32Array<ArrayBuffer> {
    return Int32Array.from(this.log.slice(Math.max(0, this.log.length - 3 * max)));
  }

  /**
   * Folds in a probe taken at `step`; records every change since the previous one. `leaks`: the lane's
   * activation passes gradient for z < 0 (so going inactive is not dying, and coming back is the cure's).
   */
  update(step: number, counts: ProbeCounts, leaks: boolean): void {
    for (let i = 0; i < this.total; i++) {
      const isInactive = counts.rows > 0 && counts.active[i] === 0 ? 1 : 0;
      if (!this.started) {
        this.bornInactive[i] = isInactive;
        if (isInactive) this.lastDied[i] = step;
      } else if (isInactive && !this.inactive[i]) {
        this.lastDied[i] = step;
        this.log.push(i, step, NEURON_EVENT.wentInactive);
        if (leaks) this.deactivations++;
        else this.deaths++;
      } else if (!isInactive && this.inactive[i]) {
        const kind = this.recycled[i] ? NEURON_EVENT.revivedByRedo : leaks ? NEURON_EVENT.revivedByCure : NEURON_EVENT.revivedByDrift;
        this.lastRevived[i] = step;
        this.lastRevivalKind[i] = kind;
        this.log.push(i, step, kind);
        this.revivals++;
        if (kind === NEURON_EVENT.revivedByCure) this.revivalsByCure++;
      }
      this.inactive[i] = isInactive;
      this.recycled[i] = 0;
    }
    this.started = true;
    // Bounded, so a long session's checkpoints stay small: only the newest events are ever shown.
    if (this.log.length > 6 * MAX_TRACKED_EVENTS) this.log = this.log.slice(this.log.length - 3 * MAX_TRACKED_EVENTS);
  }

  /** Everything the tracker knows, as copies (a state checkpoint). */
  saveState(): TrackerState {
    return {
      inactive: this.inactive.slice(),
      bornInactive: this.bornInactive.slice(),
      lastDied: this.lastDied.slice(),
      lastRevived: this.lastRevived.slice(),
      lastRevivalKind: this.lastRevivalKind.slice(),
      recycled: this.recycled.slice(),
      log: Int32Array.from(this.log.slice(Math.max(0, this.log.length - 3 * MAX_TRACKED_EVENTS))),
      counts: [this.revivals, this.revivalsByCure, this.deaths, this.deactivations, this.started ? 1 : 0],
    };
  }

  /** Restores what saveState returned (for a tracker of the same size). */
  loadState(s: TrackerState): void {
    if (s.inactive.length !== this.total) throw new Error(`a tracker state of ${s.inactive.length} neurons does not fit a tracker of ${this.total}`);
    this.inactive.set(s.inactive);
    this.bornInactive.set(s.bornInactive);
    this.lastDied.set(s.lastDied);
    this.lastRevived.set(s.lastRevived);
    this.lastRevivalKind.set(s.lastRevivalKind);
    // States saved before ReDo's revival kind (version 4 files) have none: no neuron awaits one.
    this.recycled.set(s.recycled ?? new Uint8Array(this.total));
    this.log = Array.from(s.log);
    [this.revivals, this.revivalsByCure, this.deaths, this.deactivations] = s.counts;
    this.started = s.counts[4] === 1;
  }
}

/** Most recent neuron events a tracker keeps (and a snapshot can show). */
export const MAX_TRACKED_EVENTS = 512;

/** A tracker's whole state: its per-neuron arrays, its newest events, and [revivals, revivalsByCure, deaths, deactivations, started]. */
export interface TrackerState {
  readonly inactive: Uint8Array<ArrayBuffer>;
  readonly bornInactive: Uint8Array<ArrayBuffer>;
  readonly lastDied: Int32Array<ArrayBuffer>;
  readonly lastRevived: Int32Array<ArrayBuffer>;
  readonly lastRevivalKind: Int8Array<ArrayBuffer>;
  /** Neurons recycled since the last update; absent in states saved before version 5. */
  readonly recycled?: Uint8Array<ArrayBuffer>;
  readonly log: Int32Array<ArrayBuffer>;
  readonly counts: readonly [number, number, number, number, number];
}
