import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../src/core/engine/session';
import type { Command, EngineMessage, Snapshot } from '../../../src/core/protocol/messages';
import { makeBundled } from '../../../src/core/data/bundled/bundled';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';
import { bundleEngineWorker } from '../../helpers/bundle-worker';

// These tests run the real engine worker (the bundled src/main/engine-worker.ts) on a real
// worker_threads thread and talk to it only through messages, as the desktop app does.

let workerPath = '';
const workers: Worker[] = [];

beforeAll(async () => {
  workerPath = await bundleEngineWorker();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

/** A worker plus helpers to send commands and await messages matching a predicate. */
function startEngine() {
  const worker = new Worker(workerPath);
  workers.push(worker);
  const inbox: EngineMessage[] = [];
  const waiters: { test: (m: EngineMessage) => boolean; resolve: (m: EngineMessage) => void }[] = [];
  worker.on('message', (m: EngineMessage) => {
    inbox.push(m);
    const i = waiters.findIndex((w) => w.test(m));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(m);
  });
  const next = (test: (m: EngineMessage) => boolean, timeoutMs = 20_000) =>
    new Promise<EngineMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the engine')), timeoutMs);
      waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  const send = (c: Command | unknown) => worker.postMessage(c);
  const snapshot = (test: (s: Snapshot) => boolean = () => true) =>
    next((m) => m.type === 'snapshot' && test(m.snapshot)).then((m) => (m as Extract<EngineMessage, { type: 'snapshot' }>).snapshot);
  /** Acknowledges snapshot `s`, sends `c` and resolves with the next snapshot. */
  const ackAndSend = (s: Snapshot, c: Command) => {
    send({ type: 'ack', seq: s.seq });
    send(c);
    return snapshot();
  };
  return { worker, inbox, next, send, snapshot, ackAndSend };
}

describe('engine worker over worker_threads', () => {
  it('starts ready, then steps, plays and pauses on command', async () => {
    const e = startEngine();
    const first = await e.snapshot();
    expect(e.inbox[0]).toMatchObject({ type: 'ready', protocol: 1 });
    expect(first.lanes).toHaveLength(2);
    expect(first.lanes[0]!.step).toBe(0);
    e.send({ type: 'ack', seq: first.seq });
    e.send({ type: 'step', count: 25 });
    const stepped = await e.snapshot((s) => s.lanes[0]!.step === 25);
    expect(stepped.lanes[0]!.activity).toBeInstanceOf(Float32Array);
    e.send({ type: 'ack', seq: stepped.seq });
    e.send({ type: 'play' });
    let s = await e.snapshot((x) => x.playing);
    while (s.lanes[0]!.step < 500) {
      e.send({ type: 'ack', seq: s.seq });
      s = await e.snapshot();
    }
    e.send({ type: 'pause' });
    // A snapshot taken while playing may still be in flight; ack until the paused state arrives.
    let paused = s;
    while (paused.playing) {
      e.send({ type: 'ack', seq: paused.seq });
      paused = await e.snapshot();
    }
    await new Promise((r) => setTimeout(r, 200));
    e.send({ type: 'ack', seq: paused.seq });
    e.send({ type: 'step', count: 1 });
    const after = await e.snapshot();
    expect(after.lanes[0]!.step).toBe(paused.lanes[0]!.step + 1);
  });

  it('keeps at most one snapshot in flight: without acks, no second snapshot arrives while training goes on', async () => {
    const e = startEngine();
    const first = await e.snapshot();
    e.send({ type: 'play' }); // first is never acked
    await new Promise((r) => setTimeout(r, 800));
    expect(e.inbox.filter((m) => m.type === 'snapshot')).toHaveLength(1);
    e.send({ type: 'ack', seq: first.seq });
    const latest = await e.snapshot();
    // Training went on while the consumer stalled, and the next snapshot is the newest state.
    expect(latest.lanes[0]!.step).toBeGreaterThan(100);
  });

  it('answers bad commands with an error naming the field and keeps running', async () => {
    const e = startEngine();
    const first = await e.snapshot();
    e.send({ type: 'step', count: -1 });
    expect(await e.next((m) => m.type === 'error')).toMatchObject({ field: 'count' });
    e.send({ type: 'set-activation', lane: 9, activation: { kind: 'relu' } });
    expect(await e.next((m) => m.type === 'error')).toMatchObject({ field: 'lane' });
    e.send({ nonsense: true });
    await e.next((m) => m.type === 'error');
    e.send({ type: 'ack', seq: first.seq });
    e.send({ type: 'step', count: 3 });
    expect((await e.snapshot()).lanes[0]!.step).toBe(3);
  });

  it('hot-swaps an activation without resetting, and computes the same weights as the core run directly', async () => {
    const e = startEngine();
    let s = await e.snapshot();
    s = await e.ackAndSend(s, { type: 'step', count: 300 });
    s = await e.ackAndSend(s, { type: 'set-activation', lane: 0, activation: { kind: 'leaky_relu', alpha: 0.1 } });
    expect(s.lanes[0]!.step).toBe(300);
    expect(s.lanes[0]!.activation).toEqual({ kind: 'leaky_relu', alpha: 0.1 });
    s = await e.ackAndSend(s, { type: 'step', count: 200 });

    const direct = new Session(defaultSessionSpec());
    for (let i = 0; i < 300; i++) direct.stepAll();
    direct.setActivation(0, { kind: 'leaky_relu', alpha: 0.1 });
    for (let i = 0; i < 200; i++) direct.stepAll();
    const want = direct.snapshot(0, false, 0);
    for (let lane = 0; lane < 2; lane++) {
      expect(s.lanes[lane]!.weights.map((w) => [...w])).toEqual(want.lanes[lane]!.weights.map((w) => [...w]));
      expect(s.lanes[lane]!.loss).toBe(want.lanes[lane]!.loss);
      expect([...s.lanes[lane]!.dead]).toEqual([...want.lanes[lane]!.dead]);
    }
  });

  it('stops a diverging lane with a reason while the other trains on, and survives a rewind and a save/load round trip', async () => {
    const e = startEngine();
    let s = await e.snapshot();
    const spec = defaultSessionSpec();
    // Unclipped: clipping (the default) would bound its steps.
    spec.lanes[0] = { ...spec.lanes[0]!, activation: { kind: 'identity' }, lr: 100, clipNorm: null };
    s = await e.ackAndSend(s, { type: 'init', spec });
    s = await e.ackAndSend(s, { type: 'step', count: 300 });
    expect(s.lanes[0]!.diverged?.reason).toMatch(/learning rate/);
    expect(s.lanes[1]!.diverged).toBeNull();
    expect(s.lanes[1]!.step).toBe(300);
    s = await e.ackAndSend(s, { type: 'set-activation', lane: 1, activation: { kind: 'tanh' } });
    const atSwap = s.digests;
    s = await e.ackAndSend(s, { type: 'step', count: 1200 });
    expect([s.lanes[1]!.step, ...s.checkpoints.map((c) => c.step)]).toEqual([1500, 0, 300, 1000]);
    s = await e.ackAndSend(s, { type: 'rewind', step: 300 });
    expect(s.digests).toEqual(atSwap);
    s = await e.ackAndSend(s, { type: 'step', count: 50 });
    const before = s.digests;
    e.send({ type: 'ack', seq: s.seq });
    e.send({ type: 'export' });
    const exported = (await e.next((m) => m.type === 'experiment')) as Extract<EngineMessage, { type: 'experiment' }>;

    const other = startEngine();
    const first = await other.snapshot();
    other.send({ type: 'ack', seq: first.seq });
    other.send({ type: 'load', experiment: JSON.parse(JSON.stringify(exported.experiment)) });
    const loaded = await other.snapshot((x) => x.lanes[1]!.step === 350);
    expect(loaded.digests).toEqual(before);
  });

  it('trains on a user file’s rows sent as typed arrays, rewinds one lane, and saves the rows in the experiment', async () => {
    const e = startEngine();
    let s = await e.snapshot();
    const rows = makeBundled('wine');
    const base = defaultSessionSpec();
    const spec = { ...base, lanes: base.lanes.map((l) => ({ ...l, lr: 0.05 })), dataset: { kind: 'file', name: 'wine.csv', sha256: 'b'.repeat(64), bytes: 11_000, options: { target: 'cultivar', task: 'classification', missing: 'drop', oneHotLimit: 16 } } } as const;
    s = await e.ackAndSend(s, { type: 'init', spec, data: rows });
    expect(e.inbox.filter((m) => m.type === 'error')).toEqual([]);
    expect(e.inbox.at(-2)).toMatchObject({ type: 'ready', data: { dims: 13, classes: 3, trainRows: 143, testRows: 35 } });
    s = await e.ackAndSend(s, { type: 'step', count: 1000 });
    const at1000 = s;
    s = await e.ackAndSend(s, { type: 'step', count: 500 });
    s = await e.ackAndSend(s, { type: 'rewind', step: 1000, lane: 1 });
    expect(s.lanes.map((l) => l.step)).toEqual([1500, 1000]);
    expect(s.digests[1]).toBe(at1000.digests[1]);
    e.send({ type: 'ack', seq: s.seq });
    e.send({ type: 'export' });
    const exported = (await e.next((m) => m.type === 'experiment')) as Extract<EngineMessage, { type: 'experiment' }>;
    expect(exported.experiment.data).toMatchObject({ name: rows.name, rows: 178, dims: 13, encoding: 'base64-le' });

    const other = startEngine();
    const first = await other.snapshot();
    other.send({ type: 'ack', seq: first.seq });
    other.send({ type: 'load', experiment: JSON.parse(JSON.stringify(exported.experiment)) });
    const loaded = await other.snapshot((x) => x.lanes[0]!.step === 1500);
    expect(loaded.digests).toEqual(s.digests);
  });
});
