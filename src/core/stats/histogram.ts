/**
 * Pre-activation histograms (over the first HISTOGRAM_ROWS rows of the probe set): HIST_BINS equal bins over [-range, range] per layer, so z = 0 (ReLU's kink)
 * is always a bin edge; values beyond fall into the end bins. The range is a power of two that covers
 * the layer's largest |z|, so binning costs one multiply per value and is the same on every host.
 */
export const HIST_BINS = 40;

/** Bin of z for a histogram over [-range, range] (NaN goes to the last bin). */
export function histogramBin(z: number, range: number): number {
  const b = Math.floor(((z + range) / (2 * range)) * HIST_BINS);
  return b >= 0 ? (b < HIST_BINS ? b : HIST_BINS - 1) : b < 0 ? 0 : HIST_BINS - 1;
}

/** The smallest power of two >= maxAbs, clamped to [1, 2^20], as the next probe's range. */
export function nextRange(maxAbs: number): number {
  if (!(maxAbs > 1)) return 1;
  if (!(maxAbs < 1048576)) return 1048576;
  let range = 2;
  while (range < maxAbs) range *= 2;
  return range;
}
