import type { Activation, ActivationSpec } from './activation';
import { Elu } from './elu';
import { Gelu } from './gelu';
import { Identity } from './identity';
import { LeakyRelu } from './leaky-relu';
import { Prelu } from './prelu';
import { Relu } from './relu';
import { Rrelu } from './rrelu';
import { Selu } from './selu';
import { Sigmoid } from './sigmoid';
import { Silu } from './silu';
import { Softplus } from './softplus';
import { Tanh } from './tanh';

/** Builds the activation for a layer of `width` neurons; seed feeds stochastic ones (RReLU). */
export function makeActivation(spec: ActivationSpec, width: number, seed: number): Activation {
  switch (spec.kind) {
    case 'relu':
      return new Relu();
    case 'leaky_relu':
      return new LeakyRelu(spec.alpha);
    case 'prelu':
      return new Prelu(width, spec.alpha, spec.perNeuron);
    case 'rrelu':
      return new Rrelu(spec.lower, spec.upper, seed);
    case 'elu':
      return new Elu(spec.alpha);
    case 'selu':
      return new Selu();
    case 'gelu':
      return new Gelu(spec.approximate);
    case 'silu':
      return new Silu();
    case 'softplus':
      return new Softplus(spec.beta, spec.threshold);
    case 'tanh':
      return new Tanh();
    case 'sigmoid':
      return new Sigmoid();
    case 'identity':
      return new Identity();
  }
}
