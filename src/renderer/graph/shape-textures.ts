import { CanvasSource, Texture } from 'pixi.js';

const DASHES = 10;
/** Dots around an inactive neuron's hollow disc. */
const DOTS = 14;

/** Geometry of the neuron shapes for a disc radius (CSS pixels). */
export function ringGeometry(radius: number): { dead: { r: number; width: number }; inactive: { r: number; width: number }; revived: { r: number; width: number } } {
  return {
    dead: { r: radius + 2, width: Math.max(1, radius * 0.12) },
    inactive: { r: radius - Math.max(1, radius * 0.1), width: Math.max(1.5, radius * 0.22) },
    revived: { r: radius + 3.5, width: Math.max(1.5, radius * 0.28) },
  };
}

/** A white shape drawn into a canvas `outer` CSS pixels wide around its centre, at `resolution`. */
function shapeTexture(outer: number, resolution: number, paint: (ctx: CanvasRenderingContext2D, c: number) => void): Texture {
  const canvas = document.createElement('canvas');
  const size = Math.max(2, Math.ceil(2 * outer * resolution) + 2);
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (ctx !== null) {
    ctx.scale(resolution, resolution);
    ctx.fillStyle = '#fff';
    ctx.strokeStyle = '#fff';
    paint(ctx, size / 2 / resolution);
  }
  return new Texture({ source: new CanvasSource({ resource: canvas, resolution, scaleMode: 'linear' }) });
}

/**
 * The neuron shapes as white textures drawn at their exact size (tinted per particle or per layer): a
 * filled disc, the dashed outline of a dead neuron, the dotted outline of an inactive one and the ring of
 * a revived one. Drawn by the browser's
 * 2-D canvas, so their edges are antialiased even where WebGL has no multisampling. Rebuilt only when the
 * disc radius or the resolution changes (a resize).
 */
export class ShapeTextures {
  readonly disc: Texture;
  readonly deadRing: Texture;
  readonly inactiveRing: Texture;
  readonly revivedRing: Texture;

  constructor(
    readonly radius: number,
    readonly resolution: number,
  ) {
    const g = ringGeometry(radius);
    this.disc = shapeTexture(radius + 1, resolution, (ctx, c) => {
      ctx.beginPath();
      ctx.arc(c, c, radius, 0, 2 * Math.PI);
      ctx.fill();
    });
    this.deadRing = shapeTexture(g.dead.r + g.dead.width, resolution, (ctx, c) => {
      ctx.lineWidth = g.dead.width;
      const step = (2 * Math.PI) / DASHES;
      for (let k = 0; k < DASHES; k++) {
        ctx.beginPath();
        ctx.arc(c, c, g.dead.r, k * step, k * step + step * 0.5);
        ctx.stroke();
      }
    });
    this.inactiveRing = shapeTexture(g.inactive.r + g.inactive.width, resolution, (ctx, c) => {
      const dot = g.inactive.width / 2;
      for (let k = 0; k < DOTS; k++) {
        const a = (k * 2 * Math.PI) / DOTS;
        ctx.beginPath();
        ctx.arc(c + g.inactive.r * Math.cos(a), c + g.inactive.r * Math.sin(a), dot, 0, 2 * Math.PI);
        ctx.fill();
      }
    });
    this.revivedRing = shapeTexture(g.revived.r + g.revived.width, resolution, (ctx, c) => {
      ctx.lineWidth = g.revived.width;
      ctx.beginPath();
      ctx.arc(c, c, g.revived.r, 0, 2 * Math.PI);
      ctx.stroke();
    });
  }

  /** Frees the textures and their canvases. */
  destroy(): void {
    this.disc.destroy(true);
    this.deadRing.destroy(true);
    this.inactiveRing.destroy(true);
    this.revivedRing.destroy(true);
  }
}
