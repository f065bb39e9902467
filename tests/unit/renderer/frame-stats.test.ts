// The renderer's frame accounting (FrameStats) and its frame budget (FrameScheduler), on a fake clock and
// a hand-driven requestAnimationFrame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameScheduler } from '../../../src/renderer/state/frame-scheduler';
import { FrameStats } from '../../../src/renderer/state/frame-stats';

describe('FrameStats', () => {
  it('counts work outside a frame in the next frame, and closes a frame when the next one starts', () => {
    const s = new FrameStats();
    s.addTask(2); // a snapshot handled before frame 16
    s.addFrame(16, 1);
    s.addFrame(16, 0.5);
    s.addFrame(33, 3);
    s.addTask(1); // belongs to the frame after 33
    expect(s.pendingMs).toBe(1);
    expect(Array.from(s.samples())).toEqual([3.5, 3]);
    s.addFrame(50, 1);
    expect(Array.from(s.samples())).toEqual([3.5, 3, 2]);
    expect(s.summary()).toMatchObject({ frames: 3, tasks: 2, draws: 4, p50: 3, p95: 3.5, max: 3.5 });
  });

  it('keeps the newest frames in its ring and forgets everything on clear', () => {
    const s = new FrameStats(4);
    for (let f = 1; f <= 10; f++) s.addFrame(f, f);
    // Frames 6..9 are kept (ring order), frame 10 is open.
    expect(Array.from(s.samples()).sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
    expect(s.summary().max).toBe(10);
    s.clear();
    expect(s.summary()).toEqual({ frames: 0, tasks: 0, draws: 0, p50: 0, p95: 0, max: 0, mean: 0 });
  });
});

describe('FrameScheduler', () => {
  let frames: ((t: number) => void)[] = [];
  let clock = 0;

  beforeEach(() => {
    frames = [];
    clock = 0;
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  /** Runs the requested animation frame at time `t`. */
  function frame(t: number): void {
    const pending = frames;
    frames = [];
    for (const cb of pending) cb(t);
  }

  /** A draw that takes `ms` of the fake clock and logs its name. */
  function draw(log: string[], name: string, ms: number): () => void {
    return () => {
      clock += ms;
      log.push(name);
    };
  }

  it('runs queued draws in order until the frame budget is spent; the rest keep their place', () => {
    const stats = new FrameStats();
    const scheduler = new FrameScheduler(stats, 4);
    const log: string[] = [];
    const [a, b, c] = [draw(log, 'a', 2), draw(log, 'b', 2), draw(log, 'c', 2)];
    stats.addTask(1); // snapshot handling counts against the budget of the next frame
    scheduler.request(a);
    scheduler.request(b);
    scheduler.request(c);
    scheduler.request(a); // already queued: runs once
    expect(frames).toHaveLength(1);
    frame(16);
    expect(log).toEqual(['a', 'b']); // 1 + 2 + 2 >= 4: c waits
    expect(frames).toHaveLength(1);
    frame(33);
    expect(log).toEqual(['a', 'b', 'c']);
    expect(frames).toHaveLength(0);
    expect(Array.from(stats.samples())).toEqual([5, 2]);
  });

  it('always runs the first draw of a frame, and a draw requested while the frame runs waits for the next', () => {
    const scheduler = new FrameScheduler(new FrameStats(), 4);
    const log: string[] = [];
    const slow = draw(log, 'slow', 10);
    const again = (): void => {
      log.push('again');
      scheduler.request(again);
    };
    scheduler.request(slow);
    scheduler.request(again);
    frame(16);
    expect(log).toEqual(['slow']);
    frame(33);
    expect(log).toEqual(['slow', 'again']);
    frame(50);
    expect(log).toEqual(['slow', 'again', 'again']);
  });

  it('does not record a draw that had nothing to do, and drops cancelled draws', () => {
    const stats = new FrameStats();
    const scheduler = new FrameScheduler(stats);
    const idle = (): boolean => false;
    const log: string[] = [];
    const gone = draw(log, 'gone', 1);
    scheduler.request(idle);
    scheduler.request(gone);
    scheduler.cancel(gone);
    frame(16);
    expect(log).toEqual([]);
    expect(stats.summary().frames).toBe(0);
  });
});
