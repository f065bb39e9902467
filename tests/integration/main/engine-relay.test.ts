/**
 * The relay between the renderer's port and the engine, with a real engine worker thread (bundled from
 * src/main/engine-worker.ts) and a node:worker_threads MessageChannel standing in for Electron's
 * MessageChannelMain (which needs the Electron binary).
 */
import { EventEmitter } from 'node:events';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/core/protocol/messages';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';
import { EngineHost, type EngineWorker } from '../../../src/main/engine-host';
import { bundleEngineWorker } from '../../helpers/bundle-worker';
import { isError, isReady, isSnapshot, Renderer, snapshotWith, wrap } from '../../helpers/renderer-port';

let workerPath = '';
beforeAll(async () => {
  workerPath = await bundleEngineWorker();
});

/** A real worker that records what the relay forwards to it. */
class SpyWorker extends Worker {
  readonly forwarded: unknown[] = [];
  override postMessage(value: unknown): void {
    this.forwarded.push(value);
    super.postMessage(value);
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A host on real workers, with a connected renderer. */
function setup(): { host: EngineHost; renderer: Renderer; workers: SpyWorker[]; logs: string[]; connect: () => Renderer } {
  const workers: SpyWorker[] = [];
  const logs: string[] = [];
  const host = new EngineHost({
    spawn: () => {
      const w = new SpyWorker(workerPath);
      workers.push(w);
      return w;
    },
    log: (line) => logs.push(line),
  });
  cleanups.push(() => host.dispose());
  const connect = (): Renderer => {
    const { port1, port2 } = new MessageChannel();
    host.connect(wrap(port1));
    cleanups.push(() => port2.close());
    return new Renderer(port2);
  };
  return { host, renderer: connect(), workers, logs, connect };
}

describe('engine relay with a real engine worker', () => {
  it('passes valid commands to the engine and snapshots back', async () => {
    const { renderer } = setup();
    const ready = await renderer.next(isReady);
    expect(ready.spec).toEqual(defaultSessionSpec());
    const first = await renderer.next(isSnapshot);
    expect(first.snapshot.seq).toBe(1);
    expect(first.snapshot.lanes.map((l) => l.step)).toEqual([0, 0]);
    expect(first.snapshot.lanes[0]!.activity).toBeInstanceOf(Float32Array);

    renderer.send({ type: 'ack', seq: 1 });
    renderer.send({ type: 'step', count: 5 });
    const stepped = await renderer.next(snapshotWith((s) => s.lanes[0]!.step === 5));
    expect(stepped.snapshot.seq).toBe(2);
    expect(stepped.snapshot.lanes[0]!.dead.length).toBe(32);
  });

  it('answers invalid commands with an error naming the field and never forwards them', async () => {
    const { renderer, workers } = setup();
    await renderer.next(isSnapshot);
    const cases: [unknown, string][] = [
      [{ type: 'step', count: -1 }, 'count'],
      [{ type: 'step', count: 1.5 }, 'count'],
      [{ type: 'set-lr', lane: 0, lr: 'fast' }, 'lr'],
      [{ type: 'set-activation', lane: 9, activation: { kind: 'relu' } }, 'lane'],
      [{ type: 'set-activation', lane: 0, activation: { kind: 'leaky_relu', alpha: 2 } }, 'activation.alpha'],
      [{ type: 'init', spec: { ...defaultSessionSpec(), hidden: [] } }, 'spec.hidden'],
      [{ type: 'play', extra: true }, 'extra'],
    ];
    for (const [command, field] of cases) {
      const from = renderer.received.length;
      renderer.send(command);
      const error = await renderer.next(isError, from);
      expect(error.field, JSON.stringify(command)).toBe(field);
      expect(error.message).toContain(`"${field}"`);
    }
    expect(workers[0]!.forwarded).toEqual([]);
  });

  it('survives garbage and keeps working', async () => {
    const { renderer, workers } = setup();
    const first = await renderer.next(isSnapshot);
    let deep: unknown = { type: 'play' };
    for (let i = 0; i < 500; i++) deep = { type: 'step', count: deep };
    const garbage: unknown[] = [
      null,
      undefined,
      0,
      -1,
      Number.NaN,
      'step',
      '{"type":"play"}',
      true,
      [],
      [{ type: 'play' }],
      {},
      { type: 'nope' },
      { type: 42 },
      { type: 'step' },
      { type: 'step', count: Number.POSITIVE_INFINITY },
      { type: 'step', count: 10_000_000 },
      { type: 'set-lr', lane: 0, lr: Number.NaN },
      { type: 'ack', seq: -1 },
      JSON.parse('{"type":"play","__proto__":{"polluted":true}}'),
      { type: 'x'.repeat(1_000_000) },
      new Float32Array(1024),
      new Map([['type', 'play']]),
      new Date(0),
      10n,
      deep,
    ];
    for (const g of garbage) renderer.send(g);
    // Every piece of garbage gets exactly one error back, in order, before the next valid command.
    renderer.send({ type: 'ack', seq: first.snapshot.seq });
    renderer.send({ type: 'step', count: 3 });
    await renderer.next(snapshotWith((s) => s.lanes[0]!.step === 3));
    expect(renderer.received.filter(isError)).toHaveLength(garbage.length);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Only the two valid commands ever reached the engine, each a clean validated value.
    expect(workers[0]!.forwarded).toEqual([{ type: 'ack', seq: first.snapshot.seq }, { type: 'step', count: 3 }]);
    for (const f of workers[0]!.forwarded) expect(parseCommand(f).ok).toBe(true);
  });

  it('relays play, pause and acks so training streams one snapshot at a time', async () => {
    const { renderer } = setup();
    const first = await renderer.next(isSnapshot);
    renderer.send({ type: 'ack', seq: first.snapshot.seq });
    renderer.send({ type: 'play' });
    let seq = first.snapshot.seq;
    for (let i = 0; i < 5; i++) {
      const s = await renderer.next(snapshotWith((x) => x.seq > seq));
      // At most one in flight: nothing newer arrives before this one is acked.
      expect(renderer.received.filter(isSnapshot).at(-1)!.snapshot.seq).toBe(s.snapshot.seq);
      seq = s.snapshot.seq;
      renderer.send({ type: 'ack', seq });
    }
    renderer.send({ type: 'pause' });
    // A snapshot sent before the pause arrived may still be in flight: ack until the paused one comes.
    for (;;) {
      const s = await renderer.next(snapshotWith((x) => x.seq > seq));
      seq = s.snapshot.seq;
      renderer.send({ type: 'ack', seq });
      if (!s.snapshot.playing) {
        expect(s.snapshot.lanes[0]!.step).toBeGreaterThan(0);
        break;
      }
    }
  });
});

describe('engine host supervision', () => {
  it('buffers the warm engine until the renderer connects', async () => {
    const workers: Worker[] = [];
    const host = new EngineHost({ spawn: () => (workers.push(new Worker(workerPath)), workers.at(-1)!), log: () => {} });
    cleanups.push(() => host.dispose());
    host.start();
    await new Promise((r) => setTimeout(r, 500));
    const { port1, port2 } = new MessageChannel();
    cleanups.push(() => port2.close());
    const renderer = new Renderer(port2);
    host.connect(wrap(port1));
    await renderer.next(isReady);
    expect((await renderer.next(isSnapshot)).snapshot.seq).toBe(1);
    expect(workers).toHaveLength(1);
  });

  it('restarts a worker that dies unexpectedly, with a fresh session', async () => {
    const { renderer, workers, logs } = setup();
    const first = await renderer.next(isSnapshot);
    renderer.send({ type: 'ack', seq: first.snapshot.seq });
    renderer.send({ type: 'step', count: 4 });
    await renderer.next(snapshotWith((s) => s.lanes[0]!.step === 4));
    const from = renderer.received.length;
    await workers[0]!.terminate(); // not the host's doing: a crash as far as it knows
    const notice = await renderer.next(isError, from);
    expect(notice.message).toMatch(/restarted with a fresh session/);
    await renderer.next(isReady, from);
    const fresh = await renderer.next(isSnapshot, from);
    expect(fresh.snapshot.seq).toBe(1);
    expect(fresh.snapshot.lanes[0]!.step).toBe(0);
    expect(workers).toHaveLength(2);
    expect(logs.join('\n')).toMatch(/exited unexpectedly/);
    renderer.send({ type: 'ack', seq: 1 });
    renderer.send({ type: 'step', count: 2 });
    await renderer.next(snapshotWith((s) => s.lanes[0]!.step === 2), from);
  });

  it('gives a reconnecting renderer (a reload) a fresh engine and closes the old port', async () => {
    const { renderer: old, workers, connect } = setup();
    const first = await old.next(isSnapshot);
    old.send({ type: 'ack', seq: first.snapshot.seq });
    old.send({ type: 'step', count: 7 });
    await old.next(snapshotWith((s) => s.lanes[0]!.step === 7)); // left unacked, as a reload would
    const renderer = connect();
    await renderer.next(isReady);
    const fresh = await renderer.next(isSnapshot);
    expect(fresh.snapshot.seq).toBe(1);
    expect(fresh.snapshot.lanes[0]!.step).toBe(0);
    expect(workers).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(old.closed).toBe(true);
    // The replaced worker's exit was intended: no restart notice, no third worker.
    expect(renderer.received.filter(isError)).toEqual([]);
    expect(workers).toHaveLength(2);
  });

  it('stops restarting a worker that keeps crashing', () => {
    const fakes: FakeWorker[] = [];
    const posted: unknown[] = [];
    let t = 0;
    const host = new EngineHost({ spawn: () => (fakes.push(new FakeWorker()), fakes.at(-1)!), log: () => {}, now: () => t, maxCrashes: 3, crashWindowMs: 10_000 });
    host.connect({ postMessage: (m) => posted.push(m), onMessage: () => {}, onClose: () => {}, close: () => {} });
    for (let i = 0; i < 4; i++) {
      t += 100;
      fakes.at(-1)!.emit('exit', 1);
    }
    expect(fakes).toHaveLength(4); // the first plus three restarts
    expect(posted.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/not restarted/) });
  });

  it('keeps notices sent before the renderer connects and delivers them on connection', async () => {
    const host = new EngineHost({ spawn: () => new FakeWorker(), log: () => {} });
    host.start();
    host.notify({ type: 'notice', level: 'warning', message: 'settings.json was reset' });
    const posted: unknown[] = [];
    host.connect({ postMessage: (m) => posted.push(m), onMessage: () => {}, onClose: () => {}, close: () => {} });
    expect(posted).toEqual([{ type: 'notice', level: 'warning', message: 'settings.json was reset' }]);
    await host.dispose();
  });

  it('terminates the worker on dispose and does not restart it', async () => {
    const { host, renderer, workers } = setup();
    await renderer.next(isSnapshot);
    await host.dispose();
    await new Promise((r) => setTimeout(r, 100));
    expect(workers).toHaveLength(1);
    expect(workers[0]!.threadId).toBe(-1);
  });
});

/** A stand-in worker for the crash-loop test (no thread behind it). */
class FakeWorker extends EventEmitter implements EngineWorker {
  postMessage(): void {}
  terminate(): Promise<number> {
    return Promise.resolve(0);
  }
}
