/** Shown values this close to their target count as arrived (no further frame is needed for them). */
export const EASE_DONE = 0.004;

/**
 * Moves `shown` towards `target` in place, as an exponential approach with time constant `tauMs` over
 * `dtMs` of wall time (an infinite dt arrives at once); returns true while some value has not arrived.
 */
export function easeTowards(shown: Float32Array, target: ArrayLike<number>, dtMs: number, tauMs: number): boolean {
  const k = 1 - Math.exp(-dtMs / tauMs);
  let moving = false;
  for (let i = 0; i < shown.length; i++) {
    const d = target[i]! - shown[i]!;
    if (Math.abs(d) <= EASE_DONE || k >= 1) shown[i] = target[i]!;
    else {
      shown[i] = shown[i]! + d * k;
      moving = true;
    }
  }
  return moving;
}
