import type { Dataset } from '../data/dataset';
import { type Command, type EngineMessage, parseCommand, PROTOCOL_VERSION } from '../protocol/messages';
import { type Experiment, type ExperimentEvent, type RecycleEvent, withRecycles } from '../protocol/experiment';
import type { DatasetPayload } from '../protocol/dataset-payload';
import { defaultSessionSpec, LIMITS, type SessionSpec } from '../protocol/spec';
import { checkedPayload, datasetFromPayload } from './dataset-codec';
import { activationLabel } from '../nn/activation';
import { cureLr, recoveryFor } from './cure';
import { applyEvent, replay } from './replay';
import { VerifyJob } from './verify-job';
import { exportExperiment } from './export-experiment';
import { openExperiment } from './open-experiment';
import type { MetricLog } from './metric-log';
import { StateStore } from './state-store';
import { DatasetNotFoundError, Session } from './session';
import { StartWeightsError } from './start-weights';
import { CHECKPOINT_EVERY, Timeline } from './timeline';
import { weightMismatches } from './weights';

/** What a host gives the runtime: a way to post messages, a clock, and a way to run code later. */
export interface RuntimeHost {
  /** Sends a message; `transfer` lists buffers to move rather than copy. */
  post(message: EngineMessage, transfer: ArrayBuffer[]): void;
  /** Monotonic time in milliseconds. */
  now(): number;
  /** Runs fn after about delayMs milliseconds (0: as soon as pending messages are handled). */
  later(fn: () => void, delayMs: number): void;
}

/** How the runtime paces itself (milliseconds). */
export interface RuntimeOptions {
  /** Longest stretch of training before the runtime yields to incoming messages. */
  readonly budgetMs: number;
  /** Target interval between snapshots (about 30 per second by default). */
  readonly snapshotIntervalMs: number;
  /** Shortest interval between decision-boundary evaluations while playing (a paused snapshot always has one). */
  readonly boundaryIntervalMs: number;
}

const DEFAULTS: RuntimeOptions = { budgetMs: 8, snapshotIntervalMs: 33, boundaryIntervalMs: 250 };

/**
 * Drives a Session from messages: validates every command, trains in time-boxed slices while playing,
 * and sends snapshots at the target rate with at most one in flight (an unacknowledged snapshot is never
 * followed by another; newer state simply replaces what would have been sent). Training never waits
 * for the consumer.
 */
export class EngineRuntime {
  private session: Session;
  private playing = false;
  private seq = 0;
  private inFlight = false;
  private dirty = true;
  private lastSent = -Infinity;
  private scheduled = false;
  private rateWindow = { start: 0, steps: 0, rate: 0 };
  private options: RuntimeOptions;
  /** Steps per second when limited, or null for as fast as possible. */
  private speed: number | null = null;
  /** Pacing of a limited speed: when it (re)started and how many steps it has taken since. */
  private pace = { start: 0, steps: 0 };
  private lastBoundary = -Infinity;
  /** Changes and checkpoints since the session was (re)built: saved as an experiment, replayed on rewind. */
  private readonly timeline = new Timeline();
  /** A loaded experiment's events beyond its steps (a schedule of hot-swaps), by step; kept for reset. */
  private plan: readonly ExperimentEvent[] = [];
  /** The part of `plan` still ahead of the session. */
  private pending: ExperimentEvent[] = [];
  /** The id of the command being handled (echoed in its error or 'ready'), or undefined. */
  private request: string | undefined = undefined;
  /** Full states at checkpoints, so rewinding, recovering and reopening restore instead of replaying from step 0. */
  private store = new StateStore();
  /** What the consumer holds: the history points of which log (and its generation), and which version of the event list. */
  private sent = { log: null as MetricLog | null, generation: -1, points: 0, events: -1, recycles: null as readonly RecycleEvent[] | null };
  /** Bumped whenever the recorded events change, so a snapshot carries them only then. */
  private eventsVersion = 0;
  /** A verification by replay in progress, or null. */
  private verifying: VerifyJob | null = null;

