/**
 * Owns the engine worker thread: spawns it, connects it to the renderer's port through the relay,
 * autosaves its session (engine-autosave.ts), and when it dies unexpectedly restarts it and loads the
 * last autosave into it, telling the renderer which step came back. A new renderer connection (a reload)
 * gets a fresh worker, because the old one may be waiting forever for the ack of a snapshot that the
 * previous page never saw. Takes a spawn function, so tests run it on real or fake workers.
 */
import type { Experiment } from '../core/protocol/experiment';
import type { DatasetPayload } from '../core/protocol/dataset-payload';
import type { Command, EngineMessage } from '../core/protocol/messages';
import { EngineAutosave, type EngineAutosaveOptions } from './engine-autosave';
import { relayCommand, type RendererPort, safePost } from './engine-relay';
import { type HostNotice, restoredNotice } from './notices';

/** The parts of a node:worker_threads Worker the host uses. */
export interface EngineWorker {
  postMessage(message: unknown): void;
  terminate(): Promise<number>;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (exitCode: number) => void): unknown;
}

/** What the host needs from its environment. */
export interface EngineHostOptions {
  /** Starts a new engine worker (in the app: `new Worker(out/main/engine-worker.js)`). */
  readonly spawn: () => EngineWorker;
  /** Where diagnostics go (the main process's stderr). */
  readonly log: (line: string) => void;
  /** Monotonic clock in milliseconds, for the crash-loop guard. */
  readonly now?: () => number;
  /** At most this many unexpected exits within `crashWindowMs` are restarted; then the host gives up. */
  readonly maxCrashes?: number;
  readonly crashWindowMs?: number;
  /** Autosave settings; without them nothing is saved and a crashed engine restarts with a fresh session. */
  readonly autosave?: Omit<EngineAutosaveOptions, 'log'>;
}

/** Connects renderer ports to a supervised, autosaved engine worker. */
export class EngineHost {
  private worker: EngineWorker | null = null;
  private port: RendererPort | null = null;
  /** Messages that arrived while no renderer was connected (the warm worker's ready + snapshot, notices). */
  private pending: unknown[] = [];
  /** Whether the current worker has ever served a renderer; such a worker is replaced on a new connection. */
  private used = false;
  private crashes: number[] = [];
  private disposed = false;
  private readonly now: () => number;
  private readonly maxCrashes: number;
  private readonly crashWindowMs: number;
  private readonly autosave: EngineAutosave | null;
  /**
   * The rows of the user file the session trains on, as last sent with an init or load: an autosave
   * leaves out rows too big to embed, and a restarted worker needs them back to restore the session.
   */
  private rows: { sha256: string; data: DatasetPayload } | null = null;

  constructor(private readonly options: EngineHostOptions) {
    this.now = options.now ?? (() => performance.now());
    this.maxCrashes = options.maxCrashes ?? 3;
    this.crashWindowMs = options.crashWindowMs ?? 10_000;
    this.autosave = options.autosave === undefined ? null : new EngineAutosave({ ...options.autosave, log: options.log });
  }

  /** The newest autosaved experiment, or null (no autosave configured, or nothing exported yet). */
  get latestAutosave(): Experiment | null {
    return this.autosave?.latest ?? null;
  }

  /** Starts the engine ahead of the first connection, so the first snapshot is ready when the page asks. */
  start(): void {
    if (this.worker === null && !this.disposed) this.spawn();
  }

  /** Attaches a renderer port (closing any previous one) and relays between it and a fresh engine. */
  connect(port: RendererPort): void {
    if (this.disposed) {
      port.close();
      return;
    }
    const previous = this.port;
    this.port = port;
    if (previous !== null) previous.close();
    if (this.worker === null || this.used) this.replaceWorker();
    this.used = true;
    port.onMessage((data) => {
      // Messages from a port that has since been replaced are dropped.
      if (this.port !== port || this.worker === null) return;
      const command = relayCommand(data, this.worker, port);
      if (command === null) return;
      this.noteRows(command);
      this.autosave?.noteCommand(command);
    });
    port.onClose(() => {
      if (this.port === port) this.port = null;
    });
    const queued = this.pending;
    this.pending = [];
    for (const message of queued) safePost(port, message);
  }

