import { FrameScheduler } from '../state/frame-scheduler';

/**
 * Runs a draw function at most once per animation frame, however often it is requested (snapshots can
 * arrive faster than the screen refreshes, and several inputs of one view may change at once), through
 * the app's FrameScheduler when given (which also times it and may hold it a frame when the frame is
 * full), else through one of its own.
 */
export class FrameThrottle {
  private disposed = false;
  private readonly scheduler: FrameScheduler;
  private readonly run = (): void => this.draw();

  constructor(
    private readonly draw: () => void,
    scheduler?: FrameScheduler,
  ) {
    this.scheduler = scheduler ?? new FrameScheduler();
  }

  /** Draws in an upcoming animation frame (once, even if requested again before then). */
  request(): void {
    if (!this.disposed) this.scheduler.request(this.run);
  }

  /** Cancels a pending draw; later requests are ignored. */
  dispose(): void {
    this.disposed = true;
    this.scheduler.cancel(this.run);
  }
}
