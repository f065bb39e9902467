const INTEGER = new Intl.NumberFormat('en-US');

/** Formats a step count with thousands separators ("12,480"); one shared formatter (toLocaleString builds one per call). */
export function formatInt(n: number): string {
  return INTEGER.format(Math.round(n));
}

/** Formats a loss (nats) with 4 significant digits, or an em dash when unknown. */
export function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? loss.toPrecision(4) : '—';
}

/** Formats an accuracy in [0, 1] as a percentage with one decimal. */
export function formatAccuracy(acc: number): string {
  return Number.isFinite(acc) ? `${(acc * 100).toFixed(1)}%` : '—';
}

/** A number in at most ~7 characters: 3 significant digits, exponent form when large ("-1.21e9"). */
export function formatCompact(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3)) return v.toExponential(2).replace('+', '');
  return String(Number(v.toPrecision(3)));
}
