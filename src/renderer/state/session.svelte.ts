import { scenarios } from '../../core/engine/scenarios';
import type { ActivationSpec } from '../../core/nn/activation';
import type { Experiment } from '../../core/protocol/experiment';
import type { Command, SessionDataView, EngineMessage, SessionFrame, Snapshot } from '../../core/protocol/messages';
import type { DatasetPayload } from '../../core/protocol/dataset-payload';
import type { DatasetRef, RedoSpec, SessionSpec } from '../../core/protocol/spec';
import type { EnginePort, Host } from '../host/host';
import { DatasetFiles } from './dataset-files.svelte';
import { gentleForRealData } from './real-data-lr';
import { ExperimentFiles } from './experiment-files.svelte';
import { FrameStats } from './frame-stats';
import { newestBoundaries } from './snapshot-changes';
import { MetricHistory } from './history';
import { Inspector } from './inspector.svelte';
import { runMenuCommand } from './menu-commands';
import { StartWeightsImport } from './start-weights.svelte';
import { RunLogFiles } from './run-log.svelte';
import { START_SPEED } from './speed';
import { Verification } from './verification.svelte';

/** Connection status shown in the UI. */
export type Status = 'connecting' | 'ready' | 'failed';

/**
 * The renderer's single source of training state: it keeps only the newest snapshot (acking it at once
 * so the engine can send the next), mirrors the engine's metric history, and turns UI intents into engine commands.
 * Views read `snapshot` and draw it; they never own training state.
 */
export class SessionController {
  /** Newest snapshot; typed arrays inside are never deep-proxied. */
  snapshot = $state.raw<Snapshot | null>(null);
  /** Spec of the running session, from the engine's 'ready'. */
  spec = $state.raw<SessionSpec | null>(null);
  /** The session's data (names, sizes, 2-D points), from the engine's 'ready'. */
  data = $state.raw<SessionDataView | null>(null);
  /** What stays fixed for the session (widths, seed, boundary grid): from its 'ready', adopted with the first snapshot after it, so it always matches `snapshot`. */
  frame = $state.raw<SessionFrame | null>(null);
  /** The frame of a 'ready' whose first snapshot has not arrived yet. */
  private nextFrame: SessionFrame | null = null;
  /** Per lane, the newest decision-boundary grid received (snapshots only carry one now and then). */
  boundaries = $state.raw<readonly (Float32Array | null)[]>([]);
  status = $state<Status>('connecting');
  /** The neuron inspector: the neuron open, its activity since, the engine's measurement of it. */
  readonly inspector = new Inspector((c) => this.send(c));
  /** The lane picked with the number keys (highlighted; 0-based), or null before any. */
  selectedLane = $state<number | null>(null);
  /** The scenario last started with one click, or null (cleared when another dataset is chosen). */
  scenario = $state<string | null>(null);
  /** Said once another dataset replaced a scenario's own: its claims were measured on that dataset only; else null. */
  scenarioNote = $state<string | null>(null);
  /** The newest informational notice from the engine (a learning rate lowered with a hot-swap), until dismissed. */
  notice = $state<string | null>(null);
  /** Last error reported by the engine or the host, until dismissed. */
  error = $state<string | null>(null);
  hostKind = $state<Host['kind'] | null>(null);
  /** Bumped whenever `history` changed (the arrays themselves are plain). */
  historyVersion = $state(0);
  /** The engine's metric history and recorded changes, mirrored from the snapshots. */
  readonly history = new MetricHistory();
  /** The newest "Verify by replay" and how it stands. */
  readonly verification = new Verification();
  /** Saving and opening files, and the status line beside the file buttons. */
  readonly files = new ExperimentFiles({ host: () => this.host, send: (c) => this.send(c), request: (k) => this.newRequest(k), fail: (m) => (this.error = m), rowsOf: (h) => this.rowsOf(h) });
  /** Opening the user's dataset files (whatever is on screen) and the file being previewed. */
  readonly datasets = new DatasetFiles(() => this);
  /** Run logs of PyTorch trainings (leaky_lab_monitor.py), opened into their own view. */
  readonly runLogs = new RunLogFiles(() => this.host);
  /** Starting weights from a PyTorch file, for one lane or every lane (a new session from step 0). */
  readonly weights = new StartWeightsImport({ spec: () => (this.spec === null ? null : { ...this.spec, lanes: this.lanesNow(this.spec) }), open: (spec, note) => this.openSpec(spec, note) });
  /** Renderer work per animation frame (snapshot handling here, drawing in the views). */
  readonly frameStats = new FrameStats();
  private port: EnginePort | null = null;
  /** The host (web page or desktop shell) once connected; file opening asks it for native dialogs. */
  host: Host | null = null;
  /** Whether the starting speed was sent (once, after the engine's first 'ready'). */
  private speedSent = false;
  /** The request id of a whole-session rewind sent, until the engine answers it. */
  private pendingRewind: string | null = null;
  /** The request and dataset of an 'init' sent and whom to tell how it went, until the engine answers it. */
  private pendingInit: { readonly id: string; readonly dataset: DatasetRef; readonly done: (error: string | null) => void } | null = null;
  /** Counter of request ids: the engine echoes a command's id in the 'ready' or error that answers it. */
  private requests = 0;

