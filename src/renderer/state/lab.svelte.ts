import { serializeSweep, sweepWithResults } from '../../core/lab/sweep-file';
import { type Cell, type Run, sweepCells } from '../../core/lab/sweep-plan';
import type { RunResult } from '../../core/lab/sweep-run';
import type { WorkerFactory } from '../../core/lab/sweep-scheduler';
import type { CellSummary } from '../../core/lab/sweep-summary';
import { sweepIsRegression } from '../../core/lab/sweep-task';
import { builtInStudies, doesItMatter } from '../../core/lab/studies';
import type { Comparison } from '../../core/lab/verdict';
import { type Sweep, sweepBasis } from '../../core/protocol/sweep';
import type { DatasetPayload } from '../../core/protocol/dataset-payload';
import type { SessionSpec } from '../../core/protocol/spec';
import type { Summarize } from '../host/summary-client';
import { type DraftProblem, draftOf, type LabDraft, sweepFromDraft } from './lab-draft';
import type { LabProgress } from './lab-progress';
import { type LabPhase, type LostRun, SweepSession } from './lab-session';
import { readSweepFile, sweepFileName } from './sweep-file';
import { SummarySchedule } from './summary-schedule';

export { sweepFileStem } from './sweep-file';

export type { LabPhase, LostRun } from './lab-session';

/** What the Lab needs from the app around it. */
export interface LabContext {
  /** Workers for the sweep (Web Workers in the app), given a user file's rows when it trains on one, and how many. */
  readonly workers: (rows: DatasetPayload | null) => WorkerFactory;
  /** The rows of the user file with this content hash when the explorer has them (the file open there), else null. */
  readonly rowsOf: (sha256: string) => DatasetPayload | null;
  readonly poolSize: number;
  /** Hands a file to the user (the host's save). */
  readonly save: (name: string, data: string | Blob) => Promise<void>;
  /** The host clock, in milliseconds. */
  readonly now: () => number;
  /** Core's summaries and verdict, computed off the page's thread (a Web Worker in the app). */
  readonly summarize: Summarize;
  /** Called when a sweep starts or resumes: the app pauses the explorer's training so the sweep has every core. */
  readonly yieldCores?: () => void;
}

/** The id of the born-dead study's button (lab/born-dead.ts: a table of fresh nets, not a sweep). */
export const BORN_DEAD_STUDY = 'born-dead';


/**
 * The Lab's Svelte state: the builder's form, and a mirror of the sweep session (lab-session.ts: the
 * sweep, its finished and lost runs, phase, progress) with core's summaries and verdict of the finished
 * runs, computed off the page's thread when summary-schedule.ts says. Core owns every number; this only moves them around.
 */
export class LabController {
  /** The sweep definition the results belong to. */
  sweep = $state.raw<Sweep>(doesItMatter());
  /** The builder's form; sweepFromDraft turns it into a sweep. */
  draft = $state.raw<LabDraft>(draftOf(doesItMatter()));
  /** The built-in study the sweep came from, or null (built from the session or opened from a file). */
  study = $state<string | null>('does-it-matter');
  /** What the Lab shows: a sweep, or the born-dead study (not a sweep: it trains nothing). */
  mode = $state<'sweep' | 'born-dead'>('sweep');
  phase = $state<LabPhase>('idle');
  /** Per run index, its result once finished (null before). */
  results = $state.raw<readonly (RunResult | null)[]>([]);
  lost = $state.raw<readonly LostRun[]>([]);
  progress = $state.raw<LabProgress | null>(null);
  summaries = $state.raw<readonly CellSummary[]>([]);
  verdict = $state.raw<readonly Comparison[]>([]);
  /** Finished runs the summaries and verdict shown cover (they lag the results while a summary is out). */
  summarized = $state(0);
  /** What the last file action did, for the status line; else null. */
  status = $state<string | null>(null);
  /** The last error (a refused file, a failed save), until dismissed. */
  error = $state<string | null>(null);
  /** The cell whose runs the table lists. */
  selectedCell = $state(0);
  /** Cells and runs of the sweep (cells in order, seeds inside). */
  cells = $state.raw<readonly Cell[]>([]);
  runs = $state.raw<readonly Run[]>([]);
  private readonly session: SweepSession;
  private readonly schedule: SummarySchedule;
  /** The rows of the user file the sweep trains on, or null (built-in and bundled datasets). */
  private rows: DatasetPayload | null = null;

