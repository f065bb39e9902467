import type { BatchedArena, BatchedKernels } from '../kernels/batched-kernels';
import { Rng, streamSeed } from '../math/rng';

/**
 * A run's batch order, as its Session draws it: the training rows shuffled by the seed's 'order' stream,
 * taken `rows` at a time and reshuffled at each epoch's end (Session.restartDataOrder and nextBatch,
 * which are private to the session; a test checks this order against the session's own).
 *
 * The shuffle is Rng.shuffle's, run by the batched kernels on the generator's state words in the arena:
 * Rng keeps its words in fields, where words above 2^31 are heap numbers, so each of its draws
 * allocates (measured: 30-40 ns a row, against 7-8 ns in int32 locals; for 256-row full batches the
 * largest cost of the batched path after the dense kernels). Same numbers, tested.
 */
export class BatchOrder {
  /** The training rows of the current batch, in order (full batches: the order itself, not a copy). */
  batch: Uint32Array<ArrayBuffer>;
  /** Where a batch that is not the whole order is drawn. */
  private readonly drawn: Uint32Array<ArrayBuffer>;
  private readonly order: Uint32Array<ArrayBuffer>;
  private readonly state: Uint32Array<ArrayBuffer>;
  private readonly kernels: BatchedKernels;
  private cursor = 0;

  constructor(trainRows: number, seed: number, rows: number, arena: BatchedArena) {
    this.kernels = arena.kernels;
    this.drawn = this.batch = arena.allocU32(rows);
    this.order = arena.allocU32(trainRows);
    this.state = arena.allocU32(4);
    const words = new Rng(streamSeed(seed, 'order')).saveState();
    for (let i = 0; i < 4; i++) this.state[i] = words[i]!;
    for (let i = 0; i < trainRows; i++) this.order[i] = i;
    this.kernels.shuffle(this.order, this.state);
  }

  /** Draws the next batch's rows into `batch`. */
  next(): void {
    const { drawn: batch, order } = this;
    const n = order.length;
    const rows = batch.length;
    // Full batches of the whole order (the common case): a fresh shuffle each time, which is the batch.
    if (rows === n && this.cursor === n) {
      this.kernels.shuffle(order, this.state);
      this.batch = order;
      return;
    }
    this.batch = batch;
    for (let r = 0; r < rows; r++) {
      if (this.cursor === n) {
        this.kernels.shuffle(order, this.state);
        this.cursor = 0;
      }
      batch[r] = order[this.cursor++]!;
    }
  }

  /** Unsigned 32-bit integers an order takes from its arena, in floats (see batchedFloats). */
  static floats(trainRows: number, rows: number): number {
    const slot = (n: number) => Math.ceil(n / 16) * 16;
    return slot(rows) + slot(trainRows) + slot(4);
  }
}
