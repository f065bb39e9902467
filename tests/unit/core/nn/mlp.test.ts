import { describe, expect, it } from 'vitest';
import type { ActivationSpec } from '../../../../src/core/nn/activation';
import { initLinearDefault } from '../../../../src/core/nn/init';
import { Mlp } from '../../../../src/core/nn/mlp';
import { softmaxCrossEntropy } from '../../../../src/core/nn/softmax-cross-entropy';
import { Rng } from '../../../../src/core/math/rng';
import { randomArray, worstGradientError } from '../../../helpers/finite-difference';

const specs: ActivationSpec[] = [
  { kind: 'relu' },
  { kind: 'leaky_relu', alpha: 0.1 },
  { kind: 'prelu', alpha: 0.25, perNeuron: true },
];

describe.each(specs)('MLP 3-6-5-3 with $kind', (spec) => {
  it('back-propagates the gradient finite differences give, for every parameter', () => {
    const rows = 7;
    const mlp = new Mlp({ inputs: 3, hidden: [6, 5], outputs: 3 }, spec, rows);
    const rng = new Rng(5);
    for (const layer of mlp.layers) initLinearDefault(layer, rng);
    const x = randomArray(rows * 3, 21, 2);
    const y = new Int32Array([0, 1, 2, 0, 1, 2, 0]);
    const d = new Float32Array(rows * 3);
    const loss = () => softmaxCrossEntropy(mlp.forward(x, rows), y, rows, 3, null);
    softmaxCrossEntropy(mlp.forward(x, rows), y, rows, 3, d);
    mlp.backward(x, d, rows);
    const params = mlp.params();
    expect(params).toHaveLength(spec.kind === 'prelu' ? 8 : 6);
    for (const p of params) {
      // A small step keeps every pre-activation on its side of 0 for this seed.
      expect(worstGradientError(p.value, p.grad.slice(), loss, 1e-3)).toBeLessThan(2e-3);
    }
  });
});