  constructor(
    private readonly host: RuntimeHost,
    spec: SessionSpec = defaultSessionSpec(),
    options: Partial<RuntimeOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.session = new Session(spec);
    this.capture();
    this.rateWindow.start = host.now();
    host.post({ type: 'ready', protocol: PROTOCOL_VERSION, spec, data: this.session.dataView(), frame: this.session.frame() }, []);
    this.flush();
  }

  /** Handles one untrusted incoming message; invalid ones are answered with an error, never thrown. */
  receive(raw: unknown): void {
    const parsed = parseCommand(raw);
    // Even an invalid command's error names its request, when it has a usable id.
    const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    this.request = typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
    if (!parsed.ok) {
      this.error(parsed.message, parsed.field);
      this.request = undefined;
      return;
    }
    try {
      this.apply(parsed.value);
    } catch (e) {
      // A missing user file is the user's to fix, not an engine fault: say so plainly.
      if (e instanceof DatasetNotFoundError) this.error(e.message, 'spec.dataset');
      else if (e instanceof StartWeightsError) this.error(e.message, e.field);
      else this.error(`Engine error: ${e instanceof Error ? e.message : String(e)}`, null);
    }
    this.request = undefined;
    this.flush();
  }

  private apply(cmd: Command): void {
    switch (cmd.type) {
      case 'init':
        this.rebuild(new Session(cmd.spec, this.rowsFor(cmd.spec, cmd.data)), []);
        return;
      case 'load': {
        const x = cmd.experiment;
        const events = x.events.filter((e) => e.step <= x.steps);
        const rows = this.rowsFor(x.spec, cmd.data ?? (x.data === undefined ? undefined : checkedPayload(x.data)));
        const opened = openExperiment(x, rows);
        this.rebuild(opened.session, events, opened.store);
        if (opened.notice !== null) this.host.post({ type: 'notice', level: 'warning', message: opened.notice }, []);
        else if (x.states === undefined && x.weights !== undefined) this.checkWeights(x.weights);
        // Events beyond the experiment's steps are a schedule: applied live when training reaches them.
        this.plan = x.events.filter((e) => e.step > x.steps).sort((a, b) => a.step - b.step);
        this.pending = [...this.plan];
        return;
      }
      case 'export':
        this.host.post({ type: 'experiment', experiment: exportExperiment(this.session, this.timeline.events, this.store, cmd) }, []);
        return;
      case 'verify':
        this.startVerify();
        return;
      case 'resync':
        this.sent = { log: null, generation: -1, points: 0, events: -1, recycles: null };
        this.dirty = true;
        return;
      case 'rewind':
        if (!this.timeline.has(cmd.step) || cmd.step > this.session.step) {
          this.refuse('step', `step ${cmd.step} is not a checkpoint of this session`);
          return;
        }
        if (cmd.lane !== undefined) {
          if (!this.hasLane(cmd.lane)) return;
          const e: ExperimentEvent = { type: 'rewind-lane', step: this.session.step, lane: cmd.lane, to: cmd.step };
          applyEvent(this.session, e, this.timeline.events, this.store);
          this.recordEvent(e);
          this.dirty = true;
          return;
        }
        this.timeline.truncate(cmd.step);
        this.eventsVersion++;
        this.store.truncate(cmd.step);
        this.replace(replay(this.session.spec, cmd.step, this.timeline.events, this.session.supplied, this.store));
        this.pending = this.plan.filter((e) => e.step > cmd.step);
        return;
      case 'inspect':
        this.session.inspect(cmd.target);
        this.dirty = true;
        return;
      case 'add-lane':
        if (this.session.lanes.length >= LIMITS.maxLanes) {
          this.refuse('lane', `a session has at most ${LIMITS.maxLanes} lanes`);
          return;
        }
        // A new lane has no states yet: the session is replayed from step 0 (refilling the store).
        this.replaceAll(replay({ ...this.session.spec, lanes: [...this.session.spec.lanes, cmd.lane] }, this.session.step, this.timeline.events, this.session.supplied, (this.store = new StateStore())));
        return;
      case 'remove-lane': {
        if (!this.hasLane(cmd.lane)) return;
        if (this.session.lanes.length === 1) {
          this.refuse('lane', 'a session needs at least one lane');
          return;
        }
        this.timeline.removeLane(cmd.lane);
        this.eventsVersion++;
        // Lanes after it are renumbered (and RReLU noise is tied to the position): replayed from step 0.
        const inspected = this.session.inspected;
        this.replaceAll(replay({ ...this.session.spec, lanes: this.session.spec.lanes.filter((_, i) => i !== cmd.lane) }, this.session.step, this.timeline.events, this.session.supplied, (this.store = new StateStore())));
        // The lanes after it were renumbered: an inspected neuron there (or in it) is let go.
        if (inspected !== null && inspected.lane >= cmd.lane) this.session.inspect(null);
        return;
      }
      case 'play':
        this.playing = true;
        this.dirty = true;
        this.pace = { start: this.host.now(), steps: 0 };
        this.schedule(0);
        return;
      case 'set-speed':
        this.speed = cmd.stepsPerSecond;
        this.pace = { start: this.host.now(), steps: 0 };
        this.dirty = true;
        if (this.playing) this.schedule(0);
        return;
      case 'set-snapshot-rate':
        this.options = { ...this.options, snapshotIntervalMs: 1000 / cmd.perSecond };
        return;
      case 'reseed':
        this.rebuild(new Session({ ...this.session.spec, seed: cmd.seed }, this.session.supplied), []);
        return;
      case 'pause':
        this.playing = false;
        this.dirty = true;
        return;
      case 'step':
        for (let i = 0; i < cmd.count; i++) this.stepOnce();
        this.countSteps(cmd.count);
        this.dirty = true;
        return;
      case 'reset':
        this.session.reset();
        this.timeline.restart([]);
        this.eventsVersion++;
        this.store = new StateStore();
        this.capture();
        this.pending = [...this.plan];
        this.dirty = true;
        return;
      case 'set-redo': {
        if (!this.hasLane(cmd.lane)) return;
        const e: ExperimentEvent = { type: 'redo', step: this.session.step, lane: cmd.lane, redo: cmd.redo, tau: cmd.tau };
        applyEvent(this.session, e, []);
        this.recordEvent(e);
        this.dirty = true;
        return;
      }
      case 'set-activation':
      case 'set-lr': {
        if (!this.hasLane(cmd.lane)) return;
        const step = this.session.step;
        const lane = this.session.lanes[cmd.lane]!;
        const lower = cmd.type === 'set-activation' ? cureLr(lane.spec, cmd.activation) : null;
        const e: ExperimentEvent = cmd.type === 'set-lr' ? { type: 'lr', step, lane: cmd.lane, lr: cmd.lr } : { type: 'activation', step, lane: cmd.lane, activation: cmd.activation, ...(lower === null ? {} : { lr: lower }) };
        const before = lane.spec.lr;
        applyEvent(this.session, e, []);
        this.recordEvent(e);
        if (lower !== null) this.host.post({ type: 'notice', level: 'info', message: `Lane ${lane.spec.name}: learning rate lowered from ${before} to ${lower} with the switch to ${activationLabel(lane.spec.activation)}, because the lane has no gradient clipping and its revived neurons would otherwise send it to NaN.` }, []);
        this.dirty = true;
        return;
      }
      case 'recover': {
        if (!this.hasLane(cmd.lane)) return;
        const r = recoveryFor(this.session.lanes[cmd.lane]!, this.timeline.checkpoints);
        if (r === null) {
          this.refuse('lane', `lane ${cmd.lane} has not diverged, so there is nothing to recover`);
          return;
        }
        const e: ExperimentEvent = { type: 'rewind-lane', step: this.session.step, lane: cmd.lane, to: r.to, lr: r.lr };
        applyEvent(this.session, e, this.timeline.events, this.store);
        this.recordEvent(e);
        this.dirty = true;
        return;
      }
      case 'ack':
        if (cmd.seq === this.seq) this.inFlight = false;
        return;
    }
  }

