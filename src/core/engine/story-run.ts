import type { Claim } from '../protocol/claims';
import type { Experiment, ExperimentEvent } from '../protocol/experiment';
import { type ClaimVerdict, ClaimChecker } from './claim-check';
import { applyEvent } from './replay';
import { PROBE_EVERY, Session } from './session';

/** A story: an experiment (its events a live schedule) whose claims must hold for every seed up to its horizon (steps). */
export interface Story {
  readonly id: string;
  readonly title: string;
  readonly experiment: Experiment;
  readonly claims: readonly Claim[];
  readonly horizon: number;
}

/** One claim's outcome for one seed: held, failed (with the step), or not reached within a shorter horizon. */
export interface SeedVerdict extends ClaimVerdict {
  readonly reached: boolean;
}

/**
 * Runs a story for one seed on the real engine up to `horizon` steps (at most the story's own), applying
 * its scheduled events as the live app does, and checks its claims at every probe step. Claims that
 * need steps beyond a shorter horizon are judged over the part they reach (windows are cut) or, when
 * they start beyond it, reported as not reached. Stops early once every claim is decided or every lane
 * has stopped. `onProgress(step)` is called every 10,000 steps.
 */
export function runStory(story: Story, seed: number, horizon = story.horizon, onProgress?: (step: number) => void): SeedVerdict[] {
  const end = Math.min(horizon, story.horizon);
  // A claim is reached when its step (or the start of its window) lies within the horizon.
  const reached = story.claims.map((c) => ('at' in c.when ? c.when.at : c.when.from) <= end);
  const claims = story.claims.map((c) => cut(c, end)).filter((_, i) => reached[i]);
  const checker = new ClaimChecker(claims, end);
  const session = new Session({ ...story.experiment.spec, seed });
  const pending: ExperimentEvent[] = [...story.experiment.events].sort((a, b) => a.step - b.step);
  let frozen = false;
  checker.observe(0, session.metrics());
  while (session.step < end && !checker.decided) {
    while (pending.length > 0 && pending[0]!.step <= session.step) applyEvent(session, { ...pending.shift()!, step: session.step }, []);
    session.stepAll();
    const step = session.step;
    if (step % PROBE_EVERY === 0) checker.observe(step, session.metrics());
    if (step % 10_000 === 0) onProgress?.(step);
    if (session.lanes.every((l) => l.diverged !== null) && pending.length === 0) {
      frozen = true;
      break;
    }
  }
  const verdicts = checker.finish(session.step, session.metrics(), frozen);
  let k = 0;
  return story.claims.map((_, i) => (reached[i] ? { ...verdicts[k++]!, reached: true } : { held: true, failStep: null, value: Number.NaN, reached: false }));
}

/** The claim with its span of steps cut at `end` (a shorter verification horizon). */
function cut(c: Claim, end: number): Claim {
  const w = c.when;
  if ('at' in w) return c;
  if ('by' in w) return { ...c, when: { from: w.from, by: Math.min(w.by, end) } };
  return { ...c, when: { from: w.from, to: Math.min(w.to ?? end, end) } };
}
