import type { Param } from '../nn/mlp';

/**
 * torch.nn.utils.clip_grad_norm_: scales every gradient by min(1, maxNorm / (total + 1e-6)), where
 * total is the 2-norm of all gradients together. Writes the total norm before clipping to out[0]
 * (a cell, not a return value: a returned double is boxed on every step when the call is not inlined).
 */
export function clipGradNorm(params: readonly Param[], maxNorm: number, out: Float64Array = new Float64Array(1)): void {
  gradNorm(params, out);
  const total = out[0]!;
  const coef = Math.min(1, Math.fround(maxNorm / Math.fround(total + 1e-6)));
  if (coef < 1) for (const p of params) for (let i = 0; i < p.grad.length; i++) p.grad[i] = p.grad[i]! * coef;
}

/** Writes to out[0] the 2-norm of all gradients together, as torch.nn.utils.clip_grad_norm_ computes it (float32). */
export function gradNorm(params: readonly Param[], out: Float64Array): void {
  let sum = 0;
  for (const p of params) {
    // PyTorch takes each tensor's norm, then the norm of those norms.
    let s = 0;
    for (let i = 0; i < p.grad.length; i++) s += p.grad[i]! * p.grad[i]!;
    const n = Math.fround(Math.sqrt(s));
    sum += n * n;
  }
  out[0] = Math.fround(Math.sqrt(sum));
}
