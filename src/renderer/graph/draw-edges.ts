import { Particle, ParticleContainer, Texture } from 'pixi.js';
import type { LaneSnapshot } from '../../core/protocol/messages';
import type { GraphLayout } from './layout';
import type { GraphPalette } from './palette';

/** Most edges drawn per layer; weaker ones are dropped first in bigger networks. */
export const EDGE_CAP = 1200;
/**
 * Square CSS pixels of a layer's band (the gap between its two columns times the graph's height) per edge
 * drawn, above EDGE_FLOOR edges: a wide layer's band is solid colour long before EDGE_CAP edges, and every
 * edge costs fill (all of it on the CPU under a software rasterizer: 8 x 64 went from 25 to 12 ms a frame).
 */
export const EDGE_AREA = 100;
/** Edges a layer may always draw, whatever its band: every edge of a 16 x 16 layer. */
export const EDGE_FLOOR = 256;
const LEVELS = 5;
/** Buckets: sign (2) x dimmed (2) x magnitude level (LEVELS), drawn in this order (strongest last, on top). */
const BUCKETS = 4 * LEVELS;

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

/** A 0xAABBGGRR particle colour (Pixi's order) from a 0xRRGGBB colour and an alpha in [0, 1]. */
export function particleColor(rgb: number, alpha: number): number {
  const bgr = ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff);
  return (bgr | (Math.round(alpha * 255) << 24)) >>> 0;
}

/**
 * Every layer's weights as straight edges: orange for positive, blue for negative, width and opacity by
 * magnitude (relative to the layer's largest). Edges leaving a dead neuron are dimmed (they carry nothing
 * forward). Each edge is one particle (a stretched white quad) of a single ParticleContainer: one draw
 * call, no geometry to triangulate, and particles are reused from frame to frame.
 */
export class EdgeLayer {
  readonly container = new ParticleContainer({
    texture: Texture.WHITE,
    dynamicProperties: { vertex: true, position: true, rotation: true, color: true, uvs: false },
  });
  private readonly pool: Particle[] = [];
  /** Per kept edge: x0, y0, x1, y1 (scratch, grown as needed). */
  private coords = new Float32Array(0);
  private buckets = new Uint8Array(0);

  /** Redraws the edges of `lane` on `layout`. */
  draw(lane: LaneSnapshot, layout: GraphLayout, palette: GraphPalette): void {
    // A layer keeps the edges of the magnitude bin that crosses the cap, so a few more than the cap.
    const layerCap = 2 * EDGE_CAP;
    let capacity = 0;
    lane.weights.forEach((w) => (capacity += Math.min(w.length, layerCap)));
    if (this.buckets.length < capacity) {
      this.coords = new Float32Array(4 * capacity);
      this.buckets = new Uint8Array(capacity);
    }
    const counts = new Uint32Array(BUCKETS + 1);
    let n = 0;
    let hiddenBase = 0;
    lane.weights.forEach((w, l) => {
      const from = layout.nodes[l];
      const to = layout.nodes[l + 1];
      if (from === undefined || to === undefined) return;
      const inputs = from.length;
      let max = 0;
      for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
      const band = Math.abs((to[0]?.x ?? 0) - (from[0]?.x ?? 0)) * layout.height;
      const cap = Math.min(EDGE_CAP, Math.max(EDGE_FLOOR, Math.round(band / EDGE_AREA)));
      const cut = Math.max(0.02, magnitudeThreshold(w, max, cap));
      const end = n + Math.min(w.length, layerCap);
      for (let o = 0; o < to.length && n < end; o++) {
        const b = to[o]!;
        for (let i = 0; i < inputs && n < end; i++) {
          const v = w[o * inputs + i] ?? 0;
          const m = max > 0 ? Math.abs(v) / max : 0;
          if (m < cut) continue;
          const a = from[i]!;
          // The first weight matrix starts at the inputs, which are never dead.
          const dim = l > 0 && lane.dead[hiddenBase + i] === 1 ? 1 : 0;
          const level = Math.min(LEVELS - 1, Math.floor(m * LEVELS));
          const bucket = ((v >= 0 ? 0 : 2) + dim) * LEVELS + level;
          this.coords[4 * n] = a.x;
          this.coords[4 * n + 1] = a.y;
          this.coords[4 * n + 2] = b.x;
          this.coords[4 * n + 3] = b.y;
          this.buckets[n++] = bucket;
          counts[bucket + 1]!++;
        }
      }
      if (l > 0) hiddenBase += inputs;
    });
    // Counting sort by bucket, so that stronger edges are drawn over weaker ones.
    for (let k = 1; k <= BUCKETS; k++) counts[k]! += counts[k - 1]!;
    while (this.pool.length < n) this.pool.push(new Particle({ texture: Texture.WHITE, anchorY: 0.5 }));
    const list = this.container.particleChildren;
    list.length = n;
    const dense = layout.nodes.reduce((mx, col) => Math.max(mx, col.length), 0) > 48;
    const styles = Array.from({ length: BUCKETS }, (_, bucket) => {
      const level = bucket % LEVELS;
      const group = Math.floor(bucket / LEVELS);
      const m = (level + 1) / LEVELS;
      return {
        width: dense ? 1 : 0.8 + 2.6 * m * m,
        color: particleColor(group < 2 ? palette.positive : palette.negative, (0.08 + 0.62 * m) * (group % 2 === 1 ? 0.3 : 1)),
      };
    });
    for (let e = 0; e < n; e++) {
      const bucket = this.buckets[e]!;
      const slot = counts[bucket]!++;
      const p = this.pool[slot]!;
      list[slot] = p;
      const x0 = this.coords[4 * e]!;
      const y0 = this.coords[4 * e + 1]!;
      const dx = this.coords[4 * e + 2]! - x0;
      const dy = this.coords[4 * e + 3]! - y0;
      const style = styles[bucket]!;
      p.x = x0;
      p.y = y0;
      p.rotation = Math.atan2(dy, dx);
      p.scaleX = Math.hypot(dx, dy);
      p.scaleY = style.width;
      p.color = style.color;
    }
    this.container.update();
  }
}
