import type { Dense } from '../nn/dense';

/**
 * Whether a second-layer ReLU neuron of a net with 2 inputs is stably unactivated (Brownlowe et al.
 * 2024, arXiv 2412.06829): its pre-activation z(x) = b + sum_j w_j ReLU(a_j . x + c_j) is <= 0 for every
 * x in the whole plane, where `first` holds the rows a_j and biases c_j of the n1 first-layer neurons.
 * Exact (up to rounding), not sampled: z is affine on each region of the arrangement of the n1 lines
 * a_j . x + c_j = 0, so
 * - z is bounded above iff its recession function g(u) = sum_j w_j ReLU(a_j . u) is <= 0 in every
 *   direction u; g is linear between the directions perpendicular to the a_j (cones of at most half a
 *   turn), so it suffices to check those directions and +-a_j (the inside of a half-turn cone);
 * - then on each region z reaches its supremum on a minimal face: a vertex (where two lines cross) or,
 *   for a region without vertices, a whole boundary line along which z is constant, so it suffices to
 *   check every vertex and one point on each line (the one nearest the origin).
 */
export function stablyUnactivatedInPlane(first: Dense, w: ArrayLike<number>, b: number): boolean {
  if (first.inputs !== 2) throw new RangeError(`stablyUnactivatedInPlane takes a layer with 2 inputs, not ${first.inputs}`);
  const n = first.outputs;
  const a = first.weight;
  const c = first.bias;
  const z = (x0: number, x1: number, withBias: boolean) => {
    let s = withBias ? b : 0;
    for (let j = 0; j < n; j++) {
      const v = a[2 * j]! * x0 + a[2 * j + 1]! * x1 + (withBias ? c[j]! : 0);
      if (v > 0) s += w[j]! * v;
    }
    return s;
  };
  for (let j = 0; j < n; j++) {
    const p = a[2 * j]!;
    const q = a[2 * j + 1]!;
    // Recession directions: perpendicular to a_j both ways, and a_j both ways.
    if (z(-q, p, false) > 0 || z(q, -p, false) > 0 || z(p, q, false) > 0 || z(-p, -q, false) > 0) return false;
    const norm2 = p * p + q * q;
    if (norm2 > 0 && z((-c[j]! * p) / norm2, (-c[j]! * q) / norm2, true) > 0) return false;
    for (let k = j + 1; k < n; k++) {
      // The vertex where lines j and k cross (Cramer's rule), unless they are parallel.
      const r = a[2 * k]!;
      const s = a[2 * k + 1]!;
      const det = p * s - q * r;
      if (det === 0) continue;
      const x0 = (-c[j]! * s + q * c[k]!) / det;
      const x1 = (-p * c[k]! + r * c[j]!) / det;
      if (z(x0, x1, true) > 0) return false;
    }
  }
  return z(0, 0, true) <= 0;
}
