import { getContext, setContext } from 'svelte';
import type { FrameStats } from './frame-stats';

/** A draw run in an animation frame, given the frame's timestamp; false when it turned out to have nothing to do. */
export type FrameDraw = (time: number) => boolean | void;

/** Renderer work per frame (snapshot handling, then draws) after which the remaining draws wait a frame. */
export const FRAME_BUDGET_MS = 4;

/**
 * Runs the renderer's draws (network graphs, charts, panels) in animation frames, within a budget: each
 * frame runs the queued draws in the order they were requested until the frame's renderer work (the
 * snapshot handling since the last frame, then the draws so far) reaches `budgetMs`; the others keep
 * their place for the next frame. So a frame never grows much past the budget: when the machine cannot
 * redraw every view for every snapshot, the views take turns and each one shows the newest data when
 * it draws. The first draw of a frame always runs. A draw requested again while queued runs once.
 */
export class FrameScheduler {
  private readonly queue = new Set<FrameDraw>();
  private frame = 0;

  constructor(
    private readonly stats?: FrameStats,
    readonly budgetMs = FRAME_BUDGET_MS,
  ) {}

  /** Runs `draw` in an upcoming animation frame (once, however often it is requested before then). */
  request(draw: FrameDraw): void {
    this.queue.add(draw);
    if (this.frame === 0) this.frame = requestAnimationFrame((time) => this.run(time));
  }

  /** Drops `draw` if it is waiting. */
  cancel(draw: FrameDraw): void {
    this.queue.delete(draw);
  }

  private run(time: number): void {
    this.frame = 0;
    let spent = this.stats?.pendingMs ?? 0;
    let ran = 0;
    // Draws requested while this frame runs (a view animating) wait for the next one.
    for (const draw of [...this.queue]) {
      if (ran > 0 && spent >= this.budgetMs) break;
      if (!this.queue.delete(draw)) continue;
      const start = performance.now();
      const drew = draw(time);
      const ms = performance.now() - start;
      if (drew === false) continue;
      spent += ms;
      ran++;
      this.stats?.addFrame(time, ms);
    }
    if (this.queue.size > 0 && this.frame === 0) this.frame = requestAnimationFrame((t) => this.run(t));
  }

  /** Stops: a waiting frame is cancelled (views are destroyed with the app). */
  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.queue.clear();
  }
}

const KEY = Symbol('frame-scheduler');

/** Makes `scheduler` the one the components below draw through (call during the owning component's setup). */
export function provideFrameScheduler(scheduler: FrameScheduler): void {
  setContext(KEY, scheduler);
}

/** The app's FrameScheduler, or undefined outside the app (call during component setup). */
export function useFrameScheduler(): FrameScheduler | undefined {
  return getContext<FrameScheduler | undefined>(KEY);
}
