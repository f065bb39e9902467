// Watchable speed: the app starts at the default session's speed, the speed control offers the scenarios'
// speeds, and a scenario's watch text ends with its last measured verification.
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../../src/core/engine/scenarios';
import { scenarioWatch } from '../../../src/renderer/state/scenario-text';
import { SPEED_OPTIONS, speedFromKey, speedKey, START_SPEED } from '../../../src/renderer/state/speed';

describe('speed', () => {
  it('starts at the default session’s 500 steps per second', () => {
    expect(scenarios()[0]!.id).toBe('default');
    expect(START_SPEED).toBe(500);
    expect(START_SPEED).toBe(scenarios()[0]!.speed);
  });

  it('offers Max, 1000, 500, 200, 100, 20, 5 and 1 steps per second, and every scenario’s speed', () => {
    expect(SPEED_OPTIONS.map((o) => o.value)).toEqual([null, 1000, 500, 200, 100, 20, 5, 1]);
    for (const sc of scenarios()) expect(SPEED_OPTIONS.some((o) => o.value === sc.speed)).toBe(true);
    for (const o of SPEED_OPTIONS) expect(speedFromKey(speedKey(o.value))).toBe(o.value);
  });
});

describe('scenarioWatch', () => {
  it('is the watch text alone before a measurement', () => {
    expect(scenarioWatch({ watch: 'Watch this.', measured: null })).toBe('Watch this.');
  });

  it('ends with the measured seeds and horizon, with thousands separators', () => {
    expect(scenarioWatch({ watch: 'Watch this.', measured: { seeds: 1000, held: 987, horizon: 1_000_000, date: '2026-12-01' } })).toBe(
      'Watch this. Holds in 987 of 1,000 seeds to step 1,000,000.',
    );
  });
});
