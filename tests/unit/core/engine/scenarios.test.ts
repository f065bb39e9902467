import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../../../src/core/engine/replay';
import { scenarios } from '../../../../src/core/engine/scenarios';
import { Session } from '../../../../src/core/engine/session';
import { runStory } from '../../../../src/core/engine/story-run';
import { parseExperiment } from '../../../../src/core/protocol/experiment';
import { defaultSessionSpec } from '../../../../src/core/protocol/spec';

/**
 * The regression guard of docs/stories.md: the stories' own claims, on the real engine, for a few seeds
 * and a short horizon (the latest step at which a claim starts, at most 20,000; claims beyond it are
 * reported as not reached). The full run (20 seeds, up to 1,000,000 steps) is `npx leaky-lab stories`, not a test.
 */
const SEEDS = [1, 2];

function shortHorizon(id: string): number {
  const sc = scenarios().find((s) => s.id === id)!;
  const starts = sc.claims.map((c) => ('at' in c.when ? c.when.at : 'by' in c.when ? c.when.by : c.when.from)).filter((s) => s < sc.horizon);
  return Math.min(20_000, Math.max(...starts));
}

describe('stories', () => {
  it('are valid experiment files, claims included, and the first is the default session', () => {
    for (const sc of scenarios()) {
      const file = { ...sc.experiment, claims: sc.claims, horizon: sc.horizon };
      const parsed = parseExperiment(JSON.stringify(file), sc.id);
      expect(parsed.ok, parsed.ok ? sc.id : parsed.message).toBe(true);
      expect(sc.claims.length, sc.id).toBeGreaterThan(1);
    }
    expect(scenarios()[0]!.id).toBe('default');
    expect(scenarios()[0]!.experiment.spec).toEqual(defaultSessionSpec());
  });

  it.each(scenarios().map((s) => s.id))('%s: every claim holds on a short horizon for seeds 1 and 2', (id) => {
    const sc = scenarios().find((s) => s.id === id)!;
    const horizon = shortHorizon(id);
    for (const seed of SEEDS) {
      const verdicts = runStory(sc, seed, horizon);
      const failed = verdicts.map((v, i) => ({ ...v, text: sc.claims[i]!.text })).filter((v) => v.reached && !v.held);
      expect(failed.map((f) => `seed ${seed}: "${f.text}" failed at step ${f.failStep} (value ${f.value})`)).toEqual([]);
    }
    // Real training, two seeds, up to 20,000 steps: seconds each, more on a busy 2-core CI machine.
  }, 240_000);

  it('PReLU learns its slopes: they spread away from 0.25', () => {
    const sc = scenarios().find((s) => s.id === 'prelu')!;
    const session = new Session(sc.experiment.spec);
    runHeadless(session, 3000, sc.experiment.events);
    const act = session.lanes[1]!.mlp.activations[0]!;
    const slopes = Array.from({ length: 32 }, (_, j) => act.negativeSlope(j));
    expect(Math.max(...slopes) - Math.min(...slopes)).toBeGreaterThan(0.1);
    expect(slopes.some((s) => Math.abs(s - 0.25) > 0.1)).toBe(true);
  });

  it('a claim that does not hold is reported with its step and value, not passed', () => {
    const sc = scenarios()[0]!;
    const impossible = { ...sc, claims: [{ ...sc.claims[0]!, value: 101 }] };
    const [v] = runStory(impossible, 1, 20_000);
    expect(v).toMatchObject({ held: false, reached: true, failStep: 20_000 });
    expect(v!.value).toBeLessThanOrEqual(100);
  });
});
