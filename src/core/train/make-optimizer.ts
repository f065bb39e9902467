import { Adam } from './adam';
import type { Optimizer } from './optimizer';
import { Rmsprop } from './rmsprop';
import { Sgd } from './sgd';

/** Which optimizer a lane uses, with torch.optim's hyperparameters (the learning rate is separate). */
export type OptimizerSpec =
  | { readonly kind: 'sgd'; readonly momentum: number; readonly dampening: number; readonly nesterov: boolean; readonly weightDecay: number }
  | { readonly kind: 'adam' | 'adamw'; readonly beta1: number; readonly beta2: number; readonly eps: number; readonly weightDecay: number }
  | { readonly kind: 'rmsprop'; readonly alpha: number; readonly eps: number; readonly momentum: number; readonly centered: boolean; readonly weightDecay: number };

/** Builds a fresh optimizer (no state) from its spec. */
export function makeOptimizer(spec: OptimizerSpec): Optimizer {
  switch (spec.kind) {
    case 'sgd':
      return new Sgd(spec);
    case 'adam':
    case 'adamw':
      return new Adam({ ...spec, decoupled: spec.kind === 'adamw' });
    case 'rmsprop':
      return new Rmsprop(spec);
  }
}
