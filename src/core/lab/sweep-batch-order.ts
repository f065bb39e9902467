import type { Dataset } from '../data/dataset';
import { Rng, streamSeed } from '../math/rng';

/**
 * A run's batch order, as its Session draws it: the training rows shuffled by the seed's 'order' stream,
 * taken `rows` at a time and reshuffled at each epoch's end (Session.restartDataOrder and nextBatch,
 * which are private to the session; the batched path's bit-equality tests catch any drift).
 */
export class BatchOrder {
  /** The training rows of the current batch, in order. */
  readonly batch: Uint32Array<ArrayBuffer>;
  private readonly order: Uint32Array<ArrayBuffer>;
  private readonly rng: Rng;
  private cursor = 0;

  constructor(train: Dataset, seed: number, rows: number) {
    this.batch = new Uint32Array(rows);
    this.order = new Uint32Array(train.rows);
    this.rng = new Rng(streamSeed(seed, 'order'));
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.rng.shuffle(this.order);
  }

  /** Draws the next batch's rows into `batch`. */
  next(): void {
    for (let r = 0; r < this.batch.length; r++) {
      if (this.cursor === this.order.length) {
        this.rng.shuffle(this.order);
        this.cursor = 0;
      }
      this.batch[r] = this.order[this.cursor++]!;
    }
  }
}
