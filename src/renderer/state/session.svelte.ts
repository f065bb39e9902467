import { type ActivationSpec, activationLabel } from '../../core/nn/activation';
import type { Command, EngineMessage, Snapshot } from '../../core/protocol/messages';
import type { SessionSpec } from '../../core/protocol/spec';
import type { EnginePort, Host } from '../host/host';
import { MetricHistory } from './history';

/** Connection status shown in the UI. */
export type Status = 'connecting' | 'ready' | 'failed';


/**
 * The renderer's single source of training state: it keeps only the newest snapshot (acking it at once
 * so the engine can send the next), records chart history, and turns UI intents into engine commands.
 * Views read `snapshot` and draw it; they never own training state.
 */
export class SessionController {
  /** Newest snapshot; typed arrays inside are never deep-proxied. */
  snapshot = $state.raw<Snapshot | null>(null);
  /** Spec of the running session, from the engine's 'ready'. */
  spec = $state.raw<SessionSpec | null>(null);
  status = $state<Status>('connecting');
  /** Last error reported by the engine or the host, until dismissed. */
  error = $state<string | null>(null);
  hostKind = $state<Host['kind'] | null>(null);
  /** Bumped whenever `history` changed (the arrays themselves are plain). */
  historyVersion = $state(0);
  readonly history = new MetricHistory();
  private port: EnginePort | null = null;

  /** Connects to the host's engine; resolves once commands can be sent. */
  async connect(host: Host): Promise<void> {
    this.hostKind = host.kind;
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
    this.history.clear();
    this.historyVersion++;
    this.send({ type: 'reset' });
  }

  /** Hot-swaps a lane's activation (weights kept, no reset) and marks it on the charts. */
  setActivation(lane: number, activation: ActivationSpec): void {
    const step = this.snapshot?.lanes[lane]?.step ?? 0;
    this.history.mark(lane, step, activationLabel(activation));
    this.historyVersion++;
    this.send({ type: 'set-activation', lane, activation });
  }

  /** Changes a lane's learning rate from the next step on. */
  setLearningRate(lane: number, lr: number): void {
    this.send({ type: 'set-lr', lane, lr });
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
        this.status = 'ready';
        return;
      case 'snapshot':
        // Keep only the newest and ack at once: the engine never waits for drawing.
        this.snapshot = m.snapshot;
        this.send({ type: 'ack', seq: m.snapshot.seq });
        if (this.history.add(m.snapshot)) this.historyVersion++;
        return;
      case 'error':
        this.error = m.message;
        if (this.spec === null) this.status = 'failed';
        return;
    }
  }
}
