import { describe, expect, it } from 'vitest';
import { ClaimChecker, claimValue } from '../../../../src/core/engine/claim-check';
import type { Claim } from '../../../../src/core/protocol/claims';
import { parseExperiment } from '../../../../src/core/protocol/experiment';
import type { LaneMetrics } from '../../../../src/core/protocol/messages';
import { scenarios } from '../../../../src/core/engine/scenarios';

const lane = (dead: number[], testScore: number, diverged = false): LaneMetrics => ({
  name: 'x', step: 0, loss: 0, trainScore: 0, testScore, testLoss: 0, activation: { kind: 'relu' }, lr: 0.1,
  diverged: diverged ? { step: 5, quantity: 'loss', lr: 0.1, gradNorm: 1, reason: 'r' } : null,
  deadPercent: dead, inactivePercent: dead, zeroFraction: dead.map(() => 0), dormantPercent: dead, tau: 0.025, redo: null, revivals: 0, deaths: 0, revivalsByCure: 0, bornDead: 0, gradNorm: 1, revivedSinceSwap: Number.NaN, slopeSpread: 0,
});
const claim = (c: Partial<Claim>): Claim => ({ text: 't', lane: 0, quantity: 'dead', layer: null, op: 'atLeast', value: 50, when: { at: 20 }, ...c });

describe('claims', () => {
  it('read the engine numbers: a layer, the mean over layers, the score, finiteness', () => {
    const m = lane([20, 60], 0.9);
    expect(claimValue(m, 'dead', 1)).toBe(60);
    expect(claimValue(m, 'dead', null)).toBe(40);
    expect(claimValue(m, 'testScore', null)).toBe(0.9);
    expect(claimValue(m, 'finite', null)).toBe(1);
    expect(claimValue(lane([0], 0.9, true), 'finite', null)).toBe(0);
  });

  it('decide `at` a step, over a window (first failure), and `by` a step', () => {
    const c = new ClaimChecker([claim({}), claim({ quantity: 'testScore', value: 0.8, when: { from: 10, to: null } }), claim({ layer: 1, value: 70, when: { from: 0, by: 30 } })], 40);
    c.observe(0, [lane([0, 0], 0.5)]);
    c.observe(10, [lane([40, 50], 0.9)]);
    c.observe(20, [lane([60, 60], 0.7)]);
    expect(c.decided).toBe(false);
    c.observe(30, [lane([60, 60], 0.9)]);
    const v = c.finish(30, [lane([60, 60], 0.9)], false);
    expect(v.map((x) => x.held)).toEqual([true, false, false]);
    expect(v[1]!.failStep).toBe(20);
    expect(v[1]!.value).toBe(0.7);
    expect(v[2]!.failStep).toBe(30);
  });

  it('compare with another lane when asked', () => {
    const c = new ClaimChecker([claim({ value: 10, than: { lane: 1 }, when: { at: 0 } })], 10);
    c.observe(0, [lane([50], 1), lane([30], 1)]);
    expect(c.finish(0, [], false)[0]!.held).toBe(true);
  });

  it('judge a frozen run (every lane stopped) on its last state at the claims own steps', () => {
    const c = new ClaimChecker([claim({ when: { at: 100 } }), claim({ quantity: 'finite', value: 1, when: { from: 0, to: null } })], 100);
    c.observe(10, [lane([60], 0.5, true)]);
    const v = c.finish(10, [lane([60], 0.5, true)], true);
    expect(v[0]).toMatchObject({ held: true });
    expect(v[1]).toMatchObject({ held: false, failStep: 10 });
  });

  it('in an experiment file, a claim the engine cannot evaluate is refused naming the field', () => {
    const base = scenarios()[0]!.experiment;
    const withClaims = (claims: unknown[], horizon = 1000) => parseExperiment(JSON.stringify({ ...base, claims, horizon }), 'story.json');
    expect(withClaims([claim({ when: { at: 100 } })]).ok).toBe(true);
    const cases: [unknown, string][] = [
      [claim({ layer: 5 }), 'claims.0.layer'],
      [claim({ lane: 3 }), 'claims.0.lane'],
      [claim({ when: { at: 5000 } }), 'claims.0.when'],
      [claim({ quantity: 'testScore', layer: 0 }), 'claims.0.layer'],
      [{ ...claim({}), quantity: 'happiness' }, 'claims.0.quantity'],
      [{ ...claim({}), when: { sometime: true } }, 'claims.0.when'],
    ];
    for (const [c, field] of cases) {
      const r = withClaims([c]);
      expect(r.ok, field).toBe(false);
      if (!r.ok) {
        expect(r.field, JSON.stringify(c)).toContain(field);
        expect(r.message).toContain('story.json');
      }
    }
  });
});
