/**
 * How many of a neuron's pre-activations would be positive with `shift` added to its bias: rows with
 * z + shift > 0, the sum rounded to float32 as the engine adds a bias. A what-if only: nothing trains.
 */
export function firingWithShift(z: Float32Array, shift: number): number {
  const s = Math.fround(shift);
  let n = 0;
  for (let i = 0; i < z.length; i++) if (Math.fround(z[i]! + s) > 0) n++;
  return n;
}
