import type { Activation, ActivationSpec } from './activation';
import { LeakyRelu } from './leaky-relu';
import { Prelu } from './prelu';
import { Relu } from './relu';

/** Builds the activation for a layer of `width` neurons; seed feeds stochastic ones (RReLU). */
export function makeActivation(spec: ActivationSpec, width: number, _seed: number): Activation {
  switch (spec.kind) {
    case 'relu':
      return new Relu();
    case 'leaky_relu':
      return new LeakyRelu(spec.alpha);
    case 'prelu':
      return new Prelu(width, spec.alpha, spec.perNeuron);
  }
}
