/**
 * Autosave and crash recovery with the real engine worker (bundled from src/main/engine-worker.ts) on
 * real threads and real files: the host exports right after a hot-swap and periodically while training,
 * writes the experiment atomically, and when the worker is killed mid-training restarts it from that
 * autosave with bit-identical weights (snapshot.digests) at the autosaved step.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/math/rng';
import { type Experiment, parseExperiment } from '../../../src/core/protocol/experiment';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';
import { autosaveFile, autosavePaths, clearCleanExit, markCleanExit, readRecoveryInput } from '../../../src/main/autosave-files';
import type { AutosaveSink } from '../../../src/main/engine-autosave';
import { EngineHost } from '../../../src/main/engine-host';
import { decideRecovery } from '../../../src/main/recovery';
import { bundleEngineWorker } from '../../helpers/bundle-worker';
import { isExperiment, isNotice, isSnapshot, Renderer, wrap } from '../../helpers/renderer-port';

let workerPath = '';
beforeAll(async () => {
  workerPath = await bundleEngineWorker();
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A temp user-data folder, removed after the test. */
function userData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leaky-lab-autosave-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A host on real workers autosaving into `dir`, plus a connected renderer and a log of what was saved. */
function setup(dir: string, intervalMs: number) {
  const paths = autosavePaths(dir);
  const file = autosaveFile(paths);
  const saved: Experiment[] = [];
  const sink: AutosaveSink = { save: async (e) => (saved.push(e), file.save(e)) };
  const workers: Worker[] = [];
  const host = new EngineHost({ spawn: () => (workers.push(new Worker(workerPath)), workers.at(-1)!), log: () => {}, autosave: { sink, intervalMs } });
  cleanups.push(() => host.dispose());
  const connect = (): Renderer => {
    const { port1, port2 } = new MessageChannel();
    host.connect(wrap(port1));
    cleanups.push(() => port2.close());
    return new Renderer(port2);
  };
  return { host, paths, saved, workers, connect };
}

