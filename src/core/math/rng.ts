import { cos, log, sin } from './dmath';
/** A generator's position: four unsigned 32-bit state words, then the cached normal or NaN. */
export type RngState = readonly [number, number, number, number, number];

/** A seeded pseudo-random generator (xoshiro128**, seeded by splitmix32): same seed, same stream, on every host. */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** Cached second value of the Box-Muller pair, or NaN when none is cached. */
  private spare = Number.NaN;

  /** Creates a generator from a 32-bit integer seed (any number; it is truncated to 32 bits). */
  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      // splitmix32 spreads a small seed over the whole 128-bit state.
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** The generator's position: its four state words and the cached normal (NaN when none), to continue it exactly elsewhere. */
  saveState(): RngState {
    return [this.s0, this.s1, this.s2, this.s3, this.spare];
  }

  /** Puts the generator at a position saveState returned. */
  loadState(state: RngState): void {
    this.s0 = state[0] >>> 0;
    this.s1 = state[1] >>> 0;
    this.s2 = state[2] >>> 0;
    this.s3 = state[3] >>> 0;
    this.spare = state[4];
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3 >>> 0, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    return result;
  }

  /** Uniform float in [0, 1) with 32 bits of randomness. */
  uniform(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Uniform integer in [0, n) (n >= 1), without modulo bias. */
  int(n: number): number {
    const limit = 4294967296 - (4294967296 % n);
    let v = this.nextU32();
    while (v >= limit) v = this.nextU32();
    return v % n;
  }

  /** Standard normal sample (Box-Muller; the pair's second value is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = Number.NaN;
      return v;
    }
    // 1 - uniform() lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * log(1 - this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spare = r * sin(theta);
    return r * cos(theta);
  }

  /** Shuffles indices in place (Fisher-Yates). */
  shuffle(a: Uint32Array | Int32Array): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Named random streams of a session; each gets its own seed so that no two share a sequence. */
export type Stream = 'data' | 'split' | 'init' | 'order' | 'noise';

const STREAM_SALT: Record<Stream, number> = { data: 0x2545f491, split: 0x9e3779b1, init: 0x85ebca77, order: 0xc2b2ae3d, noise: 0x27d4eb2f };

/** Derives the 32-bit seed of one stream from a session seed (a murmur3-style mix, so nearby seeds differ). */
export function streamSeed(seed: number, stream: Stream): number {
  let h = (seed ^ STREAM_SALT[stream]) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
