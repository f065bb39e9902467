/** Result of checking a number typed by the user: the value, or a hint saying what is wrong. */
export type Checked = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly hint: string };

function parse(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Checks a negative slope alpha: a number in [0, 1]. */
export function checkAlpha(text: string): Checked {
  const v = parse(text);
  if (v === null) return { ok: false, hint: 'Enter a number from 0 to 1' };
  if (v < 0 || v > 1) return { ok: false, hint: 'Alpha must be between 0 and 1' };
  return { ok: true, value: v };
}

/** Checks a learning rate: a number above 0 and at most 100. */
export function checkLearningRate(text: string): Checked {
  const v = parse(text);
  if (v === null) return { ok: false, hint: 'Enter a number above 0' };
  if (v <= 0) return { ok: false, hint: 'Learning rate must be above 0' };
  if (v > 100) return { ok: false, hint: 'Learning rate must be at most 100' };
  return { ok: true, value: v };
}

/** Checks a number typed for a lens slider: a number in [lo, hi], named `what` in the hint. */
export function checkInRange(text: string, lo: number, hi: number, what: string): Checked {
  const v = parse(text);
  if (v === null) return { ok: false, hint: `Enter a number from ${lo} to ${hi}` };
  if (v < lo || v > hi) return { ok: false, hint: `${what} must be between ${lo} and ${hi}` };
  return { ok: true, value: v };
}

/** Checks a dormant threshold tau (Sokar et al.'s score): a number from 0 to 1. */
export function checkTau(text: string): Checked {
  const v = parse(text);
  if (v === null) return { ok: false, hint: 'τ: enter a number from 0 to 1' };
  if (v < 0 || v > 1) return { ok: false, hint: 'τ must be between 0 and 1' };
  return { ok: true, value: v };
}

/** Checks ReDo's K, the steps between recycles: a whole number of at least 1. */
export function checkRedoEvery(text: string): Checked {
  const v = parse(text);
  if (v === null || !Number.isInteger(v)) return { ok: false, hint: 'K: enter a whole number of steps' };
  if (v < 1) return { ok: false, hint: 'K must be at least 1 step' };
  if (v > 100_000_000) return { ok: false, hint: 'K must be at most 100,000,000 steps' };
  return { ok: true, value: v };
}
