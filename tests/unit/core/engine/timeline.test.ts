import { describe, expect, it } from 'vitest';
import { EngineRuntime } from '../../../../src/core/engine/runtime';
import type { EngineMessage, Snapshot } from '../../../../src/core/protocol/messages';
import { laneSpec } from '../../../../src/core/protocol/spec';

// The runtime on a synchronous host: every command's snapshot arrives before receive() returns.
function engine() {
  const sent: EngineMessage[] = [];
  let clock = 0;
  const runtime = new EngineRuntime({ post: (m) => sent.push(m), now: () => (clock += 0.5), later: () => undefined });
  const last = (): Snapshot => (sent.filter((m) => m.type === 'snapshot').at(-1) as Extract<EngineMessage, { type: 'snapshot' }>).snapshot;
  const send = (c: unknown): Snapshot => {
    runtime.receive({ type: 'ack', seq: last().seq });
    runtime.receive(c);
    return last();
  };
  const errors = () => sent.filter((m): m is Extract<EngineMessage, { type: 'error' }> => m.type === 'error');
  return { send, last, errors };
}

describe('checkpoints, rewind and lanes added or removed', () => {
  it('checkpoints every hot-swap and every 1,000 steps, and rewinding to one restores that state bit for bit', () => {
    const e = engine();
    e.send({ type: 'step', count: 400 });
    const atSwap = e.send({ type: 'set-activation', lane: 0, activation: { kind: 'leaky_relu', alpha: 0.1 } });
    e.send({ type: 'step', count: 1700 });
    const after = e.send({ type: 'set-lr', lane: 1, lr: 0.05 });
    expect(after.checkpoints.map((c) => [c.step, c.reason])).toEqual([
      [0, 'start'],
      [400, 'hot-swap'],
      [1000, 'periodic'],
      [2000, 'periodic'],
      [2100, 'learning rate'],
    ]);
    const rewound = e.send({ type: 'rewind', step: 400 });
    expect(rewound.lanes[0]!.step).toBe(400);
    expect(rewound.digests).toEqual(atSwap.digests);
    expect(rewound.lanes[0]!.activation).toEqual({ kind: 'leaky_relu', alpha: 0.1 });
    // A branch: what came after the checkpoint is gone, so the later learning-rate change is too.
    expect(rewound.checkpoints.map((c) => c.step)).toEqual([0, 400]);
    expect(rewound.lanes[1]!.lr).toBe(0.3);
  });

  it('adds a lane trained from step 0 as if it had always been there, leaving the others bit-identical', () => {
    const e = engine();
    e.send({ type: 'step', count: 300 });
    const before = e.send({ type: 'set-activation', lane: 1, activation: { kind: 'prelu', alpha: 0.25, perNeuron: true } });
    const added = e.send({ type: 'add-lane', lane: laneSpec('ELU', { kind: 'elu', alpha: 1 }, 0.1) });
    expect(added.lanes).toHaveLength(3);
    expect(added.digests.slice(0, 2)).toEqual(before.digests);
    expect(added.lanes[2]!.step).toBe(300);
    const removed = e.send({ type: 'remove-lane', lane: 0 });
    expect(removed.lanes.map((l) => l.name)).toEqual(['Leaky ReLU', 'ELU']);
    expect(removed.digests).toEqual(added.digests.slice(1));
    // The hot-swap of old lane 1 now belongs to lane 0.
    expect(removed.lanes[0]!.activation.kind).toBe('prelu');
  });

  it('refuses a rewind to a step that is not a checkpoint, a fifth lane, and removing the last one', () => {
    const e = engine();
    e.send({ type: 'step', count: 10 });
    e.send({ type: 'rewind', step: 7 });
    e.send({ type: 'add-lane', lane: laneSpec('a', { kind: 'relu' }, 0.1) });
    e.send({ type: 'add-lane', lane: laneSpec('b', { kind: 'relu' }, 0.1) });
    e.send({ type: 'add-lane', lane: laneSpec('c', { kind: 'relu' }, 0.1) });
    e.send({ type: 'remove-lane', lane: 0 });
    e.send({ type: 'remove-lane', lane: 0 });
    e.send({ type: 'remove-lane', lane: 0 });
    const last = e.send({ type: 'remove-lane', lane: 0 });
    expect(e.errors().map((m) => m.message)).toEqual([
      'Invalid command field "step": step 7 is not a checkpoint of this session',
      'Invalid command field "lane": a session has at most 4 lanes',
      'Invalid command field "lane": a session needs at least one lane',
    ]);
    expect(last.lanes).toHaveLength(1);
    expect(last.lanes[0]!.step).toBe(10);
  });

  it('loads an experiment whose last event is at its final step with that event applied', () => {
    const a = engine();
    a.send({ type: 'step', count: 50 });
    a.send({ type: 'set-activation', lane: 0, activation: { kind: 'tanh' } });
    const sent: EngineMessage[] = [];
    const b = new EngineRuntime({ post: (m) => sent.push(m), now: () => 0, later: () => undefined });
    b.receive({ type: 'ack', seq: 1 });
    b.receive({ type: 'load', experiment: { format: 'leaky-lab-experiment', version: 1, spec: a.last().lanes.length === 2 ? (sent[0] as Extract<EngineMessage, { type: 'ready' }>).spec : null, steps: 50, events: [{ type: 'activation', step: 50, lane: 0, activation: { kind: 'tanh' } }] } });
    const loaded = (sent.filter((m) => m.type === 'snapshot').at(-1) as Extract<EngineMessage, { type: 'snapshot' }>).snapshot;
    expect(loaded.lanes[0]!.activation).toEqual({ kind: 'tanh' });
    expect(loaded.digests).toEqual(a.last().digests);
  });
});

describe('a loaded schedule', () => {
  it('applies events beyond the experiment’s steps live, records them, and again after a reset', () => {
    const e = engine();
    const first = e.send({
      type: 'load',
      experiment: {
        format: 'leaky-lab-experiment',
        version: 1,
        spec: { seed: 7, dataset: { kind: 'moons', samples: 200, noise: 0.1 }, testFraction: 0.2, hidden: [8], batchSize: 8, lanes: [laneSpec('L', { kind: 'relu' }, 0.1)] },
        steps: 0,
        events: [{ type: 'activation', step: 30, lane: 0, activation: { kind: 'tanh' } }],
      },
    });
    expect(first.lanes[0]!.activation.kind).toBe('relu');
    expect(e.send({ type: 'step', count: 30 }).lanes[0]!.activation.kind).toBe('relu');
    const after = e.send({ type: 'step', count: 1 });
    expect(after.lanes[0]!.activation.kind).toBe('tanh');
    expect(after.checkpoints.map((c) => [c.step, c.reason])).toContainEqual([30, 'hot-swap']);
    expect(e.send({ type: 'reset' }).lanes[0]!.activation.kind).toBe('relu');
    expect(e.send({ type: 'step', count: 40 }).lanes[0]!.activation.kind).toBe('tanh');
  });
});
