import 'pixi.js/unsafe-eval';
import { Application, Container, Graphics, Rectangle } from 'pixi.js';
import type { LaneSnapshot } from '../../core/protocol/messages';
import { FrameScheduler } from '../state/frame-scheduler';
import { EdgeLayer } from './draw-edges';
import { easeTowards } from './ease';
import { drawPulses, NeuronLayer, type Pulse } from './draw-neurons';
import { antialiasAffordable } from './gpu-probe';
import type { GraphLayout } from './layout';
import type { GraphPalette } from './palette';

/** How long the pulse of a fresh revival lasts, in milliseconds of wall time. */
export const PULSE_MS = 1600;
const PULSE_FRAME_MS = 30;
/**
 * Shortest interval between two redraws under a software rasterizer (SwiftShader: headless Chromium, VMs),
 * where every redraw of a canvas costs milliseconds of CPU in the GPU process, taken from training: a
 * lane's graph shows at most 20 states a second there (every snapshot on a hardware GPU).
 */
const SOFTWARE_REDRAW_MS = 50;
/**
 * Time constant of the activity shown between snapshots (ms): each neuron's fill eases towards the newest
 * activity rate instead of jumping, so a fading neuron is seen fading; a reset or a new network snaps.
 */
export const EASE_MS = 120;

/**
 * One lane's network graph drawn with Pixi. It owns no training state: show() hands it the newest lane
 * snapshot and layout, and it redraws in an upcoming animation frame (only then, and while pulses fade),
 * through the app's FrameScheduler.
 */
export class GraphView {
  private readonly edges = new EdgeLayer();
  private readonly neurons = new NeuronLayer();
  private readonly pulses = new Graphics();
  private lane: LaneSnapshot | null = null;
  private layout: GraphLayout | null = null;
  private dirty = false;
  private destroyed = false;
  private readonly drawFrame = (now: number): boolean => this.draw(now);
  private previousRevived: Int32Array | null = null;
  private previousStep = -1;
  private readonly pulseStart = new Map<number, number>();
  private lastRender = -Infinity;
  /** Activity rate per hidden neuron as drawn: eased towards the snapshot's. */
  private shown: Float32Array<ArrayBuffer> | null = null;
  private easing = false;
  private readonly minRedrawMs = antialiasAffordable() ? 0 : SOFTWARE_REDRAW_MS;

  private constructor(
    private readonly app: Application,
    private palette: GraphPalette,
    private readonly scheduler: FrameScheduler,
  ) {
    const stage = new Container();
    stage.addChild(this.edges.container, ...this.neurons.containers, this.pulses);
    app.stage.addChild(stage);
  }

  /**
   * Creates the Pixi application inside `parent`: WebGL preferred (WebGPU does not render headless), drawn
   * only on demand, with a preserved drawing buffer so that screenshots always see the last frame.
   */
  static async create(parent: HTMLElement, width: number, height: number, palette: GraphPalette, scheduler?: FrameScheduler): Promise<GraphView> {
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
    return new GraphView(app, palette, scheduler ?? new FrameScheduler());
  }

  /** The canvas element (for tests and screenshots). */
  get canvas(): HTMLCanvasElement {
    return this.app.canvas;
  }

  /**
   * The graph as last drawn, rendered again at `resolution` device pixels per CSS pixel (an export at 2x
   * whatever the screen's density), as a PNG data URL on a transparent background; null before a layout.
   */
  exportImage(resolution: number): string | null {
    if (this.destroyed || this.layout === null) return null;
    const frame = new Rectangle(0, 0, this.layout.width, this.layout.height);
    const canvas = this.app.renderer.extract.canvas({ target: this.app.stage, resolution, frame }) as HTMLCanvasElement;
    return canvas.toDataURL('image/png');
  }

  /** Stores the newest lane state and layout; drawing happens on the next animation frame. */
  show(lane: LaneSnapshot, layout: GraphLayout): void {
    if (this.destroyed) return;
    if (this.layout === null || layout.width !== this.layout.width || layout.height !== this.layout.height) {
      this.app.renderer.resize(layout.width, layout.height);
    }
    this.trackRevivals(lane);
    // A reset, a rewind or another network: no easing from the old state.
    if (this.shown === null || this.shown.length !== lane.activity.length || (this.lane !== null && lane.step < this.lane.step)) this.shown = lane.activity.slice();
    this.easing = true;
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
    this.scheduler.cancel(this.drawFrame);
    this.app.destroy({ removeView: true }, { children: true });
    this.neurons.destroy();
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
    if (!this.destroyed) this.scheduler.request(this.drawFrame);
  }

  /** Draws the newest state; false when there was nothing to draw yet. */
  private draw(now: number): boolean {
    if (this.destroyed || this.lane === null || this.layout === null) return false;
    // Frames that only advance the pulses are capped at ~30 per second (software GL is not free), new
    // states at 20 per second under a software rasterizer; the newest state is drawn when the time comes.
    if (now - this.lastRender < (this.dirty ? this.minRedrawMs : PULSE_FRAME_MS)) {
      this.request();
      return false;
    }
    const fresh = this.dirty;
    if (fresh) {
      this.edges.draw(this.lane, this.layout, this.palette);
      this.neurons.setLayout(this.layout, this.app.renderer.resolution);
      this.dirty = false;
    }
    if (fresh || this.easing) {
      this.easing = this.ease(now);
      this.neurons.draw(this.shown === null ? this.lane : { ...this.lane, activity: this.shown }, this.palette);
    }
    const pulses = this.activePulses(now);
    drawPulses(this.pulses, pulses, this.layout.radius, this.palette);
    this.app.render();
    this.neurons.afterRender();
    this.lastRender = now;
    if (pulses.length > 0 || this.easing) this.request();
    return true;
  }

  /** Moves the shown activity towards the snapshot's; true while some neuron has not arrived. */
  private ease(now: number): boolean {
    const target = this.lane?.activity;
    if (this.shown === null || target === undefined) return false;
    return easeTowards(this.shown, target, now - this.lastRender, EASE_MS);
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
