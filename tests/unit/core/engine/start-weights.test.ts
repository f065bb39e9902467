import { describe, expect, it } from 'vitest';
import { Session } from '../../../../src/core/engine/session';
import { decodeStart, startWeights, StartWeightsError, withStartWeights } from '../../../../src/core/engine/start-weights';
import { readWeightsFile } from '../../../../src/core/import/read-weights';
import { parseExperiment, serializeExperiment } from '../../../../src/core/protocol/experiment';
import { defaultSessionSpec, laneSpec, type SessionSpec } from '../../../../src/core/protocol/spec';
import { mlpFromTensors } from '../../../../src/core/import/imported-mlp';
import type { NamedTensor } from '../../../../src/core/import/named-tensor';
import { bytesOf } from '../import/fixtures';
import { engine } from './engine-harness';

/** mlp.pt: a 2-16-16-2 nn.Sequential that Debian's PyTorch saved (scripts/fixtures/make_state_dict_fixtures.py). */
function imported() {
  const r = readWeightsFile(bytesOf('mlp.pt'), 'mlp.pt');
  if (!r.ok) throw new Error(r.message);
  return r.mlp;
}

const weightsOf = (s: Session, lane: number) => s.lanes[lane]!.mlp.layers.flatMap((d) => [[...d.weight], [...d.bias]]);

