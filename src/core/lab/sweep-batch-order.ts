import type { Dataset } from '../data/dataset';
import { Rng, streamSeed } from '../math/rng';

/**
 * A run's batch order, as its Session draws it: the training rows shuffled by the seed's 'order' stream,
 * taken `rows` at a time and reshuffled at each epoch's end (Session.restartDataOrder and nextBatch,
 * which are private to the session; the batched path's bit-equality tests catch any drift).
 *
 * The shuffle is Rng.shuffle's, on Rng's generator (xoshiro128**, started from the stream's Rng state)
 * run in int32 locals: Rng keeps its state words in fields, where words above 2^31 are heap numbers, so
 * each of its draws allocates (measured: 30-40 ns a row against 7-8 ns here, for 256-row full batches
 * the largest cost of the batched path after the kernels). Same numbers, tested.
 */
export class BatchOrder {
  /** The training rows of the current batch, in order. */
  readonly batch: Uint32Array<ArrayBuffer>;
  private readonly order: Uint32Array<ArrayBuffer>;
  private readonly s = new Uint32Array(4);
  /** limits[n] = 2^32 - (2^32 mod n): Rng.int's rejection bound for n, for n up to the rows. */
  private readonly limits: Float64Array<ArrayBuffer>;
  private cursor = 0;

  constructor(train: Dataset, seed: number, rows: number) {
    this.batch = new Uint32Array(rows);
    this.order = new Uint32Array(train.rows);
    const state = new Rng(streamSeed(seed, 'order')).saveState();
    for (let i = 0; i < 4; i++) this.s[i] = state[i]!;
    this.limits = new Float64Array(train.rows + 1);
    for (let n = 1; n <= train.rows; n++) this.limits[n] = 4294967296 - (4294967296 % n);
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.shuffle();
  }

  /** Draws the next batch's rows into `batch`. */
  next(): void {
    for (let r = 0; r < this.batch.length; r++) {
      if (this.cursor === this.order.length) {
        this.shuffle();
        this.cursor = 0;
      }
      this.batch[r] = this.order[this.cursor++]!;
    }
  }

  /** Rng.shuffle (Fisher-Yates with Rng.int's unbiased draws, each Rng.nextU32) of the order; the state in locals while it runs. */
  private shuffle(): void {
    const a = this.order;
    const st = this.s;
    let s0 = st[0]! | 0;
    let s1 = st[1]! | 0;
    let s2 = st[2]! | 0;
    let s3 = st[3]! | 0;
    for (let i = a.length - 1; i > 0; i--) {
      const n = i + 1;
      const limit = this.limits[n]!;
      let v: number;
      do {
        v = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 11);
      } while (v >= limit);
      // v mod n: floor(v / n) is exact in float64 for v < 2^32 (its error is below 1 / n).
      const j = v - n * Math.floor(v / n);
      const x = a[i]!;
      a[i] = a[j]!;
      a[j] = x;
    }
    st[0] = s0;
    st[1] = s1;
    st[2] = s2;
    st[3] = s3;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
