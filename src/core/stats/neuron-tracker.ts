import type { ProbeCounts } from './probe';

/**
 * Remembers, per hidden neuron, whether it was dead at the last probe and the steps at which it died
 * and revived. A neuron is dead when no probe row gives it z > 0 (activity rate exactly 0).
 */
export class NeuronTracker {
  /** 1 where the neuron was dead at the last update. */
  readonly dead: Uint8Array<ArrayBuffer>;
  /** 1 where the neuron was dead at the very first update (step 0): born dead. */
  readonly bornDead: Uint8Array<ArrayBuffer>;
  /** Step of the most recent death per neuron, or -1. */
  readonly lastDied: Int32Array<ArrayBuffer>;
  /** Step of the most recent revival per neuron, or -1. */
  readonly lastRevived: Int32Array<ArrayBuffer>;
  /** Every death step per neuron, in order. */
  readonly diedSteps: number[][];
  /** Every revival step per neuron, in order. */
  readonly revivedSteps: number[][];
  /** Every death and revival in order, as (neuron, step, kind) with kind 0 died and 1 revived. */
  readonly log: number[] = [];
  /** Revivals counted over the lane's life. */
  revivals = 0;
  /** Deaths counted over the lane's life (born-dead neurons are not counted as deaths). */
  deaths = 0;
  private started = false;

  constructor(readonly total: number) {
    this.dead = new Uint8Array(total);
    this.bornDead = new Uint8Array(total);
    this.lastDied = new Int32Array(total).fill(-1);
    this.lastRevived = new Int32Array(total).fill(-1);
    this.diedSteps = Array.from({ length: total }, () => []);
    this.revivedSteps = Array.from({ length: total }, () => []);
  }

  /** The most recent `max` deaths and revivals as (neuron, step, kind) triples, oldest first. */
  recentEvents(max: number): Int32Array<ArrayBuffer> {
    return Int32Array.from(this.log.slice(Math.max(0, this.log.length - 3 * max)));
  }

  /** Folds in a probe taken at `step`; records every death and revival since the previous one. */
  update(step: number, counts: ProbeCounts): void {
    for (let i = 0; i < this.total; i++) {
      const isDead = counts.rows > 0 && counts.active[i] === 0 ? 1 : 0;
      if (!this.started) {
        this.bornDead[i] = isDead;
        if (isDead) this.lastDied[i] = step;
      } else if (isDead && !this.dead[i]) {
        this.lastDied[i] = step;
        this.diedSteps[i]!.push(step);
        this.log.push(i, step, 0);
        this.deaths++;
      } else if (!isDead && this.dead[i]) {
        this.lastRevived[i] = step;
        this.revivedSteps[i]!.push(step);
        this.log.push(i, step, 1);
        this.revivals++;
      }
      this.dead[i] = isDead;
    }
    this.started = true;
  }
}