  /** One lockstep step, after applying (and recording) the scheduled events that are due. */
  private stepOnce(): void {
    while (this.pending.length > 0 && this.pending[0]!.step <= this.session.step) {
      const e = { ...this.pending.shift()!, step: this.session.step };
      applyEvent(this.session, e, this.timeline.events, this.store);
      this.recordEvent(e);
    }
    if (this.session.step % CHECKPOINT_EVERY === 0 && !this.store.has(this.session.step)) this.capture();
    this.session.stepAll();
  }

  /**
   * The rows a spec's user file needs: those sent with the command, else the open session's when it is
   * the same file with the same options; null for built-in data (or when missing: Session then refuses).
   */
  private rowsFor(spec: SessionSpec, payload: DatasetPayload | undefined): Dataset | null {
    if (spec.dataset.kind !== 'file') return null;
    if (payload !== undefined) return datasetFromPayload(payload);
    const open = this.session.spec.dataset;
    const same = open.kind === 'file' && open.sha256 === spec.dataset.sha256 && JSON.stringify(open.options) === JSON.stringify(spec.dataset.options);
    return same ? this.session.supplied : null;
  }

  /** Warns (without refusing) when a loaded experiment's saved weights differ from the replay's. */
  private checkWeights(saved: NonNullable<Experiment['weights']>): void {
    const bad = weightMismatches(this.session, saved);
    if (bad.length === 0) return;
    this.host.post({ type: 'notice', level: 'warning', message: `The weights saved in this experiment differ from the replayed ones for lane(s) ${bad.join(', ')}: it was probably saved by another version of Leaky Lab. The replayed numbers are shown.` }, []);
  }

