/**
 * The diverging colour scale of a neuron's pre-activation z: purple where z < 0 (the neuron is off; under
 * ReLU it gives no output and no gradient there), green where z > 0, both fading into the background at
 * z = 0. Purple and green stay apart from the class colours (blue, orange) of points drawn on top.
 */
export const Z_NEGATIVE: readonly [number, number, number] = [150, 90, 210];
export const Z_POSITIVE: readonly [number, number, number] = [60, 190, 110];

/**
 * Colour and opacity of z given the largest |z| shown: the sign picks the hue, |z| / maxAbs the opacity
 * (never fully transparent, so the sign stays readable near z = 0). Non-finite z is transparent.
 */
export function zColor(z: number, maxAbs: number): readonly [number, number, number, number] {
  if (!Number.isFinite(z)) return [0, 0, 0, 0];
  const t = maxAbs > 0 ? Math.min(1, Math.abs(z) / maxAbs) : 0;
  const [r, g, b] = z < 0 ? Z_NEGATIVE : Z_POSITIVE;
  return [r, g, b, Math.round(255 * (0.14 + 0.8 * Math.sqrt(t)))];
}

/** CSS colour of the scale's end for a sign (legends, the curve of 1-D data). */
export function zCss(sign: -1 | 1, alpha = 1): string {
  const [r, g, b] = sign < 0 ? Z_NEGATIVE : Z_POSITIVE;
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}
