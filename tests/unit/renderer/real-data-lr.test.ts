import { describe, expect, it } from 'vitest';
import { defaultSessionSpec, laneSpec } from '../../../src/core/protocol/spec';
import { gentleForRealData, REAL_DATA_MAX_LR } from '../../../src/renderer/state/real-data-lr';

describe('learning rates for real data', () => {
  const lanes = defaultSessionSpec().lanes;
  const FILE = { kind: 'file', name: 'a.csv', sha256: '0'.repeat(64), bytes: 10, options: { target: 'y', task: 'classification', missing: 'drop', oneHotLimit: 16 } } as const;

  it('lowers SGD rates above the limit for bundled and file data, and names the lanes', () => {
    for (const ref of [{ kind: 'bundled', name: 'wine' } as const, FILE]) {
      const r = gentleForRealData(ref, lanes);
      expect(r.lanes.map((l) => l.lr)).toEqual([REAL_DATA_MAX_LR, REAL_DATA_MAX_LR]);
      expect(r.note).toBe('learning rate lowered to 0.05 for ReLU, Leaky ReLU: at 0.3 standardized real data diverges (set it back in the lane to watch that)');
    }
  });

  it('leaves generated data, low rates and adaptive optimizers alone', () => {
    expect(gentleForRealData({ kind: 'moons', samples: 100, noise: 0.1 }, lanes)).toEqual({ lanes, note: null });
    const adam = { ...laneSpec('Adam', { kind: 'relu' }, 0.3), optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 } } as const;
    const slow = laneSpec('slow', { kind: 'relu' }, 0.01);
    expect(gentleForRealData({ kind: 'bundled', name: 'iris' }, [adam, slow])).toEqual({ lanes: [adam, slow], note: null });
  });
});