  constructor(private readonly ctx: LabContext) {
    this.schedule = new SummarySchedule(() => this.summarize(), ctx.now, (fn, ms) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    });
    this.session = new SweepSession({ workers: (reply, crash) => ctx.workers(this.rows)(reply, crash), poolSize: ctx.poolSize, now: ctx.now, changed: (settled) => this.sync(settled) }, doesItMatter());
    this.sync(true);
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
    const rows = spec.dataset.kind === 'file' ? this.ctx.rowsOf(spec.dataset.sha256) : null;
    if (spec.dataset.kind === 'file' && rows === null) {
      this.error = `The Lab needs the rows of your file ${spec.dataset.name}: open it again with Open file… in the explorer (a session restored from an experiment file keeps them in the engine only).`;
      return;
    }
    this.adopt(doesItMatter(spec), null, null, rows);
  }

  /** One of the built-in studies (builtInStudies(), or BORN_DEAD_STUDY). */
  useStudy(id: string): void {
    if (id === BORN_DEAD_STUDY) {
      this.mode = 'born-dead';
      return;
    }
    const study = builtInStudies().find((s) => s.id === id);
    if (study === undefined || this.busy) return;
    this.adopt(study.sweep, id, null, null);
  }

  /** Edits the form (checked as the user types; nothing runs until Run). */
  edit(patch: Partial<LabDraft>): void {
    this.draft = { ...this.draft, ...patch };
  }

  /** Runs the sweep: the form's (afresh, when it was edited) or the missing runs of the current one. */
  run(): void {
    const c = this.checked;
    if (this.busy || !c.ok) return;
    if (sweepBasis(c.sweep) !== sweepBasis(this.sweep)) this.adopt(c.sweep, this.study, null, this.rows);
    this.ctx.yieldCores?.();
    this.session.run();
  }

  /** Starts no more runs; those on a worker finish and are kept. */
  pause(): void {
    this.session.pause();
  }

  /** Goes on after a pause (the same workers) or a cancel (the missing runs only). */
  resume(): void {
    if (this.phase !== 'paused' && this.phase !== 'cancelled') return;
    this.ctx.yieldCores?.();
    this.session.run();
  }

  /** Stops every worker now; the runs on them are dropped, every finished run is kept. */
  cancel(): void {
    this.session.cancel();
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
    const parsed = await readSweepFile(file, (sha) => this.ctx.rowsOf(sha) !== null);
    if (!parsed.ok) {
      this.error = parsed.message;
      return;
    }
    const d = parsed.value.base.dataset;
    this.adopt(parsed.value, null, parsed.value, d.kind === 'file' ? this.ctx.rowsOf(d.sha256) : null);
    const done = this.finished;
    this.status = `Opened ${file.name}: ${done} of ${this.results.length} runs finished${done < this.results.length ? '; Run trains the others' : ''}`;
  }

  /** Hides the error. */
  dismissError(): void {
    this.error = null;
  }

  /** Stops the workers (the page is going away). */
  dispose(): void {
    this.session.dispose();
    this.schedule.dispose();
  }

  /** Makes `s` the sweep, with the results a file brought (or none), its file's rows (or none), and the form showing it. */
  private adopt(s: Sweep, study: string | null, saved: Sweep | null, rows: DatasetPayload | null): void {
    this.mode = 'sweep';
    this.rows = rows;
    this.study = study;
    this.draft = draftOf(s);
    this.selectedCell = 0;
    this.status = null;
    this.session.adopt(s, saved);
  }

  /** Mirrors the session; the summaries and verdict now (`settled`) or when the schedule allows. */
  private sync(settled: boolean): void {
    const s = this.session;
    if (s.sweep !== this.sweep) {
      this.sweep = s.sweep;
      this.cells = sweepCells(s.sweep);
      this.runs = s.runs;
    }
    this.results = s.results;
    this.lost = s.lost;
    this.phase = s.phase;
    this.progress = s.progress();
    this.schedule.want(settled);
  }

  /** Core's summaries and verdict of the finished runs, computed off the page (ctx.summarize); kept if the sweep is still the same. */
  private async summarize(): Promise<void> {
    const sweep = this.sweep;
    const covered = this.finished;
    if (covered === 0) {
      this.summaries = [];
      this.verdict = [];
      this.summarized = 0;
      return;
    }
    try {
      const out = await this.ctx.summarize({ axes: sweep.axes, steps: sweep.steps, cells: this.cells, results: this.results, regression: this.regression });
      if (this.sweep !== sweep) return;
      this.summaries = out.summaries;
      this.verdict = out.verdict;
      this.summarized = covered;
    } catch (e) {
      this.error = `The results could not be summarized: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}
