/** Which activation a hidden layer uses, with its negative slope where it has one. */
export type ActivationSpec =
  | { readonly kind: 'relu' }
  | { readonly kind: 'leaky_relu'; readonly alpha: number }
  | { readonly kind: 'prelu'; readonly alpha: number; readonly perNeuron: boolean };

/** Name of an activation kind, as used in specs, files and the UI. */
export type ActivationKind = ActivationSpec['kind'];

/** All activation kinds the engine knows, in the order the UI lists them. */
export const ACTIVATION_KINDS: readonly ActivationKind[] = ['relu', 'leaky_relu', 'prelu'];

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
  /** a[i] = f(z[i]) for the first rows*width entries; training selects RReLU's random slopes. */
  forward(z: Float32Array, a: Float32Array, rows: number, width: number, training: boolean): void;
  /** dz[i] = da[i] * f'(z[i]); adds the parameter gradient into `grad` (which the caller zeroes). */
  backward(z: Float32Array, da: Float32Array, dz: Float32Array, rows: number, width: number): void;
  /** The slope f'(z) for z < 0 of neuron j (0 for ReLU): what the UI shows and hot-swaps carry over. */
  negativeSlope(j: number): number;
}
