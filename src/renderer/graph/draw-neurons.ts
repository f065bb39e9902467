import { type Graphics, Particle, ParticleContainer, Texture } from 'pixi.js';
import type { LaneSnapshot } from '../../core/protocol/messages';
import { neuronState } from '../state/neuron-state';
import { particleColor } from './draw-edges';
import type { GraphLayout } from './layout';
import { activityColor, type GraphPalette } from './palette';
import { ShapeTextures } from './shape-textures';

/** A ParticleContainer of white shapes tinted as a whole (the rings), whose particles come and go. */
class RingLayer {
  readonly container = new ParticleContainer({ dynamicProperties: { vertex: false, position: true, rotation: false, color: false, uvs: false } });
  private readonly pool: Particle[] = [];
  private texture: Texture = Texture.EMPTY;

  /** Uses `texture` for every ring from now on. */
  setTexture(texture: Texture): void {
    this.texture = texture;
    this.container.texture = texture;
    for (const p of this.pool) p.texture = texture;
  }

  /** Shows one ring centred on each of the first `count` points of `xy` (x, y pairs). */
  show(xy: readonly number[]): void {
    const count = xy.length / 2;
    while (this.pool.length < count) this.pool.push(new Particle({ texture: this.texture, anchorX: 0.5, anchorY: 0.5 }));
    const list = this.container.particleChildren;
    list.length = count;
    for (let k = 0; k < count; k++) {
      const p = this.pool[k]!;
      p.x = xy[2 * k]!;
      p.y = xy[2 * k + 1]!;
      list[k] = p;
    }
    this.container.update();
  }
}

/**
 * The discs: inputs and outputs neutral; hidden neurons filled by activity rate when alive, grey with a
 * dashed outline when dead (ReLU), hollow with a dotted amber outline when inactive (no probe input makes
 * them fire, but a leaky slope still gives them gradient), and with a cyan ring when revived recently. One particle per disc (a white
 * disc texture tinted per neuron), created when the layout changes and only recoloured per snapshot;
 * the rings are particles of two more containers, tinted as a whole.
 */
export class NeuronLayer {
  readonly discs = new ParticleContainer({ dynamicProperties: { vertex: false, position: false, rotation: false, color: true, uvs: false } });
  private readonly deadRings = new RingLayer();
  private readonly inactiveRings = new RingLayer();
  private readonly revivedRings = new RingLayer();
  private textures: ShapeTextures | null = null;
  /** Textures replaced since the last render: the GPU bind groups still hold them until the next one. */
  private retired: ShapeTextures[] = [];
  private layout: GraphLayout | null = null;

  /** The containers in drawing order: discs, then the rings over them. */
  get containers(): readonly ParticleContainer[] {
    return [this.discs, this.deadRings.container, this.inactiveRings.container, this.revivedRings.container];
  }

  /** Places one disc per neuron of `layout`, with shapes drawn at its radius and the renderer's resolution. */
  setLayout(layout: GraphLayout, resolution: number): void {
    if (this.textures === null || this.textures.radius !== layout.radius || this.textures.resolution !== resolution) {
      // Destroying the old shapes now would free textures the last frame's bind groups still use (Pixi
      // warns "a 'textureSource' was destroyed while still bound to a shader"): free them after the next render.
      if (this.textures !== null) this.retired.push(this.textures);
      this.textures = new ShapeTextures(layout.radius, resolution);
      this.discs.texture = this.textures.disc;
      for (const p of this.discs.particleChildren) p.texture = this.textures.disc;
      this.deadRings.setTexture(this.textures.deadRing);
      this.inactiveRings.setTexture(this.textures.inactiveRing);
      this.revivedRings.setTexture(this.textures.revivedRing);
    }
    if (layout === this.layout) return;
    this.layout = layout;
    const texture = this.textures.disc;
    const list = this.discs.particleChildren;
    list.length = 0;
    for (const column of layout.nodes) for (const p of column) list.push(new Particle({ texture, x: p.x, y: p.y, anchorX: 0.5, anchorY: 0.5 }));
    this.discs.update();
  }

  /** Recolours the discs and places the rings for `lane` (after setLayout). */
  draw(lane: LaneSnapshot, palette: GraphPalette): void {
    const layout = this.layout;
    if (layout === null) return;
    const discs = this.discs.particleChildren;
    const last = layout.nodes.length - 1;
    const io = particleColor(palette.io, 1);
    const dead: number[] = [];
    const inactive: number[] = [];
    const inactiveFill = particleColor(palette.inactiveFill, 1);
    const revived: number[] = [];
    let k = 0;
    let index = 0;
    layout.nodes.forEach((column, l) => {
      const hidden = l > 0 && l < last;
      for (const p of column) {
        const disc = discs[k++];
        if (disc === undefined) continue;
        if (!hidden) {
          disc.color = io;
          continue;
        }
        const state = neuronState(lane, index);
        disc.color = state === 'inactive' ? inactiveFill : particleColor(state === 'dead' ? palette.dead : activityColor(lane.activity[index] ?? 0), 1);
        if (state === 'dead') dead.push(p.x, p.y);
        if (state === 'inactive') inactive.push(p.x, p.y);
        if (state === 'revived') revived.push(p.x, p.y);
        index++;
      }
    });
    this.deadRings.container.tint = palette.deadOutline;
    this.deadRings.container.alpha = 0.85;
    this.deadRings.show(dead);
    this.inactiveRings.container.tint = palette.inactive;
    this.inactiveRings.show(inactive);
    this.revivedRings.container.tint = palette.revived;
    this.revivedRings.show(revived);
  }

  /** Frees the shapes replaced before the frame just rendered (call after each render). */
  afterRender(): void {
    for (const t of this.retired) t.destroy();
    this.retired = [];
  }

  /** Frees the shape textures (the containers go with the stage). */
  destroy(): void {
    this.afterRender();
    this.textures?.destroy();
    this.textures = null;
  }
}

/** One fading pulse: an expanding ring around a neuron that was just revived. */
export interface Pulse {
  readonly x: number;
  readonly y: number;
  /** Progress in [0, 1). */
  readonly t: number;
}

/** Draws expanding, fading rings for recent revivals. */
export function drawPulses(g: Graphics, pulses: readonly Pulse[], radius: number, palette: GraphPalette): void {
  g.clear();
  for (const p of pulses) {
    const rr = radius + 3 + radius * 1.6 * p.t;
    g.circle(p.x, p.y, rr).stroke({ width: 2, color: palette.revived, alpha: 0.85 * (1 - p.t) });
  }
}
