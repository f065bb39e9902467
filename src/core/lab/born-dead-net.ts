import { Rng } from '../math/rng';
import { Dense } from '../nn/dense';
import { type InitSpec, initLayer } from '../nn/init';

/** Weight initializers of the born-dead study: the engine's own (src/core/nn/init.ts). */
export type BornDeadInit = 'he_normal' | 'torch_default' | 'rai';
/**
 * Hidden biases: 'init' keeps the initializer's own (0 for he_normal, U(+-1/sqrt(fan_in)) for
 * torch_default, RAI's rows), 'zero' sets them to 0, 'torch_default' draws U(+-1/sqrt(fan_in)) after the weights.
 */
export type BornDeadBiasInit = 'init' | 'zero' | 'torch_default';

const SPECS: Record<BornDeadInit, InitSpec> = { he_normal: { kind: 'he_normal', a: 0 }, torch_default: { kind: 'torch_default' }, rai: { kind: 'rai' } };

/**
 * The seed of net `index` of width `width` in a study seeded `seed`: a murmur3-style mix of the three
 * (and nothing else), so a net is the same whichever worker draws it and whatever the split.
 */
export function netSeed(seed: number, width: number, index: number): number {
  let h = mix((seed ^ 0x6a09e667) >>> 0);
  h = mix((h ^ Math.imul(width, 0x9e3779b1)) >>> 0);
  return mix((h + index) >>> 0);
}

function mix(x: number): number {
  let h = x;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A net's hidden layers, asked for in order 0, 1, 2, ... (a NetSampler, or fixed layers in tests). */
export interface LayerSource {
  layer(l: number): Dense;
}

/**
 * Draws the hidden layers of one net after another, layer by layer on demand, into layers allocated
 * once: layer l is drawn only when asked for, in order, from the net's own Rng, so a net of depth D is
 * the first D layers of the same net made deeper, and a net found dead early costs nothing more.
 */
export class NetSampler implements LayerSource {
  /** Layer 0 maps inputDim -> width, the others width -> width; reused for every net. */
  private readonly layers: Dense[];
  private rng = new Rng(0);
  private drawn = 0;

  constructor(
    readonly inputDim: number,
    readonly width: number,
    depth: number,
    private readonly init: BornDeadInit,
    private readonly biasInit: BornDeadBiasInit,
  ) {
    this.layers = Array.from({ length: depth }, (_, l) => new Dense(l === 0 ? inputDim : width, width));
  }

  /** Starts net `index` of the study seeded `seed` (no layer drawn yet). */
  start(seed: number, index: number): void {
    this.rng = new Rng(netSeed(seed, this.width, index));
    this.drawn = 0;
  }

  /** Hidden layer l (0-based) of the current net; layers must be asked for in order 0, 1, 2, ... */
  layer(l: number): Dense {
    if (l > this.drawn) throw new RangeError(`layer ${l} asked for before layer ${this.drawn}`);
    const layer = this.layers[l]!;
    if (l === this.drawn) {
      initLayer(layer, SPECS[this.init], 0, this.rng);
      if (this.biasInit === 'zero') layer.bias.fill(0);
      else if (this.biasInit === 'torch_default' && this.init !== 'torch_default') {
        const bound = 1 / Math.sqrt(layer.inputs);
        for (let j = 0; j < layer.bias.length; j++) layer.bias[j] = this.rng.range(-bound, bound);
      }
      this.drawn++;
    }
    return layer;
  }
}
