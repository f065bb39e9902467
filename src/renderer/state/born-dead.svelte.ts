import type { BornDeadOptions, BornDeadRow } from '../../core/lab/born-dead';
import type { BornDeadWorkerFactory } from '../host/born-dead-pool';
import { type BornDeadDraft, bornDeadOptions, BornDeadRun, type BornDeadPhase } from './born-dead-run';

export type { BornDeadDraft } from './born-dead-run';

/** The born-dead study in the Lab: the form, the run on the workers, and its table at every depth. */
export class BornDeadController {
  draft = $state.raw<BornDeadDraft>({ inputDim: '1', depth: '9', widths: '2, 3, 5, 10', nets: '20000', init: 'he_normal', biasInit: 'zero', activation: 'relu' });
  phase = $state<BornDeadPhase>('idle');
  failure = $state<string | null>(null);
  progress = $state.raw<{ readonly nets: number; readonly total: number; readonly netsPerSecond: number | null } | null>(null);
  /** byDepth[d - 1]: the table at depth d, over the nets counted so far. */
  byDepth = $state.raw<readonly (readonly BornDeadRow[])[]>([]);
  /** The options of the run shown (the form may have changed since). */
  shown = $state.raw<BornDeadOptions | null>(null);
  private run: BornDeadRun | null = null;
  private lastDraw = -Infinity;

  constructor(
    private readonly make: BornDeadWorkerFactory,
    private readonly workers: number,
    private readonly now: () => number,
  ) {}

  /** The form checked: the options, or the message naming the field. */
  get checked(): BornDeadOptions | string {
    return bornDeadOptions(this.draft);
  }

  /** Edits the form. */
  edit(patch: Partial<BornDeadDraft>): void {
    this.draft = { ...this.draft, ...patch };
  }

  /** Counts the form's nets on the workers (a run going on is cancelled first). */
  start(): void {
    const o = this.checked;
    if (typeof o === 'string') return;
    this.run?.cancel();
    const run: BornDeadRun = new BornDeadRun(o, this.make, this.workers, this.now, () => {
      if (this.run === run) this.sync(run.phase !== 'running');
    });
    this.run = run;
    this.shown = o;
    run.start();
    this.sync(true);
  }

  /** Stops the workers; the nets counted stay in the table. */
  cancel(): void {
    this.run?.cancel();
  }

  /** Stops the workers for good (the page is going away). */
  dispose(): void {
    this.run?.cancel();
  }

  /** Mirrors the run (the tables at most 10 times a second while it runs: each is a pass over the counts). */
  private sync(now: boolean): void {
    const run = this.run;
    if (run === null) return;
    this.phase = run.phase;
    this.failure = run.failure;
    this.progress = run.progress;
    if (!now && this.now() - this.lastDraw < 100) return;
    this.lastDraw = this.now();
    this.byDepth = Array.from({ length: run.options.depth }, (_, d) => run.rows(d + 1));
  }
}
