import 'pixi.js/unsafe-eval';
import { Application, Container, Graphics } from 'pixi.js';
import type { LaneSnapshot } from '../../core/protocol/messages';
import { drawEdges } from './draw-edges';
import { drawNeurons, drawPulses, type Pulse } from './draw-neurons';
import { antialiasAffordable } from './gpu-probe';
import type { GraphLayout } from './layout';
import type { GraphPalette } from './palette';

/** How long the pulse of a fresh revival lasts, in milliseconds of wall time. */
export const PULSE_MS = 1600;
const PULSE_FRAME_MS = 30;

/**
 * One lane's network graph drawn with Pixi. It owns no training state: show() hands it the newest lane
 * snapshot and layout, and it redraws on the next animation frame (only then, and while pulses fade).
 */
export class GraphView {
  private readonly edges = new Graphics();
  private readonly discs = new Graphics();
  private readonly pulses = new Graphics();
  private lane: LaneSnapshot | null = null;
  private layout: GraphLayout | null = null;
  private dirty = false;
  private frame = 0;
  private destroyed = false;
  private previousRevived: Int32Array | null = null;
  private previousStep = -1;
  private readonly pulseStart = new Map<number, number>();
  private lastRender = -Infinity;

  private constructor(
    private readonly app: Application,
    private palette: GraphPalette,
  ) {
    const stage = new Container();
    stage.addChild(this.edges, this.discs, this.pulses);
    app.stage.addChild(stage);
  }

  /**
   * Creates the Pixi application inside `parent`: WebGL preferred (WebGPU does not render headless), drawn
   * only on demand, with a preserved drawing buffer so that screenshots always see the last frame.
   */
  static async create(parent: HTMLElement, width: number, height: number, palette: GraphPalette): Promise<GraphView> {
    const app = new Application();
    await app.init({
      preference: 'webgl',
      width: Math.max(1, width),
      height: Math.max(1, height),
      backgroundAlpha: 0,
      antialias: antialiasAffordable(),
      resolution: Math.min(2, window.devicePixelRatio || 1),
      autoDensity: true,
      autoStart: false,
      sharedTicker: false,
      preserveDrawingBuffer: true,
      powerPreference: 'low-power',
    });
    app.ticker.stop();
    app.canvas.setAttribute('aria-hidden', 'true');
    app.canvas.dataset['testid'] = 'graph-canvas';
    parent.appendChild(app.canvas);
    return new GraphView(app, palette);
  }

  /** The canvas element (for tests and screenshots). */
  get canvas(): HTMLCanvasElement {
    return this.app.canvas;
  }

  /** Stores the newest lane state and layout; drawing happens on the next animation frame. */
  show(lane: LaneSnapshot, layout: GraphLayout): void {
    if (this.destroyed) return;
    if (this.layout === null || layout.width !== this.layout.width || layout.height !== this.layout.height) {
      this.app.renderer.resize(layout.width, layout.height);
    }
    this.trackRevivals(lane);
    this.lane = lane;
    this.layout = layout;
    this.dirty = true;
    this.request();
  }

  /** Switches colours (theme change) and redraws. */
  setPalette(palette: GraphPalette): void {
    this.palette = palette;
    this.dirty = true;
    this.request();
  }

  /** Stops drawing and frees the WebGL context; the canvas is removed. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    cancelAnimationFrame(this.frame);
    this.app.destroy({ removeView: true }, { children: true });
  }

  private trackRevivals(lane: LaneSnapshot): void {
    const prev = this.previousRevived;
    if (lane.step < this.previousStep || prev === null || prev.length !== lane.lastRevived.length) this.pulseStart.clear();
    else {
      const now = performance.now();
      for (let i = 0; i < lane.lastRevived.length; i++) {
        if (lane.lastRevived[i]! >= 0 && lane.lastRevived[i] !== prev[i]) this.pulseStart.set(i, now);
      }
    }
    this.previousRevived = lane.lastRevived.slice();
    this.previousStep = lane.step;
  }

  private request(): void {
    if (this.frame === 0 && !this.destroyed) this.frame = requestAnimationFrame((t) => this.draw(t));
  }

  private draw(now: number): void {
    this.frame = 0;
    if (this.destroyed || this.lane === null || this.layout === null) return;
    // Frames that only advance the pulses are capped at ~30 per second (software GL is not free).
    if (!this.dirty && now - this.lastRender < PULSE_FRAME_MS) {
      this.request();
      return;
    }
    if (this.dirty) {
      drawEdges(this.edges, this.lane, this.layout, this.palette);
      drawNeurons(this.discs, this.lane, this.layout, this.palette);
      this.dirty = false;
    }
    const pulses = this.activePulses(now);
    drawPulses(this.pulses, pulses, this.layout.radius, this.palette);
    this.app.render();
    this.lastRender = now;
    if (pulses.length > 0) this.request();
  }

  private activePulses(now: number): Pulse[] {
    const layout = this.layout;
    const lane = this.lane;
    if (layout === null || lane === null) return [];
    const positions = layout.nodes.slice(1, -1).flat();
    const out: Pulse[] = [];
    for (const [i, start] of this.pulseStart) {
      const t = (now - start) / PULSE_MS;
      const p = positions[i];
      if (t >= 1 || p === undefined || lane.dead[i] === 1) {
        this.pulseStart.delete(i);
        continue;
      }
      out.push({ x: p.x, y: p.y, t: Math.max(0, t) });
    }
    return out;
  }
}