  /** Connects to the host's engine; resolves once commands can be sent. */
  async connect(host: Host): Promise<void> {
    this.host = host;
    this.hostKind = host.kind;
    host.onDesktopEvents?.({
      command: (name) => runMenuCommand(name, this),
      experimentOpened: (name, text) => this.files.openText(name, text),
    });
    try {
      const port = await host.connectEngine();
      this.port = port;
      port.onMessage((m) => this.receive(m));
    } catch (e) {
      this.status = 'failed';
      this.error = `Could not start the training engine: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** True while the engine is training continuously. */
  get playing(): boolean {
    return this.snapshot?.playing ?? false;
  }

  /** Starts continuous training. */
  play(): void {
    this.send({ type: 'play' });
  }

  /** Stops continuous training. */
  pause(): void {
    this.send({ type: 'pause' });
  }

  /** Plays when paused, pauses when playing. */
  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Trains `count` steps at once (also while paused). */
  step(count: number): void {
    this.send({ type: 'step', count });
  }

  /** Restores the initial weights and the spec's activations in every lane. */
  reset(): void {
    this.send({ type: 'reset' });
  }

  /** Hot-swaps a lane's activation (weights kept, no reset); the engine records it, and the charts mark it. */
  setActivation(lane: number, activation: ActivationSpec): void {
    this.send({ type: 'set-activation', lane, activation });
  }

  /** Changes a lane's learning rate from the next step on. */
  setLearningRate(lane: number, lr: number): void {
    this.send({ type: 'set-lr', lane, lr });
  }

  /** Turns ReDo on (every K steps, threshold tau) or off (null) for a lane from the next step on, with its dormant threshold tau. */
  setRedo(lane: number, redo: RedoSpec | null, tau: number): void {
    this.send({ type: 'set-redo', lane, redo, tau });
  }

  /** Limits training to `stepsPerSecond` (null: as fast as possible). */
  setSpeed(stepsPerSecond: number | null): void {
    this.send({ type: 'set-speed', stepsPerSecond });
  }

  /** Checks the session by replaying it from step 0 in the engine (training goes on meanwhile). */
  verify(): void {
    const id = this.newRequest('verify');
    this.verification.start(id);
    this.send({ type: 'verify', id });
  }

  /** Opens the inspector of hidden neuron `index` of `lane` (null closes it). */
  inspect(lane: number | null, index: number): void {
    this.inspector.open(lane, index, this.snapshot);
  }

  /**
   * Rewinds to checkpoint `step`: the whole session (a replay: later changes are dropped, the charts keep
   * what came before) or, with `lane`, only that lane, which trains on from there while the others go on.
   */
  rewind(step: number, lane?: number): void {
    if (lane === undefined) {
      this.pendingRewind = this.newRequest('rewind');
      this.send({ type: 'rewind', id: this.pendingRewind, step });
    } else this.send({ type: 'rewind', step, lane });
  }

  /**
   * Recovers a diverged lane: the engine rewinds it alone to its last checkpoint before the divergence
   * with its learning rate halved (a recorded lane rewind, snapshot.lanes[lane].recovery); the others keep training.
   */
  recover(lane: number): void {
    this.send({ type: 'recover', lane });
  }

  /** Highlights lane `lane` (number keys); false when there is no such lane. */
  selectLane(lane: number): boolean {
    if (lane >= (this.snapshot?.lanes.length ?? 0)) return false;
    this.selectedLane = lane;
    return true;
  }

  /** Loads a scenario's experiment and plays it (its scheduled hot-swaps happen on their own). */
  runScenario(id: string, experiment: Experiment, speed: number | null): void {
    this.scenario = id;
    this.scenarioNote = null;
    this.send({ type: 'load', experiment });
    this.setSpeed(speed);
    this.play();
  }

  /** What changeDataset adjusted beyond the dataset (a learning rate lowered for real data), for the status line; else null. */
  datasetNote: string | null = $state(null);

  /**
   * Starts a new session on another dataset with the network and the lanes as they are now (hot-swapped
   * activations included); `data` carries a user file's rows. Resolves with null once the engine is ready
   * on it, or with the engine's message when it refused, in which case the open session is untouched.
   * `testFraction`, when given, replaces the spec's split (the preview's offer for a file too small for it).
   */
  changeDataset(dataset: DatasetRef, data?: DatasetPayload, testFraction?: number): Promise<string | null> {
    const spec = this.spec;
    if (spec === null || this.port === null) return Promise.resolve('The training engine is not running.');
    const { lanes, note } = gentleForRealData(dataset, this.lanesNow(spec));
    this.datasetNote = note;
    this.pendingInit?.done('Another dataset was chosen before this one was ready.');
    return new Promise((resolve) => {
      const id = this.newRequest('init');
      const done = (error: string | null) => {
        // The rows of a user file the engine took, kept for the Lab's sweeps and the runs it opens here.
        if (error === null && dataset.kind === 'file' && data !== undefined) this.fileRows = { sha256: dataset.sha256, data };
        resolve(error);
      };
      this.pendingInit = { id, dataset, done };
      this.send({ type: 'init', id, spec: { ...spec, dataset, lanes, ...(testFraction === undefined ? {} : { testFraction }) }, ...(data === undefined ? {} : { data }) });
    });
  }

  /** The spec's lanes as they train now: hot-swapped activations and changed rates kept (what a new session on other data or weights starts from). */
  private lanesNow(spec: SessionSpec): SessionSpec['lanes'] {
    return spec.lanes.map((l, i) => {
      const now = this.snapshot?.lanes[i];
      // The spec's learning rate stays unless the user changed it (a schedule's current rate is not a new base rate).
      return now === undefined ? l : { ...l, activation: now.activation, lr: l.schedule.kind === 'constant' ? now.lr : l.lr };
    });
  }

  /** The rows of the user file last trained on (a dataset change with the file), or null. */
  fileRows: { readonly sha256: string; readonly data: DatasetPayload } | null = null;

  /** The rows of the user file with this content hash, if it is the one last trained on; else null. */
  rowsOf(sha256: string): DatasetPayload | null {
    return this.fileRows?.sha256 === sha256 ? this.fileRows.data : null;
  }

  /**
   * Starts a new session from `spec` (a sweep's run opened from the Lab: its one lane, seed and settings;
   * a user file's rows when it is the one open here); resolves with null once the engine is ready on it (then `note` is the status line), or with the
   * engine's message when it refused, in which case the open session is untouched.
   */
  openSpec(spec: SessionSpec, note: string): Promise<string | null> {
    if (this.port === null) return Promise.resolve('The training engine is not running.');
    const data = spec.dataset.kind === 'file' ? this.rowsOf(spec.dataset.sha256) : null;
    if (spec.dataset.kind === 'file' && data === null) return Promise.resolve(`its dataset is your file ${spec.dataset.name}, which is not open here; open it with Open file… first.`);
    this.pendingInit?.done('Another session was opened before this one was ready.');
    return new Promise((resolve) => {
      const id = this.newRequest('init');
      const done = (error: string | null) => {
        if (error === null) this.files.status = note;
        resolve(error);
      };
      this.pendingInit = { id, dataset: spec.dataset, done };
      this.send({ type: 'init', id, spec, ...(data === null ? {} : { data }) });
    });
  }

  /** A fresh request id for a command whose answer must be matched to it. */
  private newRequest(kind: string): string {
    this.requests++;
    return `${kind}-${this.requests}`;
  }

  /** After a 'ready': settles a pending dataset change when this 'ready' answers it. */
  private datasetChanged(request: string | undefined): void {
    const init = this.pendingInit;
    if (init === null || request !== init.id) return;
    this.pendingInit = null;
    // The highlighted scenario no longer describes what runs: its data is gone.
    const last = scenarios().find((sc) => sc.id === this.scenario);
    this.scenarioNote = last?.datasetBound === true ? `The "${last.title}" scenario's claims were measured on its own dataset only; they are not checked on this one.` : null;
    this.scenario = null;
    init.done(null);
  }

  /** Hides the engine's notice. */
  dismissNotice(): void {
    this.notice = null;
  }

  /** Hides the current error. */
  dismissError(): void {
    this.error = null;
  }

  /** Closes the engine connection. */
  dispose(): void {
    this.port?.close();
    this.port = null;
  }

  private send(cmd: Command): void {
    this.port?.post(cmd);
  }

  private receive(m: EngineMessage): void {
    switch (m.type) {
      case 'ready':
        this.spec = m.spec;
        this.data = m.data;
        this.nextFrame = m.frame;
        this.status = 'ready';
        this.boundaries = [];
        if (!this.speedSent) {
          this.speedSent = true;
          this.setSpeed(START_SPEED);
        }
        // The charts follow the engine's history (its next snapshot carries the points kept, or none).
        if (this.pendingRewind !== null && m.request === this.pendingRewind) {
          // A rewind keeps the inspector open (the engine keeps measuring its neuron).
          this.pendingRewind = null;
        } else this.inspector.close();
        // An experiment file opened: what runs is that file, not the scenario last clicked.
        if (this.files.loaded(m.request)) {
          this.scenario = null;
          this.scenarioNote = null;
        }
        this.datasetChanged(m.request);
        return;
      case 'snapshot': {
        const start = performance.now();
        // The history points since the last snapshot; a gap (a snapshot missed) asks the engine for all of them.
        const applied = this.history.apply(m.snapshot);
        if (applied === 'resync') this.send({ type: 'resync' });
        else if (applied === 'changed') this.historyVersion++;
        if (this.nextFrame !== null) {
          this.frame = this.nextFrame;
          this.nextFrame = null;
        }
        this.inspector.receive(m.snapshot);
        // Keep only the newest and ack at once: the engine never waits for drawing.
        this.snapshot = m.snapshot;
        this.send({ type: 'ack', seq: m.snapshot.seq });
        this.boundaries = newestBoundaries(this.boundaries, m.snapshot);
        // The views update in Svelte's flush, a microtask queued by the first assignment above: this runs after it.
        queueMicrotask(() => this.frameStats.addTask(performance.now() - start));
        return;
      }
      case 'experiment':
        this.files.exported(m.experiment);
        return;
      case 'progress':
      case 'verified':
        this.verification.receive(m);
        return;
      case 'notice':
        // The desktop shell speaks (an engine restart with its restored step, a settings reset), or the engine.
        if (m.level === 'warning') this.error = m.message;
        else {
          // Also the engine's own: a learning rate lowered with a hot-swap (shown beside the diagnosis too).
          this.files.status = m.message;
          this.notice = m.message;
        }
        return;
      case 'error':
        // Matched by request id: an error never lands on a request it does not answer.
        if (this.pendingRewind !== null && m.request === this.pendingRewind) this.pendingRewind = null;
        if (this.verification.receive(m)) return;
        if (this.pendingInit !== null && m.request === this.pendingInit.id) {
          // The chooser shows why in place; the open session is untouched.
          this.pendingInit.done(m.message);
          this.pendingInit = null;
        } else if (!this.files.failed(m.request, m.message)) this.error = m.message;
        if (this.spec === null) this.status = 'failed';
        return;
    }
  }
}

