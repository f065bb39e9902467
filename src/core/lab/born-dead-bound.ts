/**
 * Lu et al.'s single-point value 1-(1-2^-N)^H: the probability that a net of H hidden layers of N ReLU
 * neurons (zero biases, weights symmetric about 0) is dead at one input x != 0, each layer being all
 * <= 0 there with probability 2^-N independently of the layers below. A net born dead on a domain is dead
 * at each of its points, so this bounds the domain's share from above. A share in [0, 1].
 */
export function singlePointBornDead(width: number, depth: number): number {
  let layerDead = 1;
  for (let i = 0; i < width; i++) layerDead /= 2;
  let alive = 1;
  for (let l = 0; l < depth; l++) alive *= 1 - layerDead;
  return 1 - alive;
}
