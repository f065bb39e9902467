import { describe, expect, it } from 'vitest';
import { EASE_DONE, easeTowards } from '../../../src/renderer/graph/ease';

describe('easing the shown activity between snapshots', () => {
  it('moves a share 1 - exp(-dt/tau) of the way, and keeps asking for frames until every value arrives', () => {
    const shown = new Float32Array([0, 1, 0.5]);
    const target = [1, 0, 0.5];
    expect(easeTowards(shown, target, 120, 120)).toBe(true);
    expect(shown[0]).toBeCloseTo(1 - Math.exp(-1), 6);
    expect(shown[1]).toBeCloseTo(Math.exp(-1), 6);
    expect(shown[2]).toBe(0.5);
    let frames = 1;
    while (easeTowards(shown, target, 16, 120)) frames++;
    expect([...shown]).toEqual([1, 0, 0.5]);
    // ln(1 / EASE_DONE) time constants of 16 ms frames, give or take one.
    expect(frames).toBeGreaterThan(Math.floor((Math.log(1 / EASE_DONE) * 120) / 16) - 8);
  });

  it('arrives at once after an infinite pause (the first frame)', () => {
    const shown = new Float32Array([0, 0]);
    expect(easeTowards(shown, [0.3, 0.9], Infinity, 120)).toBe(false);
    expect([...shown]).toEqual([Math.fround(0.3), Math.fround(0.9)]);
  });
});
