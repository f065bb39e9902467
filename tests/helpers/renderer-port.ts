/**
 * The renderer's side of the engine port in main-process tests: a node:worker_threads MessageChannel
 * stands in for Electron's MessageChannelMain (which needs the Electron binary). `wrap` adapts main's
 * end the way src/main/index.ts adapts a MessagePortMain; `Renderer` collects what arrives on the
 * other end and waits for the messages a test expects.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Snapshot } from '../../src/core/protocol/messages';
import type { RendererPort } from '../../src/main/engine-relay';
import type { HostMessage, HostNotice } from '../../src/main/notices';

/** Adapts a worker_threads port to the relay's port interface. */
export function wrap(port: MessagePort): RendererPort {
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage: (listener) => void port.on('message', listener),
    onClose: (listener) => void port.on('close', listener),
    close: () => port.close(),
  };
}

type Of<T extends HostMessage['type']> = Extract<HostMessage, { type: T }>;

/** Collects host messages and waits for the ones a test expects. */
export class Renderer {
  readonly received: HostMessage[] = [];
  private waiters: { match: (m: HostMessage) => boolean; resolve: (m: HostMessage) => void }[] = [];
  closed = false;

  constructor(readonly port: MessagePort) {
    port.on('message', (m: HostMessage) => {
      this.received.push(m);
      const i = this.waiters.findIndex((w) => w.match(m));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(m);
    });
    port.on('close', () => (this.closed = true));
  }

  send(message: unknown): void {
    this.port.postMessage(message);
  }

  /** The first message (already received from index `from` on, or still to come) that matches. */
  next<T extends HostMessage>(match: (m: HostMessage) => m is T, from = 0, timeoutMs = 20_000): Promise<T> {
    const seen = this.received.slice(from).find(match);
    if (seen !== undefined) return Promise.resolve(seen as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; received: ${this.received.map((m) => m.type).join(', ')}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m as T)) });
    });
  }

  /** Acks every snapshot from `from` on until one satisfies `pred` (the engine sends one at a time). */
  async snapshotUntil(pred: (s: Snapshot) => boolean, from = 0, timeoutMs = 30_000): Promise<Snapshot> {
    const deadline = Date.now() + timeoutMs;
    let index = from;
    for (;;) {
      const m = await this.next(isSnapshot, index, Math.max(1, deadline - Date.now()));
      index = this.received.indexOf(m) + 1;
      if (pred(m.snapshot)) return m.snapshot;
      this.send({ type: 'ack', seq: m.snapshot.seq });
    }
  }
}

export const isReady = (m: HostMessage): m is Of<'ready'> => m.type === 'ready';
export const isError = (m: HostMessage): m is Of<'error'> => m.type === 'error';
export const isSnapshot = (m: HostMessage): m is Of<'snapshot'> => m.type === 'snapshot';
export const isExperiment = (m: HostMessage): m is Of<'experiment'> => m.type === 'experiment';
export const isNotice = (m: HostMessage): m is HostNotice => m.type === 'notice';
/** A matcher for snapshots satisfying `pred`. */
export const snapshotWith = (pred: (s: Snapshot) => boolean) => (m: HostMessage): m is Of<'snapshot'> => isSnapshot(m) && pred(m.snapshot);
