import type { Rng } from '../math/rng';
/** Which activation a hidden layer uses, with its parameters (PyTorch's names and defaults). */
export type ActivationSpec =
  | { readonly kind: 'relu' }
  /** alpha: slope for z < 0, in [0, 1] (the article: 0.01 usual, 0.1-0.3 "more aggressive"). */
  | { readonly kind: 'leaky_relu'; readonly alpha: number }
  /**
   * alpha: initial learned slope (He et al. 2015 and nn.PReLU: 0.25); perNeuron: one slope per neuron
   * (nn.PReLU(num_parameters=width)), else one shared per layer (nn.PReLU(), PyTorch's default).
   */
  | { readonly kind: 'prelu'; readonly alpha: number; readonly perNeuron: boolean }
  /** Training: random slope in [lower, upper] per element; evaluation: their mean (PyTorch: 1/8, 1/3). */
  | { readonly kind: 'rrelu'; readonly lower: number; readonly upper: number }
  /** alpha: the value ELU saturates to for z -> -infinity is -alpha (PyTorch default 1). */
  | { readonly kind: 'elu'; readonly alpha: number }
  | { readonly kind: 'selu' }
  | { readonly kind: 'gelu'; readonly approximate: 'none' | 'tanh' }
  | { readonly kind: 'silu' }
  /** beta: sharpness; threshold: above beta*z > threshold the function is linear (PyTorch: 1, 20). */
  | { readonly kind: 'softplus'; readonly beta: number; readonly threshold: number }
  | { readonly kind: 'tanh' }
  | { readonly kind: 'sigmoid' }
  | { readonly kind: 'identity' };

/** Name of an activation kind, as used in specs, files and the CLI. */
export type ActivationKind = ActivationSpec['kind'];

/** All activation kinds the engine knows, in the order the UI lists them (the ReLU family first). */
export const ACTIVATION_KINDS: readonly ActivationKind[] = ['relu', 'leaky_relu', 'prelu', 'rrelu', 'elu', 'selu', 'gelu', 'silu', 'softplus', 'tanh', 'sigmoid', 'identity'];

/** The spec a kind gets when picked without parameters: PyTorch's defaults (PReLU: one shared α, as nn.PReLU()). */
export function defaultActivation(kind: ActivationKind): ActivationSpec {
  switch (kind) {
    case 'relu':
    case 'selu':
    case 'silu':
    case 'tanh':
    case 'sigmoid':
    case 'identity':
      return { kind };
    case 'leaky_relu':
      return { kind, alpha: 0.01 };
    case 'prelu':
      return { kind, alpha: 0.25, perNeuron: false };
    case 'rrelu':
      return { kind, lower: 1 / 8, upper: 1 / 3 };
    case 'elu':
      return { kind, alpha: 1 };
    case 'gelu':
      return { kind, approximate: 'none' };
    case 'softplus':
      return { kind, beta: 1, threshold: 20 };
  }
}

/**
 * True when the activation passes gradient for z < 0, so a neuron whose z is negative for every input
 * still learns and can come back ("inactive"); false for ReLU and Leaky ReLU with alpha 0, where such a
 * neuron gets no gradient through itself ("dead"). PReLU counts as passing: its slope learns even from 0.
 */
export function leaksGradient(a: ActivationSpec): boolean {
  if (a.kind === 'relu') return false;
  if (a.kind === 'leaky_relu') return a.alpha > 0;
  if (a.kind === 'rrelu') return a.upper > 0;
  return true;
}

/** Human name of an activation, e.g. "Leaky ReLU α=0.1" (UI labels, tables). */
export function activationLabel(a: ActivationSpec): string {
  switch (a.kind) {
    case 'relu':
      return 'ReLU';
    case 'leaky_relu':
      return `Leaky ReLU α=${a.alpha}`;
    case 'prelu':
      return a.perNeuron ? 'PReLU (learned α per neuron)' : 'PReLU (learned α)';
    case 'rrelu':
      return `RReLU [${round(a.lower)}, ${round(a.upper)}]`;
    case 'elu':
      return `ELU α=${a.alpha}`;
    case 'selu':
      return 'SELU';
    case 'gelu':
      return a.approximate === 'tanh' ? 'GELU (tanh)' : 'GELU';
    case 'silu':
      return 'SiLU';
    case 'softplus':
      return `Softplus β=${a.beta}`;
    case 'tanh':
      return 'Tanh';
    case 'sigmoid':
      return 'Sigmoid';
    case 'identity':
      return 'Identity';
  }
}

/**
 * Compact machine form, e.g. "leaky_relu:0.01", "prelu:0.25" (one shared α), "prelu:0.25:per-neuron"
 * (CLI flags and metric files); the CLI's --activation parses it back to the same spec.
 */
export function activationCode(a: ActivationSpec): string {
  switch (a.kind) {
    case 'leaky_relu':
    case 'elu':
      return `${a.kind}:${a.alpha}`;
    case 'prelu':
      return `prelu:${a.alpha}${a.perNeuron ? `:${PER_NEURON}` : ''}`;
    case 'rrelu':
      return `rrelu:${a.lower}:${a.upper}`;
    case 'gelu':
      return a.approximate === 'tanh' ? 'gelu:tanh' : 'gelu';
    case 'softplus':
      return `softplus:${a.beta}`;
    default:
      return a.kind;
  }
}

/** The word after a PReLU's alpha that asks for one slope per neuron ("prelu:0.25:per-neuron"). */
export const PER_NEURON = 'per-neuron';

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * An elementwise activation over a row-major [rows x width] buffer. forward and backward sit side by
 * side in each implementation file so that the pair can be checked by eye.
 */
export interface Activation {
  /** The spec this activation was built from (for PReLU, alpha is the initial value). */
  readonly spec: ActivationSpec;
  /** Learned parameters (PReLU slopes) or null; the optimizer updates these in place. */
  readonly param: Float32Array<ArrayBuffer> | null;
  /** Gradient of the loss with respect to `param`, accumulated by backward; same length. */
  readonly grad: Float32Array<ArrayBuffer> | null;
  /** The random stream of a stochastic activation (RReLU's slopes); absent for deterministic ones. */
  readonly random?: Rng;
  /** a[i] = f(z[i]) for the first rows*width entries; training selects RReLU's random slopes. */
  forward(z: Float32Array, a: Float32Array, rows: number, width: number, training: boolean): void;
  /** dz[i] = da[i] * f'(z[i]); adds the parameter gradient into `grad` (which the caller zeroes). */
  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void;
  /**
   * Slope of f far below zero for neuron j (lim f'(z) as z -> -infinity): the alpha of the ReLU family
   * (0 for ReLU, the learned alpha for PReLU, the mean slope for RReLU), 0 for the saturating ones, 1 for
   * identity. The UI shows it, and a hot-swap to PReLU starts from it.
   */
  negativeSlope(j: number): number;
}
