/** Quotes a CSV field when it holds a comma, quote or line break (lane names and labels are user text). */
export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number as JavaScript prints it (round-trips exactly), empty where not finite or absent. */
export function csvNumber(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : String(v);
}
