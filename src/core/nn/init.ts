import type { Rng } from '../math/rng';
import type { Dense } from './dense';

/**
 * PyTorch's nn.Linear default initialization: W ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (kaiming_uniform
 * with a = sqrt(5)) and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)). Weights are drawn row-major, then biases.
 */
export function initLinearDefault(layer: Dense, rng: Rng): void {
  const bound = 1 / Math.sqrt(layer.inputs);
  for (let i = 0; i < layer.weight.length; i++) layer.weight[i] = rng.range(-bound, bound);
  for (let i = 0; i < layer.bias.length; i++) layer.bias[i] = rng.range(-bound, bound);
}