/** Polls until the autosave file parses and satisfies `pred`; returns that experiment. */
async function autosaveOnDisk(path: string, pred: (e: Experiment) => boolean, timeoutMs = 20_000): Promise<Experiment> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const parsed = parseExperiment(readFileSync(path, 'utf8'), 'autosave');
      if (parsed.ok && pred(parsed.value)) return parsed.value;
    } catch {
      // not written yet
    }
    if (Date.now() > deadline) throw new Error(`autosave never satisfied the condition: ${path}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const leaky = { kind: 'leaky_relu', alpha: 0.1 } as const;

describe('autosave and crash recovery', () => {
  it('restores a worker killed mid-training from the autosave, bit for bit, and carries on identically', async () => {
    // A long interval: the only autosave of this test is the one the hot-swap triggers.
    const { paths, saved, workers, connect } = setup(userData(), 600_000);
    const renderer = connect();
    const first = await renderer.snapshotUntil(() => true);
    renderer.send({ type: 'ack', seq: first.seq });
    renderer.send({ type: 'step', count: 250 });
    const at250 = await renderer.snapshotUntil((s) => s.lanes[0]!.step === 250);
    renderer.send({ type: 'ack', seq: at250.seq });

    // The hot-swap, then the autosave it triggers.
    renderer.send({ type: 'set-activation', lane: 0, activation: leaky });
    const swapped = await renderer.snapshotUntil((s) => s.lanes[0]!.activation.kind === 'leaky_relu');
    renderer.send({ type: 'ack', seq: swapped.seq });
    const autosave = await autosaveOnDisk(paths.autosave, (e) => e.events.length === 1);
    expect(autosave.steps).toBe(250);
    expect(autosave.events[0]).toEqual({ type: 'activation', step: 250, lane: 0, activation: leaky });
    // With its state, so a restarted worker restores it instead of replaying from step 0.
    expect(autosave.states?.at(-1)?.step).toBe(250);
    // The host's own export is answered to the host, never shown to the renderer.
    expect(renderer.received.filter(isExperiment)).toEqual([]);

    // Where the original run goes next: 100 more steps.
    renderer.send({ type: 'step', count: 100 });
    const at350 = await renderer.snapshotUntil((s) => s.lanes[0]!.step === 350);
    renderer.send({ type: 'ack', seq: at350.seq });

    // Train on, then kill the thread mid-training (not the host's doing: a crash as far as it knows).
    renderer.send({ type: 'play' });
    const running = await renderer.snapshotUntil((s) => s.playing && s.lanes[0]!.step > 600);
    expect(saved).toHaveLength(1); // nothing newer was autosaved, so step 250 is what must come back
    const from = renderer.received.length;
    await workers[0]!.terminate();
    expect(running.lanes[0]!.step).toBeGreaterThan(600);

    const notice = await renderer.next(isNotice, from);
    expect(notice).toEqual({ type: 'notice', level: 'info', message: 'The engine restarted; restored step 250 from the autosave.' });
    const restored = await renderer.snapshotUntil((s) => s.lanes.every((l) => l.step === 250), from);
    expect(restored.digests).toEqual(swapped.digests);
    expect(restored.lanes[0]!.activation).toEqual(leaky);
    expect(workers).toHaveLength(2);

    // The restored session continues exactly as the original did.
    renderer.send({ type: 'ack', seq: restored.seq });
    renderer.send({ type: 'step', count: 100 });
    const again350 = await renderer.snapshotUntil((s) => s.lanes[0]!.step === 350, from);
    expect(again350.digests).toEqual(at350.digests);
  });

  it('restores a user-file session whose rows are too big to embed in the autosave, with the rows main kept', async () => {
    const { paths, workers, connect } = setup(userData(), 600_000);
    const renderer = connect();
    const first = await renderer.snapshotUntil(() => true);
    // 100,000 rows of 50 features: over the 5 million values an experiment file embeds.
    const rows = 100_000;
    const dims = 50;
    const rng = new Rng(3);
    const x = new Float32Array(rows * dims).map(() => rng.normal());
    const y = new Int32Array(rows).map((_, i) => (x[i * dims]! + x[i * dims + 1]! > 0 ? 1 : 0));
    const data = { name: 'big.csv', task: 'classification', rows, dims, classes: 2, x, y, t: new Float32Array(0), featureNames: Array.from({ length: dims }, (_, i) => `f${i}`), classNames: ['0', '1'], targetName: 'label' } as const;
    const spec = { ...defaultSessionSpec(), dataset: { kind: 'file', name: 'big.csv', sha256: 'c'.repeat(64), bytes: 40_000_000, options: { target: 'label', task: 'classification', missing: 'drop', oneHotLimit: 16 } } } as const;
    renderer.send({ type: 'ack', seq: first.seq });
    renderer.send({ type: 'init', spec, data });
    const ready = await renderer.snapshotUntil((s) => s.lanes[0]!.weights[0]!.length === 16 * dims);
    renderer.send({ type: 'ack', seq: ready.seq });
    renderer.send({ type: 'step', count: 40 });
    const at40 = await renderer.snapshotUntil((s) => s.lanes[0]!.step === 40);
    renderer.send({ type: 'ack', seq: at40.seq });
    renderer.send({ type: 'set-lr', lane: 1, lr: 0.05 }); // triggers the autosave
    const autosave = await autosaveOnDisk(paths.autosave, (e) => e.events.length === 1);
    expect(autosave.data).toBeUndefined();
    const changed = await renderer.snapshotUntil((s) => s.lanes[1]!.lr === 0.05);
    const from = renderer.received.length;
    await workers[0]!.terminate();
    const restored = await renderer.snapshotUntil((s) => s.lanes[0]!.weights[0]!.length === 16 * dims && s.lanes[0]!.step === 40, from);
    expect(restored.digests).toEqual(changed.digests);
    expect(renderer.received.slice(from).filter((m) => m.type === 'error')).toEqual([]);
  });

  it('autosaves at least every interval while training, and stops once training stops', async () => {
    const { saved, paths, connect } = setup(userData(), 150);
    const renderer = connect();
    const first = await renderer.snapshotUntil(() => true);
    renderer.send({ type: 'ack', seq: first.seq });
    renderer.send({ type: 'play' });
    // Several autosaves, each further along, while the renderer keeps acking snapshots.
    const s = await renderer.snapshotUntil(() => saved.length >= 3 && saved.at(-1)!.steps > saved[0]!.steps);
    const steps = saved.map((e) => e.steps);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    const from = renderer.received.length;
    renderer.send({ type: 'pause' });
    renderer.send({ type: 'ack', seq: s.seq });
    const paused = await renderer.snapshotUntil((x) => !x.playing, from);
    const last = await autosaveOnDisk(paths.autosave, (e) => e.steps === paused.lanes[0]!.step);
    expect(last.steps).toBeGreaterThan(0);
    // Idle now: a few more intervals pass without another write.
    const count = saved.length;
    const mtime = statSync(paths.autosave).mtimeMs;
    await new Promise((r) => setTimeout(r, 700));
    expect(saved.length).toBe(count);
    expect(statSync(paths.autosave).mtimeMs).toBe(mtime);
  });

  it("passes the renderer's own exports through while keeping them as the autosave", async () => {
    const { saved, connect } = setup(userData(), 600_000);
    const renderer = connect();
    const first = await renderer.snapshotUntil(() => true);
    renderer.send({ type: 'ack', seq: first.seq });
    renderer.send({ type: 'step', count: 30 });
    await renderer.snapshotUntil((s) => s.lanes[0]!.step === 30);
    renderer.send({ type: 'set-lr', lane: 1, lr: 0.05 }); // the host exports after this...
    renderer.send({ type: 'export' }); // ...and the renderer asks for one of its own
    const mine = await renderer.next(isExperiment);
    expect(mine.experiment.steps).toBe(30);
    expect(mine.experiment.events).toEqual([{ type: 'lr', step: 30, lane: 1, lr: 0.05 }]);
    await new Promise((r) => setTimeout(r, 200));
    expect(renderer.received.filter(isExperiment)).toHaveLength(1);
    expect(saved.map((e) => e.events.length)).toEqual([1, 1]);
  });

  it('after an app crash the next launch offers the autosave, and restoring it gives the same weights', async () => {
    const dir = userData();
    const run1 = setup(dir, 600_000);
    await clearCleanExit(run1.paths); // launch: this run has not exited cleanly
    const r1 = run1.connect();
    const first = await r1.snapshotUntil(() => true);
    r1.send({ type: 'ack', seq: first.seq });
    r1.send({ type: 'step', count: 120 });
    await r1.snapshotUntil((s) => s.lanes[0]!.step === 120);
    r1.send({ type: 'set-lr', lane: 0, lr: 0.1 });
    const changed = await r1.snapshotUntil((s) => s.lanes[0]!.lr === 0.1);
    await autosaveOnDisk(run1.paths.autosave, (e) => e.events.length === 1);
    await run1.host.dispose(); // the app dies: no final autosave, no clean-exit marker

    const decision = decideRecovery(await readRecoveryInput(run1.paths));
    expect(decision).toMatchObject({ offer: true, steps: 120 });
    if (!decision.offer) throw new Error('unreachable');

    const run2 = setup(dir, 600_000);
    run2.host.start();
    run2.host.load(decision.experiment); // the user chose "Restore session"
    const r2 = run2.connect();
    const restored = await r2.snapshotUntil((s) => s.lanes[0]!.step === 120);
    expect(restored.digests).toEqual(changed.digests);
    expect(r2.received.filter(isSnapshot).length).toBeGreaterThanOrEqual(1);

    // A clean quit: one last autosave, then the marker; the launch after that offers nothing.
    r2.send({ type: 'ack', seq: restored.seq });
    r2.send({ type: 'step', count: 5 });
    await r2.snapshotUntil((s) => s.lanes[0]!.step === 125);
    await run2.host.shutdown(5_000);
    await markCleanExit(run2.paths, new Date());
    expect(parseExperiment(readFileSync(run2.paths.autosave, 'utf8'), 'autosave')).toMatchObject({ ok: true, value: { steps: 125 } });
    expect(decideRecovery(await readRecoveryInput(run2.paths))).toMatchObject({ offer: false, reason: 'clean-exit' });
  });
});
