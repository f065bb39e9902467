/**
 * Autosave of the live session: asks the engine for an `export` every `intervalMs` while it trains and
 * right after every change that the export would record (a hot-swap, a learning-rate change, a load,
 * a rewind...), keeps the newest experiment in memory for crash recovery and hands it to a sink that
 * writes it atomically. Export replies are matched to their requests in order (the worker answers
 * commands one by one), so replies to the host's own exports are consumed here and never reach the
 * renderer, while replies to the renderer's exports pass through (and are kept too).
 */
import type { Experiment } from '../core/protocol/experiment';
import type { Command } from '../core/protocol/messages';
import type { EngineSink } from './engine-relay';

/** Where autosaves go (the user-data folder's autosave file in the app). */
export interface AutosaveSink {
  save(experiment: Experiment): Promise<void>;
}

/** Timer functions, injectable so tests can drive time. */
export interface IntervalTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** How the autosave behaves. */
export interface EngineAutosaveOptions {
  readonly sink: AutosaveSink;
  /** Longest time between autosaves while the engine trains (default 30 s). */
  readonly intervalMs?: number;
  readonly timers?: IntervalTimers;
  /** The experiment to fall back on before the first export (a session restored at launch). */
  readonly initial?: Experiment | null;
  readonly log: (line: string) => void;
}

/** Commands after which the recorded experiment differs: the host exports right after relaying them. */
const CHANGES_EXPERIMENT: ReadonlySet<Command['type']> = new Set(['set-activation', 'set-lr', 'load', 'init', 'reseed', 'reset', 'rewind', 'add-lane', 'remove-lane']);

const DEFAULT_TIMERS: IntervalTimers = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    handle.unref(); // never what keeps a process alive
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Tracks one engine worker at a time and keeps its newest experiment saved. */
export class EngineAutosave {
  private engine: EngineSink | null = null;
  /** Who asked for each export still unanswered, oldest first. */
  private origins: ('host' | 'renderer')[] = [];
  /** A change arrived while the host's export was in flight: export again once it is answered. */
  private again = false;
  private newest: Experiment | null;
  /** The furthest lane step of the last snapshot seen, and whether it was playing. */
  private seenStep = -1;
  private playing = false;
  /** Steps of the newest experiment kept from this engine (null: none yet). */
  private keptStep: number | null = null;
  private queued: Experiment | null = null;
  private writer: Promise<void> | null = null;
  private answered: (() => void)[] = [];
  private readonly timerHandle: unknown;
  private readonly timers: IntervalTimers;

  constructor(private readonly options: EngineAutosaveOptions) {
    this.newest = options.initial ?? null;
    this.timers = options.timers ?? DEFAULT_TIMERS;
    this.timerHandle = this.timers.setInterval(() => this.tick(), options.intervalMs ?? 30_000);
  }

  /** The newest experiment exported (or the initial one): what a crashed engine is restored from. */
  get latest(): Experiment | null {
    return this.newest;
  }

  /** Follows a new engine worker; exports still unanswered by the old one are forgotten. */
  attach(engine: EngineSink | null): void {
    this.engine = engine;
    this.origins = [];
    this.again = false;
    this.seenStep = -1;
    this.playing = false;
    this.keptStep = null;
    for (const resolve of this.answered.splice(0)) resolve();
  }

  /** Called with every validated command that reached the engine (the renderer's or the host's own). */
  noteCommand(cmd: Command): void {
    if (cmd.type === 'export') this.origins.push('renderer');
    else if (CHANGES_EXPERIMENT.has(cmd.type)) this.requestExport(true);
  }

  /** Called with every engine message; true when it answered the host's own export (do not forward it). */
  noteEngineMessage(message: unknown): boolean {
    const m = message as { type?: unknown; snapshot?: { lanes: readonly { step: number }[]; playing: boolean }; experiment?: Experiment };
    if (m.type === 'snapshot' && m.snapshot !== undefined) {
      // The furthest lane is the session's step (a diverged lane stops counting, the others go on).
      this.seenStep = Math.max(...m.snapshot.lanes.map((l) => l.step));
      this.playing = m.snapshot.playing;
      return false;
    }
    if (m.type !== 'experiment' || m.experiment === undefined) return false;
    const origin = this.origins.shift();
    this.keptStep = m.experiment.steps;
    this.keep(m.experiment);
    if (origin !== 'host') return false;
    for (const resolve of this.answered.splice(0)) resolve();
    if (this.again) {
      this.again = false;
      this.requestExport(true);
    }
    return true;
  }

  /** The periodic check: export when the engine is training or has stepped past the last export. */
  tick(): void {
    if (this.playing || this.seenStep !== this.keptStep) this.requestExport(false);
  }

  /** Exports once more and waits (at most `timeoutMs`) until that export is written: for a clean quit. */
  async flush(timeoutMs: number): Promise<void> {
    if (this.engine !== null) {
      const answered = new Promise<void>((resolve) => this.answered.push(resolve));
      this.requestExport(true);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([answered, timeout]);
      clearTimeout(timer);
    }
    await this.whenWritten();
  }

  /** Resolves when every experiment kept so far has been handed to the sink. */
  whenWritten(): Promise<void> {
    return this.writer ?? Promise.resolve();
  }

  /** Stops the timer; pending writes still finish. */
  dispose(): void {
    this.timers.clearInterval(this.timerHandle);
    this.attach(null);
  }

  /** Sends an export unless one of the host's is already in flight (then, for a change, one more after it). */
  private requestExport(afterChange: boolean): void {
    if (this.engine === null) return;
    if (this.origins.includes('host')) {
      if (afterChange) this.again = true;
      return;
    }
    this.origins.push('host');
    // With its states, so that a restarted worker restores the session at once instead of replaying it from step 0.
    this.engine.postMessage({ type: 'export', states: true } satisfies Command);
  }

  /** Remembers an experiment and writes it; writes never overlap, and only the newest waiting one is written. */
  private keep(experiment: Experiment): void {
    this.newest = experiment;
    this.queued = experiment;
    this.writer ??= this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queued !== null) {
      const experiment = this.queued;
      this.queued = null;
      try {
        await this.options.sink.save(experiment);
      } catch (error) {
        this.options.log(`Autosave failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.writer = null;
  }
}
