/** Where one neuron's disc sits, in CSS pixels from the canvas's top-left corner. */
export interface NodePos {
  readonly x: number;
  readonly y: number;
}

/** Positions of every neuron of a network drawn as columns of discs. */
export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  /** Disc radius shared by all layers. */
  readonly radius: number;
  /** Per layer (inputs, hidden..., outputs): its column's x. */
  readonly columns: readonly number[];
  /** Per layer: its neurons' centres. */
  readonly nodes: readonly (readonly NodePos[])[];
}

const PAD = { top: 30, bottom: 14, side: 34 } as const;

/** Lays out a network of the given layer widths in a width x height box; identical for every lane. */
export function layoutGraph(widths: readonly number[], width: number, height: number): GraphLayout {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const layers = widths.length;
  const inner = Math.max(1, h - PAD.top - PAD.bottom);
  const widest = Math.max(1, ...widths);
  const spacing = Math.min(34, inner / widest);
  const radius = Math.max(1.5, Math.min(11, spacing * 0.4));
  const columns = widths.map((_, l) => (layers === 1 ? w / 2 : PAD.side + ((w - 2 * PAD.side) * l) / (layers - 1)));
  const nodes = widths.map((n, l) => {
    const x = columns[l]!;
    const top = PAD.top + (inner - spacing * n) / 2 + spacing / 2;
    return Array.from({ length: n }, (_, j) => ({ x, y: top + j * spacing }));
  });
  return { width: w, height: h, radius, columns, nodes };
}

/** Offset of hidden layer `layer` (1-based among all layers) in the concatenated per-neuron arrays. */
export function hiddenOffset(widths: readonly number[], layer: number): number {
  let offset = 0;
  for (let l = 1; l < layer; l++) offset += widths[l]!;
  return offset;
}
