import type { ActivationSpec } from '../../core/nn/activation';
import { activationLabel } from '../../core/nn/activation';

/** A short activation name for chart marks, where space is a few dozen pixels: "Leaky 0.01", "PReLU". */
export function shortActivationLabel(a: ActivationSpec): string {
  switch (a.kind) {
    case 'leaky_relu':
      return `Leaky ${a.alpha}`;
    case 'prelu':
      return 'PReLU';
    case 'rrelu':
      return 'RReLU';
    default:
      return activationLabel(a);
  }
}
