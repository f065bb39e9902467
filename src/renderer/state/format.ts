/** Formats a step count with thousands separators ("12,480"). */
export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Formats a loss (nats) with 4 significant digits, or an em dash when unknown. */
export function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? loss.toPrecision(4) : '—';
}

/** Formats an accuracy in [0, 1] as a percentage with one decimal. */
export function formatAccuracy(acc: number): string {
  return Number.isFinite(acc) ? `${(acc * 100).toFixed(1)}%` : '—';
}
