import { resultsByIndex, serializeSweep, sweepWithResults } from '../../core/lab/sweep-file';
import { type Cell, type Run, sweepCells, sweepRuns } from '../../core/lab/sweep-plan';
import type { RunResult } from '../../core/lab/sweep-run';
import { SweepScheduler, type WorkerFactory } from '../../core/lab/sweep-scheduler';
import { type CellSummary, summarizeSweep } from '../../core/lab/sweep-summary';
import { sweepIsRegression } from '../../core/lab/sweep-task';
import { builtInStudies, doesItMatter } from '../../core/lab/studies';
import { type Comparison, sweepVerdict } from '../../core/lab/verdict';
import { parseSweep, SWEEP_MAX_BYTES, type Sweep, sweepBasis } from '../../core/protocol/sweep';
import type { SessionSpec } from '../../core/protocol/spec';
import { type DraftProblem, draftOf, type LabDraft, sweepFromDraft } from './lab-draft';
import { type LabProgress, ProgressMeter } from './lab-progress';

/** Where the Lab's sweep stands. */
export type LabPhase = 'idle' | 'running' | 'pausing' | 'paused' | 'cancelled' | 'done';

/** A run the scheduler gave up (its worker crashed on it twice, or it could not be built). */
export interface LostRun {
  readonly index: number;
  readonly message: string;
}

/** What the Lab needs from the app around it. */
export interface LabContext {
  /** Workers for the sweep (Web Workers in the app) and how many. */
  readonly workers: WorkerFactory;
  readonly poolSize: number;
  /** Hands a file to the user (the host's save). */
  readonly save: (name: string, data: string | Blob) => Promise<void>;
  /** The host clock, in milliseconds. */
  readonly now: () => number;
}

/** Least time between two recomputations of the summaries while runs finish (ms): they bootstrap every cell. */
export const SUMMARY_EVERY_MS = 700;

/** The start of every file name the Lab saves for a sweep: its name in lower case and hyphens. */
export function sweepFileStem(s: Pick<Sweep, 'name'>): string {
  return s.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'sweep';
}

/** The file name a sweep is saved under. */
export function sweepFileName(s: Pick<Sweep, 'name'>): string {
  return `${sweepFileStem(s)}.sweep.json`;
}

/**
 * The Lab's state: the sweep being built or run, its finished runs (kept across pause, cancel and
 * resume), lost runs, progress, and core's summaries and verdict of the finished runs (recomputed at most
 * every SUMMARY_EVERY_MS). The engine and core own every number; this only moves them around.
 */
export class LabController {
  /** The sweep definition the results belong to (results are kept separately, by run index). */
  sweep = $state.raw<Sweep>(doesItMatter());
  /** The builder's form; sweepFromDraft turns it into a sweep. */
  draft = $state.raw<LabDraft>(draftOf(doesItMatter()));
  /** The built-in study the sweep came from, or null (built from the session or opened from a file). */
  study = $state<string | null>('does-it-matter');
  phase = $state<LabPhase>('idle');
  /** Per run index, its result once finished (null before). */
  results = $state.raw<readonly (RunResult | null)[]>([]);
  lost = $state.raw<readonly LostRun[]>([]);
  progress = $state.raw<LabProgress | null>(null);
  summaries = $state.raw<readonly CellSummary[]>([]);
  verdict = $state.raw<readonly Comparison[]>([]);
  /** What the last file action did, for the status line; else null. */
  status = $state<string | null>(null);
  /** The last error (a refused file, a failed save), until dismissed. */
  error = $state<string | null>(null);
  /** The cell whose runs the table lists. */
  selectedCell = $state(0);
  private scheduler: SweepScheduler | null = null;
  private meter: ProgressMeter | null = null;
  private summaryTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSummary = 0;

  constructor(private readonly ctx: LabContext) {
    this.results = Array.from({ length: sweepRuns(this.sweep).length }, () => null);
  }

  /** The cells of the sweep, the first axis varying slowest. */
  get cells(): Cell[] {
    return sweepCells(this.sweep);
  }

  /** Every run of the sweep (cells in order, seeds inside). */
  get runs(): Run[] {
    return sweepRuns(this.sweep);
  }

  /** Whether the sweep's scores are R² (every dataset is a regression). */
  get regression(): boolean {
    return sweepIsRegression(this.sweep);
  }

  /** The form checked: the sweep it describes and its runs, or the field to fix. */
  get checked(): ReturnType<typeof sweepFromDraft> {
    return sweepFromDraft(this.sweep, this.draft);
  }

