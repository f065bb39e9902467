import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultActivation } from '../../../../src/core/nn/activation';
import { Mlp } from '../../../../src/core/nn/mlp';
import { DEFAULT_CLIP_NORM, defaultSessionSpec } from '../../../../src/core/protocol/spec';
import { TORCH_DIFFERENCES, torchDifferenceText } from '../../../../src/core/protocol/torch-differences';

const doc = readFileSync(new URL('../../../../docs/pytorch-differences.md', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
const format = readFileSync(new URL('../../../../docs/experiment-format.md', import.meta.url), 'utf8');

describe('the list of deliberate differences from PyTorch', () => {
  it('is in docs/pytorch-differences.md word for word, one table row each, and linked from README and the file format', () => {
    for (const d of TORCH_DIFFERENCES) expect(doc).toContain(`| ${d.topic} | ${d.ours} | ${d.torch} | ${d.why} |`);
    expect(readme).toContain('(docs/pytorch-differences.md)');
    expect(format).toContain('(pytorch-differences.md)');
    expect(torchDifferenceText('sgd-momentum')).toMatch(/^SGD momentum: 0\.9 .*PyTorch: torch\.optim\.SGD has momentum=0\. We differ because /);
  });

  it('says what the code does: momentum 0.9, clipping at 1, no decay on PReLU α, PReLU with one α', () => {
    const lane = defaultSessionSpec().lanes[0]!;
    expect(lane.optimizer).toMatchObject({ kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: false });
    expect(lane.clipNorm).toBe(DEFAULT_CLIP_NORM);
    expect(DEFAULT_CLIP_NORM).toBe(1);
    expect(defaultActivation('prelu')).toEqual({ kind: 'prelu', alpha: 0.25, perNeuron: false });
    const mlp = new Mlp({ inputs: 2, hidden: [4, 4], outputs: 2 }, defaultActivation('prelu'), 4);
    const params = mlp.params();
    const slopes = new Set<Float32Array>(mlp.activations.map((a) => a.param!));
    expect(slopes.size).toBe(2);
    for (const p of params) expect(p.decay, `${p.value.length} values`).toBe(!slopes.has(p.value));
    for (const s of slopes) expect(s.length).toBe(1);
  });
});
