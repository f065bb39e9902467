import type { Param } from '../nn/mlp';

/**
 * torch.nn.utils.clip_grad_norm_: scales every gradient by min(1, maxNorm / (total + 1e-6)), where
 * total is the 2-norm of all gradients together. Returns the total norm before clipping.
 */
export function clipGradNorm(params: readonly Param[], maxNorm: number): number {
  const total = gradNorm(params);
  const coef = Math.min(1, Math.fround(maxNorm / Math.fround(total + 1e-6)));
  if (coef < 1) for (const p of params) for (let i = 0; i < p.grad.length; i++) p.grad[i] = p.grad[i]! * coef;
  return total;
}

/** The 2-norm of all gradients together, as torch.nn.utils.clip_grad_norm_ computes it (float32). */
export function gradNorm(params: readonly Param[]): number {
  let sum = 0;
  for (const p of params) {
    // PyTorch takes each tensor's norm, then the norm of those norms.
    let s = 0;
    for (let i = 0; i < p.grad.length; i++) s += p.grad[i]! * p.grad[i]!;
    const n = Math.fround(Math.sqrt(s));
    sum += n * n;
  }
  return Math.fround(Math.sqrt(sum));
}
