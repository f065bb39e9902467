import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/core/engine/session';
import { defaultSessionSpec } from '../../../src/core/protocol/spec';
import { HIT_RADIUS, trainPointAt, trainPointPosition } from '../../../src/renderer/charts/point-hit';

describe('picking a training point on the data canvas', () => {
  const session = new Session(defaultSessionSpec());
  const frame = session.frame().boundaryFrame!;
  const data = session.dataView();
  const W = 300;
  const H = 240;

  it('finds the point drawn under the pointer, and nothing far from every point', () => {
    for (const row of [0, 17, 250]) {
      const at = trainPointPosition(frame, data, W, H, row)!;
      const hit = trainPointAt(frame, data, W, H, at.x, at.y)!;
      // Another point may sit exactly there too; the one picked is drawn at the same place.
      const p = trainPointPosition(frame, data, W, H, hit)!;
      expect(Math.hypot(p.x - at.x, p.y - at.y)).toBe(0);
    }
    expect(trainPointAt(frame, data, W, H, -50, -50)).toBeNull();
  });

  it('never picks a point further than HIT_RADIUS pixels away', () => {
    for (let k = 0; k < 50; k++) {
      const x = 30 + ((k * 37) % 260);
      const y = 6 + ((k * 53) % 200);
      const hit = trainPointAt(frame, data, W, H, x, y);
      if (hit === null) continue;
      const p = trainPointPosition(frame, data, W, H, hit)!;
      expect(Math.hypot(p.x - x, p.y - y)).toBeLessThanOrEqual(HIT_RADIUS);
    }
  });
});
