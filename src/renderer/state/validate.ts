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