  /** Whether running the form would start afresh (it describes another sweep than the results'). */
  get edited(): boolean {
    const c = this.checked;
    return c.ok && sweepBasis(c.sweep) !== sweepBasis(this.sweep);
  }

  /** Finished runs. */
  get finished(): number {
    return this.results.filter((r) => r !== null).length;
  }

  /** The form's problem, or null when it describes a valid sweep. */
  get problem(): DraftProblem | null {
    const c = this.checked;
    return c.ok ? null : c.problem;
  }

  /** Whether a sweep is on the workers now (editing, opening and studies wait). */
  get busy(): boolean {
    return this.phase === 'running' || this.phase === 'pausing';
  }

  /** The default sweep on this session: its first lane, ReLU vs Leaky 0.01 vs 0.2 vs PReLU by learning rate. */
  fromSession(spec: SessionSpec | null): void {
    if (spec === null || this.busy) return;
    if (spec.dataset.kind === 'file') {
      this.error = `This session trains on your file ${spec.dataset.name}; the Lab sweeps built-in and bundled datasets. Run the sweep with \`npx leaky-lab sweep\` and the file, or pick a built-in dataset.`;
      return;
    }
    this.adopt(doesItMatter(spec), null, null);
  }

  /** One of the built-in studies (builtInStudies()). */
  useStudy(id: string): void {
    const study = builtInStudies().find((s) => s.id === id);
    if (study === undefined || this.busy) return;
    this.adopt(study.sweep, id, null);
  }

  /** Edits the form (checked as the user types; nothing runs until Run). */
  edit(patch: Partial<LabDraft>): void {
    this.draft = { ...this.draft, ...patch };
  }

  /** Runs the sweep: the form's (afresh, when it was edited) or the missing runs of the current one. */
  run(): void {
    if (this.busy) return;
    const c = this.checked;
    if (!c.ok) return;
    const edited = sweepBasis(c.sweep) !== sweepBasis(this.sweep);
    if (!edited && this.phase === 'paused' && this.scheduler !== null) {
      this.resume();
      return;
    }
    if (edited) this.adopt(c.sweep, this.study, null);
    this.stopScheduler();
    const pending = this.runs.filter((r) => this.results[r.index] === null);
    if (pending.length === 0) {
      this.phase = 'done';
      return;
    }
    this.lost = [];
    const now = this.ctx.now();
    this.meter = new ProgressMeter(this.results.length, this.finished);
    this.meter.resume(now);
    this.phase = 'running';
    const scheduler = new SweepScheduler(pending, this.sweep.steps, this.sweep.target, this.ctx.poolSize, this.ctx.workers, {
      result: (r) => this.record(scheduler, r),
      lost: (index, message) => {
        this.lost = [...this.lost, { index, message }];
        this.meter?.finished(this.ctx.now(), true);
        this.afterRun(scheduler);
      },
      finished: (cancelled) => {
        if (this.scheduler !== scheduler) return;
        this.scheduler = null;
        this.meter?.pause(this.ctx.now());
        this.phase = cancelled ? 'cancelled' : 'done';
        this.refresh(true);
      },
    });
    this.scheduler = scheduler;
    this.refresh(true);
    scheduler.start();
  }

  /** Starts no more runs; those on a worker finish and are kept. */
  pause(): void {
    if (this.phase !== 'running' || this.scheduler === null) return;
    this.scheduler.pause();
    this.phase = 'pausing';
    this.afterRun(this.scheduler);
  }

  /** Goes on after a pause (the same workers), or after a cancel (the missing runs, on fresh workers). */
  resume(): void {
    if (this.phase === 'paused' && this.scheduler !== null) {
      this.meter?.resume(this.ctx.now());
      this.phase = 'running';
      this.scheduler.start();
    } else if (this.phase === 'cancelled' || this.phase === 'paused') this.run();
  }

  /** Drops the scheduler of a paused or cancelled sweep (its workers end; finished runs stay). */
  private stopScheduler(): void {
    const old = this.scheduler;
    this.scheduler = null;
    old?.cancel();
  }

  /** Stops every worker now; the runs on them are dropped, every finished run is kept. */
  cancel(): void {
    this.scheduler?.cancel();
  }

