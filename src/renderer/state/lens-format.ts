/**
 * How the neuron lens prints the engine's numbers: 4 significant digits (exponent form below 1e-3 and
 * from 1e4), an en dash when unknown. The e2e test formats the Node engine's numbers with this same
 * function and compares text, so "matches the engine to the digit shown" is checked, not assumed.
 */
export function formatLens(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e4) return v.toExponential(3).replace('+', '');
  return String(Number(v.toPrecision(4)));
}

/**
 * A share in [0, 1] as a percentage with one decimal ("12.5%"), an en dash when unknown; a share that
 * is not exactly 0 or 1 never prints as "0.0%" or "100.0%" (it is "<0.1%" or ">99.9%").
 */
export function formatLensShare(share: number): string {
  if (!Number.isFinite(share)) return '–';
  if (share > 0.999 && share < 1) return '>99.9%';
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
