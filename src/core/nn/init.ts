import type { Rng } from '../math/rng';
import type { Dense } from './dense';

/** How a layer's weights and biases are drawn; biasShift (input units) is then added to every bias. */
export type InitSpec =
  /** PyTorch's nn.Linear default: W and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
  | { readonly kind: 'torch_default' }
  /** He/Kaiming (fan_in) with the leaky-ReLU gain sqrt(2 / (1 + a^2)); biases 0. */
  | { readonly kind: 'he_normal' | 'he_uniform'; readonly a: number }
  /** Xavier/Glorot with gain 1; biases 0. */
  | { readonly kind: 'xavier_normal' | 'xavier_uniform' }
  /** LeCun normal: std 1/sqrt(fan_in); biases 0. */
  | { readonly kind: 'lecun_normal' }
  /** Lu et al. 2019 randomized asymmetric initialization (arXiv 1903.06733). */
  | { readonly kind: 'rai' };

/** Initializes a layer in place: weights row-major first, then biases, then the bias shift. */
export function initLayer(layer: Dense, spec: InitSpec, biasShift: number, rng: Rng): void {
  const fanIn = layer.inputs;
  const fanOut = layer.outputs;
  const w = layer.weight;
  const b = layer.bias;
  switch (spec.kind) {
    case 'torch_default':
      initLinearDefault(layer, rng);
      break;
    case 'he_normal':
    case 'he_uniform': {
      const std = Math.sqrt(2 / (1 + spec.a * spec.a)) / Math.sqrt(fanIn);
      fill(w, rng, spec.kind === 'he_normal' ? 'normal' : 'uniform', std);
      b.fill(0);
      break;
    }
    case 'xavier_normal':
    case 'xavier_uniform':
      fill(w, rng, spec.kind === 'xavier_normal' ? 'normal' : 'uniform', Math.sqrt(2 / (fanIn + fanOut)));
      b.fill(0);
      break;
    case 'lecun_normal':
      fill(w, rng, 'normal', 1 / Math.sqrt(fanIn));
      b.fill(0);
      break;
    case 'rai':
      initRai(layer, rng);
      break;
  }
  if (biasShift !== 0) for (let j = 0; j < b.length; j++) b[j] = b[j]! + biasShift;
}

/**
 * PyTorch's nn.Linear default initialization: W ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (kaiming_uniform
 * with a = sqrt(5)) and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)). Weights are drawn row-major, then biases.
 */
export function initLinearDefault(layer: Dense, rng: Rng): void {
  const bound = 1 / Math.sqrt(layer.inputs);
  for (let i = 0; i < layer.weight.length; i++) layer.weight[i] = rng.range(-bound, bound);
  for (let i = 0; i < layer.bias.length; i++) layer.bias[i] = rng.range(-bound, bound);
}

/** Zero-mean draws with standard deviation std (a uniform one spans +-sqrt(3) std). */
function fill(a: Float32Array, rng: Rng, dist: 'normal' | 'uniform', std: number): void {
  const bound = Math.sqrt(3) * std;
  for (let i = 0; i < a.length; i++) a[i] = dist === 'normal' ? std * rng.normal() : rng.range(-bound, bound);
}

/**
 * Randomized asymmetric initialization: each neuron's row [w, b] is drawn from N(0, 0.6007^2 / fan_in),
 * then one entry chosen uniformly among its fan_in + 1 is replaced by a Beta(2, 1) draw (always
 * positive), which makes a neuron born dead much less likely.
 */
function initRai(layer: Dense, rng: Rng): void {
  const n = layer.inputs;
  const std = 0.6007 / Math.sqrt(n);
  for (let j = 0; j < layer.outputs; j++) {
    for (let k = 0; k < n; k++) layer.weight[j * n + k] = std * rng.normal();
    layer.bias[j] = std * rng.normal();
    const k = rng.int(n + 1);
    // Beta(2, 1) has CDF x^2 on [0, 1], so sqrt of a uniform draw samples it.
    const beta = Math.sqrt(rng.uniform());
    if (k === n) layer.bias[j] = beta;
    else layer.weight[j * n + k] = beta;
  }
}
