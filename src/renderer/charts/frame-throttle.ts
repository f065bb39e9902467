/**
 * Runs a draw function at most once per animation frame, however often it is requested (snapshots can
 * arrive faster than the screen refreshes, and several inputs of one view may change at once).
 */
export class FrameThrottle {
  private frame = 0;
  private disposed = false;

  constructor(private readonly draw: () => void) {}

  /** Draws on the next animation frame (once, even if requested again before then). */
  request(): void {
    if (this.frame !== 0 || this.disposed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (!this.disposed) this.draw();
    });
  }

  /** Cancels a pending draw; later requests are ignored. */
  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}
