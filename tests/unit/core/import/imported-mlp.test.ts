import { describe, expect, it } from 'vitest';
import { mlpFromTensors } from '../../../../src/core/import/imported-mlp';
import type { NamedTensor } from '../../../../src/core/import/named-tensor';
import { readWeightsFile } from '../../../../src/core/import/read-weights';
import { bytesOf, EXPECTED } from './fixtures';

const tensor = (name: string, shape: number[], fill = 0.5): NamedTensor => ({ name, dtype: 'float32', shape, values: new Float64Array(shape.reduce((a, b) => a * b, 1)).fill(fill) });

describe('mlpFromTensors', () => {
  it('recognises a Sequential MLP: widths, keys, float32 tensors in nn.Linear.weight layout', () => {
    const r = readWeightsFile(bytesOf('mlp.pt'), 'mlp.pt');
    if (!r.ok) throw new Error(r.message);
    expect(r.mlp.widths).toEqual([2, 16, 16, 2]);
    expect(r.mlp.keys).toEqual(['0.weight', '0.bias', '2.weight', '2.bias', '4.weight', '4.bias']);
    const want = EXPECTED.readable['mlp.pt']!.tensors;
    r.mlp.tensors.forEach((t, i) => expect([...t]).toEqual(want[i]!.values.map(Math.fround)));
    expect(r.mlp.prelu).toEqual([null, null]);
    expect(r.mlp.notes).toEqual([]);
  });

  it('nested module names (a model\'s body and head) and a dict of Parameters', () => {
    const r = readWeightsFile(bytesOf('parameters.pt'), 'parameters.pt');
    expect(r.ok && r.mlp.widths).toEqual([2, 3, 3, 2]);
    expect(r.ok && r.mlp.keys).toEqual(['body.0.weight', 'body.0.bias', 'body.2.weight', 'body.2.bias', 'head.weight', 'head.bias']);
  });

  it('PReLU slopes belong to the hidden layer before them (one shared, one per neuron)', () => {
    const r = readWeightsFile(bytesOf('prelu.pt'), 'prelu.pt');
    if (!r.ok) throw new Error(r.message);
    expect(r.mlp.widths).toEqual([3, 4, 5, 2]);
    expect([...r.mlp.prelu[0]!]).toEqual([0.125]);
    expect([...r.mlp.prelu[1]!]).toEqual([0, 0.125, 0.25, 0.375, 0.5]);
  });

  it('rounds float64 to float32 and says so', () => {
    const r = readWeightsFile(bytesOf('float64.pt'), 'float64.pt');
    if (!r.ok) throw new Error(r.message);
    expect(r.mlp.notes).toEqual(['float64 tensors were rounded to float32 (Leaky Lab trains in float32)']);
    expect([...r.mlp.tensors[0]!]).toEqual(EXPECTED.readable['float64.pt']!.tensors[0]!.values.map(Math.fround));
  });

  it.each(Object.entries(EXPECTED.refused))('refuses %s naming the file and %s', (file, words) => {
    const r = readWeightsFile(bytesOf(file), file);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message.startsWith(`${file}`)).toBe(true);
    expect(!r.ok && r.message).toContain(words);
  });

  it('says what each unsupported layer is', () => {
    const bn = readWeightsFile(bytesOf('batchnorm.pt'), 'batchnorm.pt');
    expect(!bn.ok && bn.message).toContain("tensor '1.weight' belongs to module '1', a batch normalization layer, which Leaky Lab's networks do not have. Leaky Lab reads an nn.Sequential MLP");
    const no = readWeightsFile(bytesOf('no-bias.pt'), 'no-bias.pt');
    expect(!no.ok && no.message).toContain('a Linear layer without bias (bias=False) or an Embedding');
  });

  it('refuses PReLU slopes that fit no layer, and a PReLU after the output layer', () => {
    const wrong = mlpFromTensors([tensor('0.weight', [4, 2]), tensor('0.bias', [4]), tensor('1.weight', [3]), tensor('2.weight', [2, 4]), tensor('2.bias', [2])], 'x.pt');
    expect(!wrong.ok && wrong.message).toBe("x.pt: tensor '1.weight' holds 3 PReLU slopes, but the layer before it has 4 outputs (PReLU has 1 slope or one per output).");
    const last = mlpFromTensors([tensor('0.weight', [4, 2]), tensor('0.bias', [4]), tensor('2.weight', [2, 4]), tensor('2.bias', [2]), tensor('3.weight', [1])], 'y.pt');
    expect(!last.ok && last.message).toContain("the last Linear layer ('2.weight') is followed by a PReLU");
    const first = mlpFromTensors([tensor('0.weight', [1]), tensor('1.weight', [2, 4]), tensor('1.bias', [2])], 'z.pt');
    expect(!first.ok && first.message).toContain("tensor '0.weight' (a PReLU's slopes) comes before any Linear layer");
  });

  it('refuses networks wider or deeper than a session takes, and a bias of the wrong length', () => {
    const wide = mlpFromTensors([tensor('0.weight', [1025, 2]), tensor('0.bias', [1025]), tensor('1.weight', [2, 1025]), tensor('1.bias', [2])], 'w.pt');
    expect(!wide.ok && wide.message).toBe("w.pt: tensor '0.weight' makes a hidden layer of 1025 neurons; Leaky Lab trains at most 1024 per layer.");
    const layers = Array.from({ length: 18 }, (_, l) => [tensor(`${l}.weight`, [2, 2]), tensor(`${l}.bias`, [2])]).flat();
    const deep = mlpFromTensors(layers, 'd.pt');
    expect(!deep.ok && deep.message).toBe('d.pt: has 17 hidden layers; Leaky Lab trains at most 16.');
    const bias = mlpFromTensors([tensor('0.weight', [4, 2]), tensor('0.bias', [3]), tensor('1.weight', [2, 4]), tensor('1.bias', [2])], 'b.pt');
    expect(!bias.ok && bias.message).toBe("b.pt: tensor '0.bias' has shape [3], but the weight '0.weight' [4, 2] needs a bias of 4.");
  });

  it('refuses an oversized file before reading it', () => {
    const r = readWeightsFile(new Uint8Array(256 * 1024 * 1024 + 1), 'huge.pt');
    expect(!r.ok && r.message).toBe('huge.pt is 268435457 bytes; the largest weights file Leaky Lab reads is 268435456 bytes.');
  });
});
