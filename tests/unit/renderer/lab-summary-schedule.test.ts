// When the Lab recomputes its summaries (issue 13, item 2: "update live as runs finish (throttled)"):
// one computation at a time, settled changes at once, finished runs at most every 700 ms and at most a
// tenth of the time, and changes made while one was out are summarized after it.
import { describe, expect, it } from 'vitest';
import { SUMMARY_EVERY_MS, SummarySchedule } from '../../../src/renderer/state/summary-schedule';

/** A schedule on a hand-driven clock; each computation takes `cost` ms and finishes when `finish` is called. */
function harness(cost = 10) {
  let now = 0;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  const finishes: (() => void)[] = [];
  let started = 0;
  const schedule = new SummarySchedule(
    () => {
      started++;
      const at = now;
      return new Promise<void>((resolve) => finishes.push(() => ((now = Math.max(now, at + cost)), resolve())));
    },
    () => now,
    (fn, ms) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => (t.live = false);
    },
  );
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    schedule,
    started: () => started,
    /** Finishes the oldest computation out. */
    finish: async () => {
      finishes.shift()?.();
      await settle();
    },
    /** Moves the clock to `t` and fires the timers due. */
    advance: (t: number) => {
      now = t;
      for (const x of timers) if (x.live && x.at <= now) {
        x.live = false;
        x.fn();
      }
    },
  };
}

describe('the summary schedule', () => {
  it('summarizes a settled change at once, and a finished run after the wait', async () => {
    const h = harness();
    h.schedule.want(true);
    expect(h.started()).toBe(1);
    await h.finish();
    h.schedule.want(false);
    h.schedule.want(false);
    expect(h.started()).toBe(1);
    h.advance(SUMMARY_EVERY_MS + 9);
    expect(h.started()).toBe(1);
    h.advance(SUMMARY_EVERY_MS + 10);
    expect(h.started()).toBe(2);
  });

  it('runs one computation at a time and summarizes again what changed meanwhile', async () => {
    const h = harness();
    h.schedule.want(true);
    h.schedule.want(true);
    h.schedule.want(false);
    expect(h.started()).toBe(1);
    await h.finish();
    // A settled change was waiting: it goes at once.
    expect(h.started()).toBe(2);
    await h.finish();
    expect(h.started()).toBe(2);
  });

  it('a slow summary waits ten times its cost before the next one (it shares the cores with the sweep)', async () => {
    const h = harness(300);
    h.schedule.want(true);
    await h.finish();
    h.schedule.want(false);
    h.advance(300 + 2999);
    expect(h.started()).toBe(1);
    h.advance(300 + 3000);
    expect(h.started()).toBe(2);
  });

  it('dispose cancels a summary waiting for its time', async () => {
    const h = harness();
    h.schedule.want(true);
    await h.finish();
    h.schedule.want(false);
    h.schedule.dispose();
    h.advance(10_000);
    expect(h.started()).toBe(1);
  });
});
