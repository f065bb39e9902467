/**
 * Owns the engine worker thread: spawns it, connects it to the renderer's port through the relay, and
 * restarts it with a fresh session when it dies unexpectedly. A new renderer connection (a reload) also
 * gets a fresh worker, because the old one may be waiting forever for the ack of a snapshot that the
 * previous page never saw. Takes a spawn function, so tests run it on real or fake workers.
 */
import type { EngineMessage } from '../core/protocol/messages';
import { relayCommand, type RendererPort, safePost } from './engine-relay';

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
}

/** Connects renderer ports to a supervised engine worker. */
export class EngineHost {
  private worker: EngineWorker | null = null;
  private port: RendererPort | null = null;
  /** Engine messages that arrived while no renderer was connected (the warm worker's ready + snapshot). */
  private pending: unknown[] = [];
  /** Whether the current worker has ever served a renderer; such a worker is replaced on a new connection. */
  private used = false;
  private crashes: number[] = [];
  private disposed = false;
  private readonly now: () => number;
  private readonly maxCrashes: number;
  private readonly crashWindowMs: number;

  constructor(private readonly options: EngineHostOptions) {
    this.now = options.now ?? (() => performance.now());
    this.maxCrashes = options.maxCrashes ?? 3;
    this.crashWindowMs = options.crashWindowMs ?? 10_000;
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
      relayCommand(data, this.worker, port);
    });
    port.onClose(() => {
      if (this.port === port) this.port = null;
    });
    const queued = this.pending;
    this.pending = [];
    for (const message of queued) safePost(port, message);
  }

  /** Stops the engine and closes the port; nothing restarts afterwards. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.port?.close();
    this.port = null;
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
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
    worker.on('message', (message) => {
      if (this.worker !== worker) return;
      if (this.port === null) this.pending.push(message);
      else safePost(this.port, message);
    });
    worker.on('error', (error) => this.options.log(`Engine worker error: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => this.onExit(worker, code));
  }

  private onExit(worker: EngineWorker, code: number): void {
    if (this.worker !== worker || this.disposed) return; // terminated on purpose
    this.worker = null;
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.crashWindowMs);
    this.crashes.push(t);
    if (this.crashes.length > this.maxCrashes) {
      this.options.log(`Engine worker exited with code ${code}; it crashed ${this.crashes.length} times in ${this.crashWindowMs / 1000} s, so it is not restarted.`);
      this.notify('The engine keeps stopping unexpectedly and was not restarted. Please restart Leaky Lab.');
      return;
    }
    this.options.log(`Engine worker exited unexpectedly with code ${code}; restarting it with a fresh session.`);
    this.notify('The engine stopped unexpectedly and was restarted with a fresh session.');
    this.pending = [];
    this.spawn();
    // The renderer already holds a port, so the new worker counts as serving it.
    if (this.port !== null) this.used = true;
  }

  private notify(message: string): void {
    const error: EngineMessage = { type: 'error', message, field: null };
    if (this.port !== null) safePost(this.port, error);
  }
}