  /** Saves the sweep with its finished runs (a file `leaky-lab sweep` and Open sweep both resume). */
  async save(): Promise<void> {
    const name = sweepFileName(this.sweep);
    try {
      await this.ctx.save(name, serializeSweep(sweepWithResults(this.sweep, this.results)));
      this.status = `Saved ${name} (${this.finished} of ${this.results.length} runs finished)`;
    } catch (e) {
      this.error = `Could not save ${name}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Hands a file the Lab made (CSV, SVG, PNG) to the user, saying so. */
  async export(name: string, data: string | Blob | (() => Promise<Blob>)): Promise<void> {
    try {
      await this.ctx.save(name, typeof data === 'function' ? await data() : data);
      this.status = `Saved ${name}`;
    } catch (e) {
      this.error = `Could not save ${name}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Opens a saved sweep file; a bad one is reported with parseSweep's message and nothing changes. */
  async open(file: File): Promise<void> {
    if (this.busy) return;
    if (file.size > SWEEP_MAX_BYTES) {
      this.error = `${file.name} is ${Math.round(file.size / 1048576)} MB; sweep files are at most ${SWEEP_MAX_BYTES / 1048576} MB.`;
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      this.error = `${file.name} could not be read (${e instanceof Error ? e.message : String(e)}).`;
      return;
    }
    this.openText(file.name, text);
  }

  /** Opens a sweep file's text (see open). */
  openText(name: string, text: string): void {
    const parsed = parseSweep(text, name);
    if (!parsed.ok) {
      this.error = parsed.message;
      return;
    }
    if (parsed.value.base.dataset.kind === 'file') {
      this.error = `${name} sweeps your file ${parsed.value.base.dataset.name}; the Lab runs built-in and bundled datasets only. Run it with \`npx leaky-lab sweep ${name} --data FILE\`.`;
      return;
    }
    this.adopt(parsed.value, null, parsed.value);
    const done = this.finished;
    this.status = `Opened ${name}: ${done} of ${this.results.length} runs finished${done < this.results.length ? '; Run trains the others' : ''}`;
  }

  /** Hides the error. */
  dismissError(): void {
    this.error = null;
  }

  /** Stops the workers (the page is going away). */
  dispose(): void {
    this.stopScheduler();
    if (this.summaryTimer !== null) clearTimeout(this.summaryTimer);
  }

  /** Makes `s` the sweep, with the results a file brought (or none), and the form showing it. */
  private adopt(s: Sweep, study: string | null, withResults: Sweep | null): void {
    const runs = sweepRuns(s).length;
    this.stopScheduler();
    this.sweep = { ...s, results: [] };
    this.study = study;
    this.draft = draftOf(s);
    this.results = withResults === null ? Array.from({ length: runs }, () => null) : resultsByIndex(withResults, runs);
    this.lost = [];
    this.selectedCell = 0;
    this.status = null;
    this.progress = null;
    this.phase = this.finished === runs ? 'done' : this.finished > 0 ? 'cancelled' : 'idle';
    this.refresh(true);
  }

  private record(scheduler: SweepScheduler, r: RunResult): void {
    if (this.scheduler !== scheduler) return;
    const next = [...this.results];
    next[r.index] = r;
    this.results = next;
    this.meter?.finished(this.ctx.now());
    this.afterRun(scheduler);
  }

  /** After a run ended: a pause completes once no run is left on a worker; progress and summaries follow. */
  private afterRun(scheduler: SweepScheduler): void {
    if (this.phase === 'pausing' && scheduler.counts.running === 0) {
      this.meter?.pause(this.ctx.now());
      this.phase = 'paused';
      this.refresh(true);
      return;
    }
    this.refresh(false);
  }

  /** Updates progress now, and the summaries and verdict now (`force`) or within SUMMARY_EVERY_MS. */
  private refresh(force: boolean): void {
    this.progress = this.meter?.read(this.ctx.now()) ?? null;
    const wait = SUMMARY_EVERY_MS - (this.ctx.now() - this.lastSummary);
    if (!force && wait > 0) {
      this.summaryTimer ??= setTimeout(() => {
        this.summaryTimer = null;
        this.summarize();
      }, wait);
      return;
    }
    if (this.summaryTimer !== null) clearTimeout(this.summaryTimer);
    this.summaryTimer = null;
    this.summarize();
  }

  private summarize(): void {
    this.lastSummary = this.ctx.now();
    const cells = this.cells;
    this.summaries = summarizeSweep(cells, this.results);
    this.verdict = sweepVerdict(this.sweep, cells, this.results, this.regression);
  }
}
