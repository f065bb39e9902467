import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digestFloat32 } from '../../../../src/core/math/digest';
import { openExperiment } from '../../../../src/core/engine/open-experiment';
import { replay } from '../../../../src/core/engine/replay';
import type { Session } from '../../../../src/core/engine/session';
import { parseExperiment } from '../../../../src/core/protocol/experiment';

// Saved by `leaky-lab run --activation prelu --activation relu --samples 200 --lr 0.05 --steps 1200 --save`
// on main at 7d89ce6, when "prelu" meant one α per neuron (now it means nn.PReLU()'s one α per layer).
// The file says "perNeuron": true, so it must open as it was saved: per-neuron slopes, the same bits.
const text = readFileSync(new URL('../../../fixtures/experiments/prelu-per-neuron-v3.leaky.json', import.meta.url), 'utf8');

const digests = (s: Session) => s.lanes.map((l) => digestFloat32(l.mlp.params().map((p) => p.value)));

describe('an experiment file saved when PReLU meant one α per neuron', () => {
  const parsed = parseExperiment(text, 'prelu-per-neuron-v3.leaky.json');
  if (!parsed.ok) throw new Error(parsed.message);
  const x = parsed.value;
  const saved = x.weights!.map((w) => w.digest);

  it('opens from its saved state, with per-neuron slopes and the saved weights', () => {
    expect(x.spec.lanes[0]!.activation).toEqual({ kind: 'prelu', alpha: 0.25, perNeuron: true });
    const opened = openExperiment(x, null);
    expect(opened.notice).toBeNull();
    expect(opened.session.lanes[0]!.mlp.activations.map((a) => a.param!.length)).toEqual([16, 16]);
    expect(digests(opened.session)).toEqual(saved);
  });

  it('replays from step 0 to the same bits', () => {
    const again = replay(x.spec, x.steps, x.events, null);
    expect(again.lanes[0]!.mlp.activations.every((a) => a.param!.length === 16)).toBe(true);
    expect(digests(again)).toEqual(saved);
  });
});