  /** Replaces the session with a new history and its states (stopping play), and announces its spec. */
  private rebuild(session: Session, events: readonly ExperimentEvent[], store = new StateStore()): void {
    this.plan = [];
    this.pending = [];
    this.timeline.restart(events);
    // A session opened at a late step offers its recent periodic checkpoints at once.
    this.timeline.reached(session.step);
    this.eventsVersion++;
    this.store = store;
    // Another history: the inspected neuron stays chosen but its trail starts now (unless the file brought its own).
    const inspected = this.session.inspected;
    this.replace(session, false);
    if (session.inspected === null) session.inspect(inspected);
    this.capture();
  }

  /** Swaps in a session replayed into a new store (lanes changed), and keeps its state now. */
  private replaceAll(session: Session): void {
    this.replace(session);
    this.capture();
  }

  /** Swaps in a replayed session, keeping the timeline (stopping play), and announces its spec. sameHistory: it carries on the inspected neuron's trail. */
  private replace(session: Session, sameHistory = true): void {
    if (sameHistory && session.inspected === null) session.adoptInspection(this.session);
    this.session = session;
    this.playing = false;
    this.dirty = true;
    this.host.post({ type: 'ready', protocol: PROTOCOL_VERSION, spec: session.spec, data: session.dataView(), frame: session.frame(), ...(this.request === undefined ? {} : { request: this.request }) }, []);
  }

  /** Keeps the session's state now as the checkpoint of its step. */
  private capture(): void {
    this.store.put(this.session.saveState());
  }

  /** Records a change applied at the current step, with the state after it. */
  private recordEvent(e: ExperimentEvent): void {
    this.timeline.record(e);
    this.eventsVersion++;
    this.capture();
  }

