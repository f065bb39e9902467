import { type BornDeadActivation, type BornDeadBiasInit, type BornDeadInit, type BornDeadOptions, bornDeadProblem, type BornDeadRow, bornDeadRow } from '../../core/lab/born-dead';
import type { BornDeadJob, BornDeadReply, BornDeadWorker, BornDeadWorkerFactory } from '../host/born-dead-pool';

/** Nets per job: a few dozen jobs per width keep every core busy to the end and messages cheap. */
export const BORN_DEAD_CHUNK = 1000;

/** The study's defaults: Lu et al.'s setting as docs/lab.md runs it (1 input, depth 9, widths 2-10, He init, zero biases). */
export const BORN_DEAD_DEFAULTS: BornDeadOptions = { inputDim: 1, depth: 9, widths: [2, 3, 5, 10], nets: 20_000, init: 'he_normal', biasInit: 'zero', activation: 'relu', seed: 1 };

/** The born-dead form as the user edits it (numbers as typed). */
export interface BornDeadDraft {
  /** Inputs of the nets (1: the exact interval test; more: points of the cube). */
  readonly inputDim: string;
  readonly depth: string;
  readonly widths: string;
  readonly nets: string;
  readonly init: BornDeadInit;
  readonly biasInit: BornDeadBiasInit;
  readonly activation: BornDeadActivation;
}

/** The options a form describes, or the message naming the field that is wrong (bornDeadProblem's words). */
export function bornDeadOptions(d: BornDeadDraft): BornDeadOptions | string {
  const widths = d.widths.split(/[\s,;]+/).filter((x) => x !== '').map(Number);
  const o: BornDeadOptions = { ...BORN_DEAD_DEFAULTS, inputDim: Number(d.inputDim), depth: Number(d.depth), widths, nets: Number(d.nets), init: d.init, biasInit: d.biasInit, activation: d.activation };
  return bornDeadProblem(o) ?? o;
}

/** Where a born-dead run stands. */
export type BornDeadPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/**
 * The born-dead study on a pool of workers: the nets of every width in chunks (widest first, they cost
 * most), counted per first all-zero layer, so one pass gives the table at every depth up to the options'.
 * Every net depends on (seed, width, index) only: the numbers do not depend on the number of workers.
 */
export class BornDeadRun {
  phase: BornDeadPhase = 'idle';
  /** Why the run failed (a worker's error or crash), or null. */
  failure: string | null = null;
  /** Per width, nets counted so far and their counts per first all-zero layer. */
  private readonly counted = new Map<number, { nets: number; deaths: number[] }>();
  private readonly pool: BornDeadWorker[] = [];
  private jobs: BornDeadJob[] = [];
  private next = 0;
  private answered = 0;
  private started = 0;
  private ended: number | null = null;

  /** Refuses bad options with bornDeadProblem's message (naming the field). */
  constructor(
    readonly options: BornDeadOptions,
    private readonly make: BornDeadWorkerFactory,
    private readonly workers: number,
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {
    const problem = bornDeadProblem(options);
    if (problem !== null) throw new RangeError(problem);
    for (const w of options.widths) this.counted.set(w, { nets: 0, deaths: new Array<number>(options.depth).fill(0) });
  }

  /** Nets counted and in all. */
  get progress(): { readonly nets: number; readonly total: number; readonly netsPerSecond: number | null } {
    const nets = [...this.counted.values()].reduce((n, c) => n + c.nets, 0);
    const seconds = ((this.ended ?? this.now()) - this.started) / 1000;
    return { nets, total: this.options.nets * this.options.widths.length, netsPerSecond: nets === 0 || seconds <= 0 ? null : nets / seconds };
  }

  /** The table at `depth` (1 to the options' depth): one row per width over the nets counted so far. */
  rows(depth = this.options.depth): BornDeadRow[] {
    return this.options.widths.flatMap((w) => {
      const c = this.counted.get(w)!;
      return c.nets === 0 ? [] : [bornDeadRow(w, depth, c.nets, c.deaths)];
    });
  }

  /** Starts the workers (one per core, at most one per job). */
  start(): void {
    if (this.phase !== 'idle') return;
    const o = this.options;
    this.jobs = [...o.widths].sort((a, b) => b - a).flatMap((width) => Array.from({ length: Math.ceil(o.nets / BORN_DEAD_CHUNK) }, (_, k) => ({ options: o, width, from: k * BORN_DEAD_CHUNK, to: Math.min(o.nets, (k + 1) * BORN_DEAD_CHUNK) })));
    this.phase = 'running';
    this.started = this.now();
    const n = Math.max(1, Math.min(this.workers, this.jobs.length));
    for (let i = 0; i < n; i++) {
      const w = this.make(
        (r) => this.answer(w, r),
        (message) => this.fail(`a born-dead worker crashed (${message})`),
      );
      this.pool.push(w);
      this.give(w);
    }
  }

  /** Stops every worker; the nets counted so far stay in the table. */
  cancel(): void {
    if (this.phase !== 'running') return;
    this.stop('cancelled');
  }

  private give(w: BornDeadWorker): void {
    if (this.next < this.jobs.length) w.run(this.jobs[this.next++]!);
  }

  private answer(w: BornDeadWorker, r: BornDeadReply): void {
    if (this.phase !== 'running') return;
    if ('error' in r) {
      this.fail(`nets ${r.from}-${r.to - 1} of width ${r.width}: ${r.error}`);
      return;
    }
    const c = this.counted.get(r.width)!;
    c.nets += r.to - r.from;
    r.deaths.forEach((k, l) => (c.deaths[l]! += k));
    this.answered++;
    if (this.answered === this.jobs.length) this.stop('done');
    else {
      this.give(w);
      this.changed();
    }
  }

  private fail(message: string): void {
    if (this.phase !== 'running') return;
    this.failure = message;
    this.stop('failed');
  }

  private stop(phase: BornDeadPhase): void {
    this.phase = phase;
    this.ended = this.now();
    for (const w of this.pool.splice(0)) w.terminate();
    this.changed();
  }
}
