import type { Graphics } from 'pixi.js';
import type { LaneSnapshot } from '../../core/protocol/messages';
import type { GraphLayout } from './layout';
import type { GraphPalette } from './palette';

/** Most edges drawn per layer; weaker ones are dropped first in bigger networks. */
export const EDGE_CAP = 1200;
const LEVELS = 5;

/** Smallest normalised magnitude an edge needs so that at most `cap` of them are drawn. */
function magnitudeThreshold(w: Float32Array, max: number, cap: number): number {
  if (w.length <= cap || max <= 0) return 0;
  const bins = new Uint32Array(64);
  for (let i = 0; i < w.length; i++) bins[Math.min(63, Math.floor((Math.abs(w[i]!) / max) * 64))]!++;
  let kept = 0;
  for (let b = 63; b >= 0; b--) {
    kept += bins[b]!;
    if (kept >= cap) return (b + 1) / 64;
  }
  return 0;
}

/**
 * Draws every layer's weights as straight edges: orange for positive, blue for negative, width and
 * opacity by magnitude (relative to the layer's largest). Edges leaving a dead neuron are dimmed (they
 * carry nothing forward). Edges are bucketed so one stroke call draws many of them.
 */
export function drawEdges(g: Graphics, lane: LaneSnapshot, layout: GraphLayout, palette: GraphPalette): void {
  g.clear();
  const dense = layout.nodes.reduce((m, n) => Math.max(m, n.length), 0) > 48;
  // buckets[sign][dim][level]: lists of [x0, y0, x1, y1].
  const buckets = [0, 1].map(() => [0, 1].map(() => Array.from({ length: LEVELS }, () => [] as number[])));
  let hiddenBase = 0;
  lane.weights.forEach((w, l) => {
    const from = layout.nodes[l];
    const to = layout.nodes[l + 1];
    if (from === undefined || to === undefined) return;
    const inputs = from.length;
    let max = 0;
    for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
    const cut = magnitudeThreshold(w, max, EDGE_CAP);
    for (let o = 0; o < to.length; o++) {
      const b = to[o]!;
      for (let i = 0; i < inputs; i++) {
        const v = w[o * inputs + i] ?? 0;
        const m = max > 0 ? Math.abs(v) / max : 0;
        if (m < cut || m < 0.02) continue;
        const a = from[i]!;
        // The first weight matrix starts at the inputs, which are never dead.
        const dim = l > 0 && lane.dead[hiddenBase + i] === 1 ? 1 : 0;
        const level = Math.min(LEVELS - 1, Math.floor(m * LEVELS));
        buckets[v >= 0 ? 0 : 1]![dim]![level]!.push(a.x, a.y, b.x, b.y);
      }
    }
    if (l > 0) hiddenBase += inputs;
  });
  buckets.forEach((bySign, sign) => {
    bySign.forEach((byDim, dim) => {
      byDim.forEach((lines, level) => {
        if (lines.length === 0) return;
        for (let k = 0; k < lines.length; k += 4) g.moveTo(lines[k]!, lines[k + 1]!).lineTo(lines[k + 2]!, lines[k + 3]!);
        const m = (level + 1) / LEVELS;
        g.stroke({
          width: dense ? 1 : 0.8 + 2.6 * m * m,
          color: sign === 0 ? palette.positive : palette.negative,
          alpha: (0.08 + 0.62 * m) * (dim === 1 ? 0.3 : 1),
        });
      });
    });
  });
}