  /** Starts replaying the session from step 0 to now, a slice at a time; one verification at a time. */
  private startVerify(): void {
    if (this.verifying !== null) {
      this.refuse('type', 'a verification by replay is already running; wait for its answer');
      return;
    }
    this.verifying = new VerifyJob(this.session, this.timeline.events, this.request);
    this.host.later(() => this.verifySlice(), 0);
  }

  /** One time-boxed slice of the verification; the engine answers other messages between slices. */
  private verifySlice(): void {
    const job = this.verifying;
    if (job === null) return;
    const { message, done } = job.slice(() => this.host.now(), this.options.budgetMs);
    if (message !== null) this.host.post(message, []);
    if (done) this.verifying = null;
    else this.host.later(() => this.verifySlice(), 0);
  }

  private refuse(field: string, why: string): void {
    this.error(`Invalid command field "${field}": ${why}`, field);
  }

  /** Posts an error, naming the request it answers. */
  private error(message: string, field: string | null): void {
    this.host.post({ type: 'error', message, field, ...(this.request === undefined ? {} : { request: this.request }) }, []);
  }

  private hasLane(lane: number): boolean {
    if (lane < this.session.lanes.length) return true;
    this.refuse('lane', `there is no lane ${lane} (the session has ${this.session.lanes.length})`);
    return false;
  }

  private schedule(delayMs: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.host.later(() => this.tick(), delayMs);
  }

  /**
   * One slice of training, then maybe a snapshot, then yield. As fast as possible: as many steps as fit
   * the time budget. At a limited speed: the steps due by now (never more than the budget allows), then
   * a timer for the next one, so slow motion does not spin.
   */
  private tick(): void {
    this.scheduled = false;
    if (!this.playing) return;
    const start = this.host.now();
    const due = this.speed === null ? Infinity : Math.floor(((start - this.pace.start) * this.speed) / 1000) - this.pace.steps;
    let steps = 0;
    while (steps < due) {
      this.stepOnce();
      steps++;
      if (this.host.now() - start >= this.options.budgetMs) break;
    }
    this.pace.steps += steps;
    if (steps > 0) {
      this.countSteps(steps);
      this.dirty = true;
    }
    if (this.session.lanes.every((l) => l.diverged !== null)) this.playing = false;
    this.flush();
    if (this.speed === null || steps < due) this.schedule(0);
    else this.schedule(Math.max(1, ((this.pace.steps + 1) * 1000) / this.speed - (this.host.now() - this.pace.start)));
  }

  private countSteps(steps: number): void {
    if (this.timeline.reached(this.session.step)) this.store.retain(this.timeline.checkpoints.map((c) => c.step));
    const now = this.host.now();
    const w = this.rateWindow;
    w.steps += steps;
    if (now - w.start >= 1000) {
      w.rate = (w.steps * 1000) / (now - w.start);
      w.start = now;
      w.steps = 0;
    }
  }

  /** Sends the current state if it changed, nothing is in flight, and the snapshot interval has passed. */
  private flush(): void {
    if (!this.dirty || this.inFlight) return;
    const now = this.host.now();
    if (this.playing && now - this.lastSent < this.options.snapshotIntervalMs) return;
    this.seq++;
    const withBoundary = !this.playing || now - this.lastBoundary >= this.options.boundaryIntervalMs;
    if (withBoundary) this.lastBoundary = now;
    const log = this.session.log;
    const same = this.sent.log === log && this.sent.generation === log.generation;
    const recycles = this.session.recycles;
    const events = this.sent.events === this.eventsVersion && this.sent.recycles === recycles ? null : withRecycles(this.timeline.events, recycles);
    const snapshot = this.session.snapshot(this.seq, this.playing, this.rateWindow.rate, this.speed, withBoundary, this.timeline.checkpoints, same ? this.sent.points : 0, events);
    this.sent = { log, generation: log.generation, points: log.length, events: this.eventsVersion, recycles };
    this.inFlight = true;
    this.dirty = false;
    this.lastSent = now;
    this.host.post({ type: 'snapshot', snapshot }, Session.transferables(snapshot));
  }
}
