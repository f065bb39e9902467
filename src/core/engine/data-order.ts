import { Rng, type RngState, streamSeed } from '../math/rng';

/** Where a DataOrder stands: the current epoch's permutation, its number, the next position, and the generator. */
export interface DataOrderState {
  readonly order: Uint32Array<ArrayBuffer>;
  readonly epoch: number;
  readonly cursor: number;
  readonly random: RngState;
}

/**
 * A session's shared batch order (docs/experiment-format.md, "Random streams"): the training rows 0..n-1
 * shuffled by Fisher-Yates on the seed's `order` stream, taken one row at a time, and shuffled again
 * (the same permutation array, in place, the generator continuing) whenever it is used up, also in the
 * middle of a batch. The session draws its batches from it; the PyTorch export draws the same rows.
 */
export class DataOrder {
  private readonly order: Uint32Array<ArrayBuffer>;
  private readonly rng: Rng;
  private cursor = 0;
  /** Epochs begun before the current one (reshuffles). */
  private epoch = 0;
  /** The last copy of `order` a state took, shared while its epoch lasts. */
  private copy: { epoch: number; order: Uint32Array<ArrayBuffer> } | null = null;

  constructor(
    readonly rows: number,
    /** The session seed (the order stream's seed is derived from it). */
    readonly seed: number,
  ) {
    this.order = new Uint32Array(rows);
    this.rng = new Rng(0);
    this.restart();
  }

  /** Back to the first epoch's permutation. */
  restart(): void {
    this.rng.loadState(new Rng(streamSeed(this.seed, 'order')).saveState());
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.rng.shuffle(this.order);
    this.cursor = 0;
    this.epoch = 0;
    this.copy = null;
  }

  /** The next training row (an index into the training part). */
  next(): number {
    if (this.cursor === this.order.length) {
      // A new epoch: reshuffle the shared order (every lane sees the same batches).
      this.rng.shuffle(this.order);
      this.cursor = 0;
      this.epoch++;
    }
    return this.order[this.cursor++]!;
  }

  /** The position now; the permutation is a copy shared by every state of the same epoch (never mutated). */
  saveState(): DataOrderState {
    if (this.copy?.epoch !== this.epoch) this.copy = { epoch: this.epoch, order: this.order.slice() };
    return { order: this.copy.order, epoch: this.epoch, cursor: this.cursor, random: this.rng.saveState() };
  }

  /** Puts the order at a saved position of an order over the same number of rows; throws when it does not fit. */
  loadState(s: DataOrderState): void {
    if (s.order.length !== this.order.length || s.cursor > s.order.length) throw new Error(`the state's batch order covers ${s.order.length} rows, the training data has ${this.order.length}`);
    this.order.set(s.order);
    this.copy = { epoch: s.epoch, order: s.order };
    this.epoch = s.epoch;
    this.cursor = s.cursor;
    this.rng.loadState(s.random);
  }
}
