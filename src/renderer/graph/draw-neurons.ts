import type { Graphics } from 'pixi.js';
import type { LaneSnapshot } from '../../core/protocol/messages';
import { neuronState } from '../state/neuron-state';
import type { GraphLayout } from './layout';
import { activityColor, type GraphPalette } from './palette';

const DASHES = 10;

/** Adds a dashed circle outline to the current path (stroked later in one call). */
function dashedCircle(g: Graphics, x: number, y: number, r: number): void {
  const step = (2 * Math.PI) / DASHES;
  for (let k = 0; k < DASHES; k++) {
    const a = k * step;
    g.moveTo(x + r * Math.cos(a), y + r * Math.sin(a)).arc(x, y, r, a, a + step * 0.5);
  }
}

/**
 * Draws the discs: inputs and outputs neutral; hidden neurons filled by activity rate when alive, grey
 * with a dashed outline when dead, and with a cyan ring when revived recently.
 */
export function drawNeurons(g: Graphics, lane: LaneSnapshot, layout: GraphLayout, palette: GraphPalette): void {
  g.clear();
  const r = layout.radius;
  const last = layout.nodes.length - 1;
  const dead: [number, number][] = [];
  const revived: [number, number][] = [];
  let index = 0;
  layout.nodes.forEach((column, l) => {
    const hidden = l > 0 && l < last;
    for (const p of column) {
      if (!hidden) {
        g.circle(p.x, p.y, r).fill({ color: palette.io });
        continue;
      }
      const state = neuronState(lane, index);
      const color = state === 'dead' ? palette.dead : activityColor(lane.activity[index] ?? 0);
      g.circle(p.x, p.y, r).fill({ color });
      if (state === 'dead') dead.push([p.x, p.y]);
      if (state === 'revived') revived.push([p.x, p.y]);
      index++;
    }
  });
  if (dead.length > 0) {
    for (const [x, y] of dead) dashedCircle(g, x, y, r + 2);
    g.stroke({ width: Math.max(1, r * 0.12), color: palette.deadOutline, alpha: 0.85 });
  }
  if (revived.length > 0) {
    for (const [x, y] of revived) g.circle(x, y, r + 3.5);
    g.stroke({ width: Math.max(1.5, r * 0.28), color: palette.revived, alpha: 1 });
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
