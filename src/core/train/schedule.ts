import { cos, powInt } from '../math/dmath';
/** A learning-rate schedule over optimizer steps. */
export type ScheduleSpec =
  | { readonly kind: 'constant' }
  /** StepLR: multiply by gamma every stepSize steps. */
  | { readonly kind: 'step'; readonly stepSize: number; readonly gamma: number }
  /** CosineAnnealingLR (closed form): from the base rate down to etaMin over tMax steps, then back up. */
  | { readonly kind: 'cosine'; readonly tMax: number; readonly etaMin: number };

/** The learning rate in force at optimizer step `t` (0-based) for base rate `lr`. */
export function scheduledLr(s: ScheduleSpec, lr: number, t: number): number {
  switch (s.kind) {
    case 'constant':
      return lr;
    case 'step':
      return lr * powInt(s.gamma, Math.floor(t / s.stepSize));
    case 'cosine':
      return s.etaMin + ((lr - s.etaMin) * (1 + cos((Math.PI * t) / s.tMax))) / 2;
  }
}