describe('lanes that start from weights imported from PyTorch', () => {
  it('a lane starts from exactly the file\'s tensors; a lane without them draws from its init as before', () => {
    const m = imported();
    const spec = withStartWeights(defaultSessionSpec(), m, 0);
    const s = new Session(spec);
    expect(weightsOf(s, 0)).toEqual(m.tensors.map((t) => [...t]));
    expect(weightsOf(s, 1)).toEqual(weightsOf(new Session(defaultSessionSpec()), 1));
  });

  it('the hidden layers become the file\'s, and every lane given them shares one set', () => {
    const m = imported();
    const spec = withStartWeights({ ...defaultSessionSpec(), hidden: [8] }, m, 'all');
    expect(spec.hidden).toEqual([16, 16]);
    const s = new Session(spec);
    expect(s.digests()[0]).toBe(s.digests()[1]);
  });

  it('the bias shift is added to the imported hidden biases (not the output layer\'s), in float32', () => {
    const m = imported();
    const base = withStartWeights(defaultSessionSpec(), m, 'all');
    const shifted: SessionSpec = { ...base, lanes: base.lanes.map((l) => ({ ...l, biasShift: -1.5 })) };
    const w = weightsOf(new Session(shifted), 0);
    expect(w[1]).toEqual([...m.tensors[1]!].map((b) => Math.fround(b - 1.5)));
    expect(w[3]).toEqual([...m.tensors[3]!].map((b) => Math.fround(b - 1.5)));
    expect(w[5]).toEqual([...m.tensors[5]!]);
    expect(w[0]).toEqual([...m.tensors[0]!]);
  });

  it('training from them is deterministic: the same bits in a second session', () => {
    const spec = withStartWeights(defaultSessionSpec(), imported(), 'all');
    const [a, b] = [new Session(spec), new Session(spec)];
    for (let i = 0; i < 300; i++) {
      a.stepAll();
      b.stepAll();
    }
    expect(a.digests()).toEqual(b.digests());
    expect(a.digests()).not.toEqual(new Session(spec).digests());
  });

  it('weights of another shape are refused naming the lane\'s field and what differs', () => {
    const spec = withStartWeights({ ...defaultSessionSpec(), dataset: { kind: 'bundled', name: 'iris' } }, imported(), 1);
    let error: unknown;
    try {
      new Session(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartWeightsError);
    expect((error as StartWeightsError).field).toBe('spec.lanes.1.start');
    expect((error as StartWeightsError).message).toBe(
      "The starting weights from mlp.pt are for a 2-16-16-2 network, but this session's network is 4-16-16-3: their first layer '0.weight' takes 2 inputs and the dataset has 4 features; their last layer '4.weight' has 2 outputs and the dataset needs 3 (one per class; 1 for regression). Choose a dataset and hidden layers of their shape, or import weights made for this network.",
    );
  });

  it('damaged weights (edited tensors, or a fingerprint that does not match) are refused', () => {
    const m = imported();
    const start = startWeights('mlp.pt', m.keys, m.tensors);
    const widths = [2, 16, 16, 2];
    expect(() => decodeStart({ ...start, digest: '0123456789abcdef' }, widths, 0, 'f')).toThrow('do not match their fingerprint (0123456789abcdef); the experiment file is damaged');
    const edited = { ...start, tensors: start.tensors.map((t, i) => (i === 1 ? `!${t.slice(1)}` : t)) };
    expect(() => decodeStart(edited, widths, 0, 'f')).toThrow("Tensor '0.bias' of the starting weights from mlp.pt cannot be decoded");
  });

  it('the engine answers an init with weights that do not fit with an error naming the field; the open session stays', () => {
    const e = engine();
    const before = e.last().digests;
    const spec = withStartWeights({ ...defaultSessionSpec(), dataset: { kind: 'bundled', name: 'wine' } }, imported(), 0);
    e.send({ type: 'init', id: 'i-1', spec });
    expect(e.errors().at(-1)).toMatchObject({ field: 'spec.lanes.0.start', request: 'i-1' });
    expect(e.errors().at(-1)!.message).toContain("their first layer '0.weight' takes 2 inputs and the dataset has 13 features");
    expect(e.last().digests).toEqual(before);
  });

  it('an experiment file carries them: saved, parsed and replayed, the same bits (format version 5)', () => {
    const e = engine();
    e.send({ type: 'init', spec: withStartWeights(defaultSessionSpec(), imported(), 'all') });
    const s = e.send({ type: 'step', count: 200 });
    const x = e.exported({ weights: true });
    expect(x.version).toBe(5);
    expect(x.spec.lanes[0]!.start!.source).toBe('mlp.pt');
    const back = parseExperiment(serializeExperiment(x), 'a.leaky.json');
    if (!back.ok) throw new Error(back.message);
    const again = engine();
    again.send({ type: 'load', experiment: back.value });
    expect(again.notices()).toEqual([]);
    expect(again.last().digests).toEqual(s.digests);
  });

  it('the spec schema refuses starting weights whose names and tensors do not pair up', () => {
    const m = imported();
    const start = startWeights('mlp.pt', m.keys, m.tensors);
    const spec = { ...defaultSessionSpec(), lanes: defaultSessionSpec().lanes.map((l) => ({ ...l, start: { ...start, keys: start.keys.slice(0, 5) } })) };
    const x = { format: 'leaky-lab-experiment', version: 5, spec, steps: 0, events: [] };
    const r = parseExperiment(JSON.stringify(x), 'b.leaky.json');
    expect(!r.ok && r.message).toBe('b.leaky.json: field "spec.lanes.0.start.tensors" is invalid: there must be one name in "keys" per tensor.');
  });
});

describe('PReLU slopes imported with the weights', () => {
  const t = (name: string, shape: number[], f: (i: number) => number): NamedTensor => ({ name, dtype: 'float32', shape, values: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)) });
  /** A 2-4-5-2 nn.Sequential(Linear, PReLU(), Linear, PReLU(5), Linear) as a state_dict's tensors. */
  const model = () => {
    const r = mlpFromTensors([t('0.weight', [4, 2], (i) => i / 8 - 0.3), t('0.bias', [4], () => 0.1), t('1.weight', [1], () => 0.125), t('2.weight', [5, 4], (i) => 0.05 * i - 0.4), t('2.bias', [5], () => 0), t('3.weight', [5], (i) => i / 10), t('4.weight', [2, 5], (i) => i / 20), t('4.bias', [2], () => 0)], 'p.pt');
    if (!r.ok) throw new Error(r.message);
    return r.mlp;
  };
  const slopesOf = (s: Session, lane: number) => s.lanes[lane]!.mlp.activations.map((a) => (a.param === null ? null : [...a.param]));

  it('a per-neuron PReLU lane starts from them (a shared slope fills its layer); a shared lane takes only shared ones; others ignore them', () => {
    const base = withStartWeights({ ...defaultSessionSpec(), lanes: [laneSpec('per neuron', { kind: 'prelu', alpha: 0.25, perNeuron: true }, 0.05), laneSpec('shared', { kind: 'prelu', alpha: 0.25, perNeuron: false }, 0.05), laneSpec('ReLU', { kind: 'relu' }, 0.05)] }, model(), 'all');
    const s = new Session(base);
    expect(slopesOf(s, 0)).toEqual([[0.125, 0.125, 0.125, 0.125], [0, 0.1, 0.2, 0.3, 0.4].map(Math.fround)]);
    expect(slopesOf(s, 1)).toEqual([[0.125], [0.25]]);
    expect(slopesOf(s, 2)).toEqual([null, null]);
    // A reset goes back to them too.
    for (let i = 0; i < 50; i++) s.stepAll();
    expect(slopesOf(s, 0)).not.toEqual(slopesOf(new Session(base), 0));
    s.reset();
    expect(slopesOf(s, 0)).toEqual(slopesOf(new Session(base), 0));
  });

  it('the slopes are part of the fingerprint: edited ones are refused as damage', () => {
    const spec = withStartWeights(defaultSessionSpec(), model(), 0);
    const start = spec.lanes[0]!.start!;
    expect(start.alphas).toHaveLength(2);
    const edited = { ...start, alphas: [start.alphas![1]!, start.alphas![1]!] };
    expect(() => decodeStart(edited, [2, 4, 5, 2], 0, 'f')).toThrow('Hidden layer 1 has 4 neurons, but p.pt gives it 5 PReLU slopes');
    const swapped = { ...start, alphas: [start.alphas![0]!, start.alphas![0]!] };
    expect(() => decodeStart(swapped, [2, 4, 5, 2], 0, 'f')).toThrow('do not match their fingerprint');
  });
});
