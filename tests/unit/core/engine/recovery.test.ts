import { describe, expect, it } from 'vitest';
import { cureLr, UNCLIPPED_CURE_LR } from '../../../../src/core/engine/cure';
import { laneSpec, defaultSessionSpec } from '../../../../src/core/protocol/spec';
import { engine } from './engine-harness';

const relu = { kind: 'relu' } as const;
const leaky = { kind: 'leaky_relu', alpha: 0.2 } as const;

describe('a diverged lane', () => {
  it('says what went non-finite, when, at which rate and gradient norm, and offers a rewind with the rate halved', () => {
    const e = engine();
    const wild = { ...laneSpec('wild', { kind: 'leaky_relu', alpha: 1 }, 100), clipNorm: null, optimizer: { kind: 'sgd', momentum: 0.99, dampening: 0, nesterov: false, weightDecay: 0 } } as const;
    const spec = { ...defaultSessionSpec(), lanes: [wild, laneSpec('calm', relu, 0.3)] };
    e.send({ type: 'init', spec });
    const blown = e.send({ type: 'step', count: 3000 });
    const d = blown.lanes[0]!.diverged!;
    expect(d).not.toBeNull();
    expect(['loss', 'weights']).toContain(d.quantity);
    expect(d.lr).toBe(100);
    expect(d.reason).toContain(`step ${d.step}`);
    expect(d.reason).toContain('learning rate 100');
    expect(d.reason).toMatch(/gradient norm/);
    expect(blown.lanes[1]!.diverged).toBeNull();
    const offer = blown.lanes[0]!.recovery!;
    expect(offer.lr).toBe(50);
    expect(offer.to).toBeLessThan(d.step);
    expect(blown.checkpoints.some((c) => c.step === offer.to)).toBe(true);
    expect(blown.lanes[1]!.recovery).toBeNull();

    const back = e.send({ type: 'recover', lane: 0 });
    expect(back.lanes[0]!.diverged).toBeNull();
    expect(back.lanes[0]!.step).toBe(offer.to);
    expect(back.lanes[0]!.lr).toBe(50);
    expect(back.lanes[1]!.step).toBe(3000);
    // A recorded event: the saved experiment replays to the same bits.
    const saved = e.exported();
    expect(saved.events.at(-1)).toEqual({ type: 'rewind-lane', step: 3000, lane: 0, to: offer.to, lr: 50 });
    const again = engine();
    expect(again.send({ type: 'load', experiment: saved }).digests).toEqual(back.digests);
  });

  it('refuses to recover a healthy lane, naming the field', () => {
    const e = engine();
    e.send({ type: 'step', count: 10 });
    e.send({ type: 'recover', lane: 0 });
    expect(e.errors().map((m) => m.field)).toEqual(['lane']);
  });
});

describe('the cure rule', () => {
  it('lowers a high rate only when curing ReLU on an unclipped SGD lane', () => {
    const unclipped = { ...laneSpec('r', relu, 0.3), clipNorm: null };
    expect(cureLr(unclipped, leaky)).toBe(UNCLIPPED_CURE_LR);
    expect(cureLr({ ...unclipped, lr: 0.01 }, leaky)).toBeNull();
    expect(cureLr(laneSpec('r', relu, 0.3), leaky)).toBeNull(); // clipped: the measured revival story keeps 0.3
    expect(cureLr({ ...unclipped, activation: leaky }, { kind: 'prelu', alpha: 0.25, perNeuron: true })).toBeNull();
    expect(cureLr(unclipped, relu)).toBeNull();
  });

  it('records the lowered rate with the hot-swap and says so with the old and new values', () => {
    const e = engine();
    e.send({ type: 'init', spec: { ...defaultSessionSpec(), lanes: [{ ...laneSpec('r', relu, 0.3), clipNorm: null }] } });
    e.send({ type: 'step', count: 20 });
    const after = e.send({ type: 'set-activation', lane: 0, activation: leaky });
    expect(after.lanes[0]!.lr).toBe(UNCLIPPED_CURE_LR);
    expect(e.exported().events).toEqual([{ type: 'activation', step: 20, lane: 0, activation: leaky, lr: UNCLIPPED_CURE_LR }]);
    expect(e.notices().at(-1)!.message).toContain(`from 0.3 to ${UNCLIPPED_CURE_LR}`);
  });
});
