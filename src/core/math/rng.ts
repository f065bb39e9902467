import { cos, log, sin } from './dmath';
/** A generator's position: four unsigned 32-bit state words, then the cached normal or NaN. */
export type RngState = readonly [number, number, number, number, number];

/** A seeded pseudo-random generator (xoshiro128**, seeded by splitmix32): same seed, same stream, on every host. */
export class Rng {
  /**
   * The four state words. In a Uint32Array and not in fields: a field holding a word above 2^31 is a
   * boxed heap number that each update allocated anew (measured: 30-40 ns a draw, against about 8 ns).
   */
  private readonly s = new Uint32Array(4);
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
    for (let i = 0; i < 4; i++) this.s[i] = next();
  }

  /** The generator's position: its four state words and the cached normal (NaN when none), to continue it exactly elsewhere. */
  saveState(): RngState {
    const s = this.s;
    return [s[0]!, s[1]!, s[2]!, s[3]!, this.spare];
  }

  /** Puts the generator at a position saveState returned. */
  loadState(state: RngState): void {
    for (let i = 0; i < 4; i++) this.s[i] = state[i]! >>> 0;
    this.spare = state[4];
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    // xoshiro128** on int32 values (the array stores them modulo 2^32, as the unsigned words).
    const s = this.s;
    const s0 = s[0]! | 0;
    const s1 = s[1]! | 0;
    let s2 = s[2]! | 0;
    let s3 = s[3]! | 0;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ t;
    s[3] = rotl(s3, 11);
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
    // The draw is rejected at or above limit = 2^32 - (2^32 mod n), which lies in (2^32 - n, 2^32]: a draw
    // below 2^32 - n is taken without forming limit (a float64 modulo, slow), and the same draws are taken.
    const sure = n > 0 ? 4294967296 - n : 0;
    let v = this.nextU32();
    while (v >= sure && v >= 4294967296 - (4294967296 % n)) v = this.nextU32();
    // v mod n for an integer n below 2^32 without a float64 modulo: v / n rounds to a double whose floor
    // is the exact quotient (its error is under 2^-21 / n, and a fraction is at least 1 / n from an
    // integer), and q n <= v < 2^32 is exact. Other n (never passed here) take the modulo.
    return (n >>> 0) === n ? v - Math.floor(v / n) * n : v % n;
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

/** x rotated left by k bits, as an int32 (its bits are those of the unsigned rotation). */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Named random streams of a session; each gets its own seed so that no two share a sequence. */
export type Stream = 'data' | 'split' | 'init' | 'order' | 'noise' | 'redo';

const STREAM_SALT: Record<Stream, number> = { data: 0x2545f491, split: 0x9e3779b1, init: 0x85ebca77, order: 0xc2b2ae3d, noise: 0x27d4eb2f, redo: 0x165667b1 };

/** Derives the 32-bit seed of one stream from a session seed (a murmur3-style mix, so nearby seeds differ). */
export function streamSeed(seed: number, stream: Stream): number {
  let h = (seed ^ STREAM_SALT[stream]) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
