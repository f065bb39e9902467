/** Renderer work per animation frame, in milliseconds, over the frames kept. */
export interface FrameSummary {
  /** Frames with renderer work recorded (at most the ring's capacity). */
  readonly frames: number;
  /** Pieces of work outside a frame (snapshots handled) since the last clear. */
  readonly tasks: number;
  /** Draws inside frames (one view redrawn) since the last clear. */
  readonly draws: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * The renderer's work per animation frame: handling each snapshot (the controller's `receive` and the
 * Svelte update it triggers), then drawing the Pixi graphs and the canvas charts in the frame's
 * requestAnimationFrame callback (FrameScheduler). Work done outside a frame (a snapshot arriving) delays
 * the next frame, so it is counted there; a new frame timestamp closes the frame before.
 * Frames in which the renderer did nothing are not recorded. Always on: a few performance.now() calls
 * and one Float64Array write per frame. Read by `npm run bench` (scripts/bench-renderer.mjs) through
 * `window.__leakyLabBench` when the page's URL has `?bench` (exposeForBenchmark).
 */
export class FrameStats {
  private readonly ring: Float64Array;
  /** Frames closed so far (the ring keeps the newest `capacity`). */
  private closed = 0;
  /** requestAnimationFrame timestamp of the open frame (NaN: none open). */
  private frameTime = Number.NaN;
  /** Work recorded in the open frame. */
  private frameWork = 0;
  /** Work done since the open frame, outside any frame: it belongs to the next one. */
  private pending = 0;
  private tasks = 0;
  private draws = 0;

  constructor(readonly capacity = 2048) {
    this.ring = new Float64Array(capacity);
  }

  /** Work outside an animation frame (handling a snapshot), counted in the next frame. */
  addTask(ms: number): void {
    this.pending += ms;
    this.tasks++;
  }

  /** Work done outside a frame since the last one: it will count in the next. */
  get pendingMs(): number {
    return this.pending;
  }

  /** Work inside the animation-frame callback called with timestamp `frameTime`. */
  addFrame(frameTime: number, ms: number): void {
    if (frameTime !== this.frameTime) {
      this.close();
      this.frameTime = frameTime;
      this.frameWork = this.pending;
      this.pending = 0;
    }
    this.frameWork += ms;
    this.draws++;
  }

  /** The work of every kept frame and of the open one, in milliseconds (in ring order, not by time once it wrapped). */
  samples(): Float64Array {
    const n = Math.min(this.closed, this.capacity);
    const open = Number.isNaN(this.frameTime) ? 0 : 1;
    const all = new Float64Array(n + open);
    all.set(this.ring.subarray(0, n));
    if (open === 1) all[n] = this.frameWork;
    return all;
  }

  /** Percentiles (nearest rank) of the work per frame, over the kept frames and the open one. */
  summary(): FrameSummary {
    const all = this.samples().sort();
    const rank = (q: number): number => (all.length === 0 ? 0 : all[Math.min(all.length - 1, Math.ceil(q * all.length) - 1)]!);
    let sum = 0;
    for (const x of all) sum += x;
    return { frames: all.length, tasks: this.tasks, draws: this.draws, p50: rank(0.5), p95: rank(0.95), max: all.length === 0 ? 0 : all[all.length - 1]!, mean: all.length === 0 ? 0 : sum / all.length };
  }

  /** Forgets every recorded frame (a benchmark's warm-up ends). */
  clear(): void {
    this.closed = 0;
    this.frameTime = Number.NaN;
    this.frameWork = 0;
    this.pending = 0;
    this.tasks = 0;
    this.draws = 0;
  }

  private close(): void {
    if (Number.isNaN(this.frameTime)) return;
    this.ring[this.closed % this.capacity] = this.frameWork;
    this.closed++;
  }
}

/** What a `?bench` page exposes as `window.__leakyLabBench`: the frame-work summary, the per-frame samples and a reset. */
export interface BenchHook {
  frames(): FrameSummary;
  samples(): number[];
  clear(): void;
}

/** Exposes `stats` read-only as `window.__leakyLabBench`, only when the page's URL has a `bench` parameter. */
export function exposeForBenchmark(stats: FrameStats, win: Window): void {
  if (!new URLSearchParams(win.location.search).has('bench')) return;
  const hook: BenchHook = Object.freeze({ frames: () => stats.summary(), samples: () => Array.from(stats.samples()), clear: () => stats.clear() });
  Object.defineProperty(win, '__leakyLabBench', { value: hook, enumerable: false });
}
