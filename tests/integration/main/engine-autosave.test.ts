/**
 * The autosave's bookkeeping with a scripted engine and timer: which exports it asks for and when,
 * which replies it keeps to itself, and how it writes (never overlapping, newest wins, failures logged).
 * The real worker, files and crash are in autosave-recovery.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_FORMAT, type Experiment } from '../../../src/core/protocol/experiment';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';
import { EngineAutosave, type IntervalTimers } from '../../../src/main/engine-autosave';

const experiment = (steps: number): Experiment => ({ format: EXPERIMENT_FORMAT, version: 1, spec: defaultSessionSpec(), steps, events: [] });
const reply = (steps: number) => ({ type: 'experiment', experiment: experiment(steps) });
const snapshot = (step: number, playing: boolean) => ({ type: 'snapshot', snapshot: { lanes: [{ step }, { step }], playing } });

/** An autosave on a recording engine, a manual timer and a recording (optionally slow or failing) sink. */
function setup(sinkImpl?: (e: Experiment) => Promise<void>) {
  const posted: unknown[] = [];
  const saved: number[] = [];
  const logs: string[] = [];
  let tick: (() => void) | null = null;
  let cleared = false;
  const timers: IntervalTimers = { setInterval: (fn) => ((tick = fn), 1), clearInterval: () => (cleared = true) };
  const autosave = new EngineAutosave({
    sink: { save: (e) => (saved.push(e.steps), sinkImpl?.(e) ?? Promise.resolve()) },
    timers,
    log: (l) => logs.push(l),
  });
  autosave.attach({ postMessage: (m) => posted.push(m) });
  const exports = () => posted.filter((m) => (m as { type: string }).type === 'export').length;
  return { autosave, posted, saved, logs, exports, tick: () => tick!(), cleared: () => cleared };
}

describe('EngineAutosave', () => {
  it('exports right after every change the experiment records, one request in flight at a time', async () => {
    const { autosave, exports, saved } = setup();
    autosave.noteCommand({ type: 'set-activation', lane: 0, activation: { kind: 'relu' } });
    expect(exports()).toBe(1);
    autosave.noteCommand({ type: 'set-lr', lane: 0, lr: 0.1 }); // while the first is in flight: one more after it
    autosave.noteCommand({ type: 'rewind', step: 0 });
    expect(exports()).toBe(1);
    expect(autosave.noteEngineMessage(reply(10))).toBe(true);
    expect(exports()).toBe(2);
    expect(autosave.noteEngineMessage(reply(10))).toBe(true);
    expect(exports()).toBe(2);
    for (const type of ['play', 'pause', 'set-speed'] as const) autosave.noteCommand(type === 'set-speed' ? { type, stepsPerSecond: null } : { type });
    expect(exports()).toBe(2);
    await autosave.whenWritten();
    expect(saved.at(-1)).toBe(10);
    expect(autosave.latest?.steps).toBe(10);
  });

  it("answers the renderer's exports to the renderer and the host's to the host, in order", () => {
    const { autosave } = setup();
    autosave.noteCommand({ type: 'export' });
    autosave.noteCommand({ type: 'set-lr', lane: 1, lr: 0.2 });
    autosave.noteCommand({ type: 'export' });
    expect([reply(1), reply(2), reply(3)].map((m) => autosave.noteEngineMessage(m))).toEqual([false, true, false]);
    expect(autosave.latest?.steps).toBe(3);
    expect(autosave.noteEngineMessage(snapshot(5, true))).toBe(false);
    expect(autosave.noteEngineMessage({ type: 'ready' })).toBe(false);
  });

  it('exports on the timer while training or after stepping, and not while idle', () => {
    const { autosave, exports, tick } = setup();
    tick();
    expect(exports()).toBe(1); // nothing kept yet: a first autosave
    autosave.noteEngineMessage(snapshot(0, false));
    autosave.noteEngineMessage(reply(0));
    tick();
    expect(exports()).toBe(1); // idle, and the autosave is at the step last seen
    autosave.noteEngineMessage(snapshot(40, false)); // stepped
    tick();
    expect(exports()).toBe(2);
    autosave.noteEngineMessage(reply(40));
    tick();
    expect(exports()).toBe(2);
    autosave.noteEngineMessage(snapshot(90, true)); // playing
    tick();
    tick(); // the previous export is unanswered: no pile-up
    expect(exports()).toBe(3);
    autosave.noteEngineMessage(reply(95));
    tick(); // still playing: saves again even if no snapshot arrived (a renderer may stop acking)
    expect(exports()).toBe(4);
    // Paused: the pause's snapshot may arrive after the export that already saw the paused step.
    autosave.noteEngineMessage(reply(130));
    autosave.noteEngineMessage(snapshot(130, false));
    tick();
    expect(exports()).toBe(4);
  });

  it('forgets unanswered requests when the engine is replaced', () => {
    const { autosave } = setup();
    autosave.noteCommand({ type: 'reset' });
    const posted: unknown[] = [];
    autosave.attach({ postMessage: (m) => posted.push(m) });
    // A reply now belongs to nobody the host asked: it passes through.
    expect(autosave.noteEngineMessage(reply(0))).toBe(false);
    autosave.noteCommand({ type: 'load', experiment: experiment(7) });
    expect(posted).toEqual([{ type: 'export', states: true }]);
  });

  it('never overlaps writes and writes only the newest of those that waited', async () => {
    let release: (() => void) | null = null;
    const { autosave, saved } = setup(() => new Promise<void>((r) => (release = r)));
    for (const steps of [1, 2, 3, 4]) {
      autosave.noteCommand({ type: 'export' });
      autosave.noteEngineMessage(reply(steps));
    }
    expect(saved).toEqual([1]);
    release!();
    await new Promise((r) => setTimeout(r, 0));
    expect(saved).toEqual([1, 4]);
    release!();
    await autosave.whenWritten();
    expect(saved).toEqual([1, 4]);
  });

  it('logs a failed write and keeps going', async () => {
    let fail = true;
    const { autosave, saved, logs } = setup(() => (fail ? Promise.reject(new Error('EROFS: read-only file system')) : Promise.resolve()));
    autosave.noteCommand({ type: 'export' });
    autosave.noteEngineMessage(reply(1));
    await autosave.whenWritten();
    expect(logs).toEqual(['Autosave failed: EROFS: read-only file system']);
    fail = false;
    autosave.noteCommand({ type: 'export' });
    autosave.noteEngineMessage(reply(2));
    await autosave.whenWritten();
    expect(saved).toEqual([1, 2]);
    expect(autosave.latest?.steps).toBe(2);
  });

  it('flush waits for the answer, or gives up after its timeout; dispose stops the timer', async () => {
    const { autosave, exports, cleared } = setup();
    const started = Date.now();
    await autosave.flush(100); // nobody answers
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(exports()).toBe(1);
    autosave.noteEngineMessage(reply(3)); // the late answer
    const flushing = autosave.flush(10_000);
    autosave.noteEngineMessage(reply(4));
    await flushing;
    expect(autosave.latest?.steps).toBe(4);
    autosave.dispose();
    expect(cleared()).toBe(true);
  });

  it('starts from the experiment restored at launch', () => {
    const autosave = new EngineAutosave({ sink: { save: () => Promise.resolve() }, initial: experiment(99), timers: { setInterval: () => 0, clearInterval: () => {} }, log: () => {} });
    expect(autosave.latest?.steps).toBe(99);
  });
});