  /** Loads an experiment main itself trusts (the autosave offered at launch) into the current engine. */
  load(experiment: Experiment): void {
    this.start();
    this.send({ type: 'load', experiment });
  }

  /** Shows the user a notice on the engine port (kept until a renderer connects). */
  notify(message: HostNotice | EngineMessage): void {
    if (this.port === null) this.pending.push(message);
    else safePost(this.port, message);
  }

  /** For a clean quit: one last autosave (waiting at most `timeoutMs`), then dispose. */
  async shutdown(timeoutMs = 2_000): Promise<void> {
    if (!this.disposed) await this.autosave?.flush(timeoutMs);
    await this.dispose();
  }

  /** Stops the engine and closes the port; nothing restarts afterwards. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.autosave?.dispose();
    this.port?.close();
    this.port = null;
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
    await this.autosave?.whenWritten();
  }

  /** Sends a host-originated (trusted, already valid) command to the engine. */
  private send(command: Command): void {
    if (this.worker === null) return;
    this.worker.postMessage(command);
    this.autosave?.noteCommand(command);
  }

  private noteRows(command: Command): void {
    if ((command.type !== 'init' && command.type !== 'load') || command.data === undefined) return;
    const dataset = command.type === 'init' ? command.spec.dataset : command.experiment.spec.dataset;
    if (dataset.kind === 'file') this.rows = { sha256: dataset.sha256, data: command.data };
  }

  /** The rows to send with an autosave that names a user file without embedding it, if main still has them. */
  private rowsFor(x: Experiment): DatasetPayload | undefined {
    const d = x.spec.dataset;
    return d.kind === 'file' && x.data === undefined && this.rows?.sha256 === d.sha256 ? this.rows.data : undefined;
  }

  private replaceWorker(): void {
    const old = this.worker;
    this.worker = null;
    // Detached first (this.worker no longer points at it), so its exit is not taken for a crash.
    if (old !== null) void old.terminate();
    this.pending = [];
    this.spawn();
  }

  private spawn(): void {
    const worker = this.options.spawn();
    this.worker = worker;
    this.used = false;
    this.autosave?.attach(worker);
    worker.on('message', (message) => {
      if (this.worker !== worker) return;
      if (this.autosave?.noteEngineMessage(message) === true) return; // the host's own export
      if (this.port === null) this.pending.push(message);
      else safePost(this.port, message);
    });
    worker.on('error', (error) => this.options.log(`Engine worker error: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => this.onExit(worker, code));
  }

  private onExit(worker: EngineWorker, code: number): void {
    if (this.worker !== worker || this.disposed) return; // terminated on purpose
    this.worker = null;
    this.autosave?.attach(null);
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.crashWindowMs);
    this.crashes.push(t);
    if (this.crashes.length > this.maxCrashes) {
      this.options.log(`Engine worker exited with code ${code}; it crashed ${this.crashes.length} times in ${this.crashWindowMs / 1000} s, so it is not restarted.`);
      this.notifyError('The engine keeps stopping unexpectedly and was not restarted. Please restart Leaky Lab.');
      return;
    }
    const restore = this.latestAutosave;
    this.pending = [];
    this.spawn();
    // The renderer already holds a port, so the new worker counts as serving it.
    if (this.port !== null) this.used = true;
    if (restore === null) {
      this.options.log(`Engine worker exited unexpectedly with code ${code}; restarting it with a fresh session.`);
      this.notifyError('The engine stopped unexpectedly and was restarted with a fresh session.');
      return;
    }
    this.options.log(`Engine worker exited unexpectedly with code ${code}; restarting it from the autosave at step ${restore.steps}.`);
    const rows = this.rowsFor(restore);
    this.send({ type: 'load', experiment: restore, ...(rows === undefined ? {} : { data: rows }) });
    this.notify(restoredNotice(restore.steps));
  }

  private notifyError(message: string): void {
    this.notify({ type: 'error', message, field: null });
  }
}
