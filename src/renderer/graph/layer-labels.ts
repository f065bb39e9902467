/** One layer label as placed above its column: its text, left edge and width in CSS pixels. */
export interface PlacedLabel {
  /** Layer index (0 = inputs). */
  readonly layer: number;
  readonly text: string;
  readonly left: number;
  readonly width: number;
}

/**
 * Upper bound of one character's width at the labels' 11 px font, in CSS pixels: digits and lower-case
 * letters of the sans-serif fonts in use are narrower, so a label given this room is never cut.
 */
export const CHAR_PX = 7;
/** Least room between two neighbouring labels, in CSS pixels. */
const GAP = 4;

/** The forms of a layer's label, longest first ("layer 3 · 16", "L3 · 16", "L3·16", "L3", "3"). */
function forms(widths: readonly number[], layer: number): string[] {
  const n = widths[layer] ?? 0;
  if (layer === 0) return [`inputs · ${n}`, `in · ${n}`, `in·${n}`, 'in'];
  if (layer === widths.length - 1) return [`outputs · ${n}`, `out · ${n}`, `out·${n}`, 'out'];
  return [`layer ${layer} · ${n}`, `L${layer} · ${n}`, `L${layer}·${n}`, `L${layer}`, String(layer)];
}

/**
 * Places the layer labels above columns at `columns` (x of each centre) in a graph `width` px wide so
 * that no two overlap and none leaves the graph: the longest form that fits every column, else the
 * shortest form on every k-th layer (inputs and outputs kept when they fit). The caller shows the full text on hover.
 */
export function placeLabels(widths: readonly number[], columns: readonly number[], width: number): PlacedLabel[] {
  const layers = columns.length;
  const all = columns.map((_, l) => forms(widths, l));
  const place = (l: number, text: string): PlacedLabel => {
    const w = text.length * CHAR_PX;
    const left = Math.min(Math.max(0, columns[l]! - w / 2), Math.max(0, width - w));
    return { layer: l, text, left, width: w };
  };
  const fits = (labels: readonly PlacedLabel[]): boolean =>
    labels.every((a, i) => a.left + a.width <= width + 0.5 && (i === 0 || labels[i - 1]!.left + labels[i - 1]!.width + GAP <= a.left));
  const depth = Math.max(...all.map((f) => f.length));
  for (let level = 0; level < depth; level++) {
    const labels = all.map((f, l) => place(l, f[Math.min(level, f.length - 1)]!));
    if (fits(labels)) return labels;
  }
  // Thin: the shortest forms on every k-th layer, first and last always tried.
  for (let step = 2; step < layers; step++) {
    const keep = columns.map((_, l) => l).filter((l) => l % step === 0 || l === layers - 1);
    // Drop the last-but-one kept layer when it crowds the last.
    const labels = keep.map((l) => place(l, all[l]![all[l]!.length - 1]!));
    if (fits(labels)) return labels;
    const trimmed = labels.filter((_, i) => i !== labels.length - 2 || labels.length < 3);
    if (fits(trimmed)) return trimmed;
  }
  const first = place(0, all[0]![all[0]!.length - 1]!);
  return first.width <= width ? [first] : [];
}
