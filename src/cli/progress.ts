/** Reports progress: a redrawn bar on a terminal, a plain line every 10% otherwise. */
export class Progress {
  private lastDraw = -Infinity;
  private lastDecile = -1;
  private readonly started: number;

  constructor(
    private readonly total: number,
    private readonly out: { isTTY?: boolean; write(s: string): unknown },
    private readonly now: () => number,
  ) {
    this.started = now();
  }

  /** Records that `done` of `total` steps are finished. */
  update(done: number): void {
    const t = this.now();
    const rate = done / Math.max(1e-9, (t - this.started) / 1000);
    if (this.out.isTTY === true) {
      if (t - this.lastDraw < 100 && done < this.total) return;
      this.lastDraw = t;
      const width = 30;
      const filled = Math.round((width * done) / this.total);
      this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor((100 * done) / this.total)).padStart(3)}%  step ${done}/${this.total}  ${Math.round(rate)} steps/s `);
      if (done >= this.total) this.out.write('\n');
      return;
    }
    const decile = Math.floor((10 * done) / this.total);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.out.write(`step ${done}/${this.total} (${decile * 10}%), ${Math.round(rate)} steps/s\n`);
    }
  }
}
