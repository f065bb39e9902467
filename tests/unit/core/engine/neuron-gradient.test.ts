import { describe, expect, it } from 'vitest';
import { NeuronGradientProbe } from '../../../../src/core/engine/neuron-gradient';
import { Session } from '../../../../src/core/engine/session';
import type { ActivationSpec } from '../../../../src/core/nn/activation';
import { Mlp } from '../../../../src/core/nn/mlp';
import { softmaxCrossEntropy } from '../../../../src/core/nn/softmax-cross-entropy';
import { defaultSessionSpec, laneSpec } from '../../../../src/core/protocol/spec';

/**
 * A 2-3-2 network with hand-set weights and a batch of 4 rows chosen so that hidden neuron 1 has z > 0
 * on two rows and z < 0 on the other two.
 */
function tinyStep(spec: ActivationSpec): { mlp: Mlp; x: Float32Array; y: Int32Array; d: Float32Array; rows: number } {
  const rows = 4;
  const mlp = new Mlp({ inputs: 2, hidden: [3], outputs: 2 }, spec, rows);
  mlp.layers[0]!.weight.set([0.5, -0.25, 1, 0.5, -0.75, 0.25]);
  mlp.layers[0]!.bias.set([0.1, -0.2, 0.05]);
  mlp.layers[1]!.weight.set([0.3, -0.6, 0.2, -0.4, 0.9, 0.1]);
  mlp.layers[1]!.bias.set([0, 0.1]);
  const x = new Float32Array([1, 0.5, -1, 0.25, 0.5, -1, -0.5, 2]);
  const y = new Int32Array([0, 1, 1, 0]);
  const d = new Float32Array(rows * 2);
  softmaxCrossEntropy(mlp.forward(x, rows, true), y, rows, 2, d);
  mlp.backward(x, d, rows);
  return { mlp, x, y, d, rows };
}

describe('the gradient reaching one neuron in a training step', () => {
  const specs: ActivationSpec[] = [{ kind: 'relu' }, { kind: 'leaky_relu', alpha: 0.1 }, { kind: 'prelu', alpha: 0.25, perNeuron: true }, { kind: 'elu', alpha: 1 }];
  it.each(specs)('is upstream x slope, summed as computed by hand, under $kind', (spec) => {
    const { mlp, d, rows } = tinyStep(spec);
    const j = 1;
    const probe = new NeuronGradientProbe(0, j);
    probe.capture(mlp, rows, 1);
    const m = probe.measured!;
    // By hand: z = W1 x + b1, dLoss/da_j = sum_k W2[k, j] dlogits[k], f'(z) of the activation.
    const w1 = mlp.layers[0]!.weight;
    const w2 = mlp.layers[1]!.weight;
    let upstream = 0;
    let upstreamAbs = 0;
    let slope = 0;
    let gradient = 0;
    let dropped = 0;
    let below = 0;
    const x = new Float32Array([1, 0.5, -1, 0.25, 0.5, -1, -0.5, 2]);
    for (let r = 0; r < rows; r++) {
      const z = w1[2 * j]! * x[2 * r]! + w1[2 * j + 1]! * x[2 * r + 1]! + mlp.layers[0]!.bias[j]!;
      const da = w2[j]! * d[2 * r]! + w2[3 + j]! * d[2 * r + 1]!;
      const alpha = spec.kind === 'relu' ? 0 : spec.kind === 'elu' ? Math.exp(z) : spec.kind === 'prelu' ? 0.25 : 0.1;
      const s = z > 0 ? 1 : alpha;
      upstream += da;
      upstreamAbs += Math.abs(da);
      slope += s / rows;
      gradient += da * s;
      if (z <= 0) {
        below++;
        dropped += Math.abs(da);
      }
    }
    expect(below).toBe(2);
    expect(m.rows).toBe(rows);
    expect(m.rowsBelow).toBe(2);
    expect(m.upstream).toBeCloseTo(upstream, 6);
    expect(m.upstreamAbs).toBeCloseTo(upstreamAbs, 6);
    expect(m.slope).toBeCloseTo(slope, 6);
    expect(m.gradient).toBeCloseTo(gradient, 6);
    expect(m.reluDropped).toBeCloseTo(dropped / upstreamAbs, 6);
    // ReLU passes nothing where z <= 0; the others pass something.
    if (spec.kind === 'relu') expect(m.belowAbs).toBe(0);
    else expect(m.belowAbs).toBeGreaterThan(0);
    // The sum of dLoss/dz over the batch is the neuron's bias gradient.
    expect(m.gradient).toBeCloseTo(mlp.layers[0]!.biasGrad[j]!, 6);
  });

  it('matches a finite difference of the loss in the neuron’s bias', () => {
    const { mlp, x, y, rows } = tinyStep({ kind: 'leaky_relu', alpha: 0.1 });
    const probe = new NeuronGradientProbe(0, 1);
    probe.capture(mlp, rows, 1);
    const b = mlp.layers[0]!.bias;
    const keep = b[1]!;
    const h = 1e-3;
    const loss = (v: number): number => {
      b[1] = v;
      return softmaxCrossEntropy(mlp.forward(x, rows), y, rows, 2, null);
    };
    const step = Math.fround(keep + h) - Math.fround(keep - h);
    const numeric = (loss(keep + h) - loss(keep - h)) / step;
    b[1] = keep;
    expect(probe.measured!.gradient).toBeCloseTo(numeric, 4);
  });

  it('leaves a PReLU layer’s slope gradient as backward computed it', () => {
    const { mlp, rows } = tinyStep({ kind: 'prelu', alpha: 0.25, perNeuron: true });
    const before = mlp.activations[0]!.grad!.slice();
    new NeuronGradientProbe(0, 1).capture(mlp, rows, 1);
    expect(Array.from(mlp.activations[0]!.grad!)).toEqual(Array.from(before));
  });
});

describe('a session measuring its inspected neuron', () => {
  const spec = {
    ...defaultSessionSpec(),
    lanes: [laneSpec('ReLU', { kind: 'relu' }, 0.1), laneSpec('PReLU', { kind: 'prelu', alpha: 0.25, perNeuron: true }, 0.1), laneSpec('RReLU', { kind: 'rrelu', lower: 1 / 8, upper: 1 / 3 }, 0.1)],
  };

  it('trains the same bits as a session that measures nothing', () => {
    const plain = new Session(spec);
    const watched = new Session(spec);
    watched.inspect({ lane: 1, neuron: 20 });
    for (let i = 0; i < 60; i++) {
      plain.stepAll();
      watched.stepAll();
      if (i === 30) watched.inspect({ lane: 2, neuron: 3 });
    }
    expect(watched.digests()).toEqual(plain.digests());
  });

  it('reports the last step’s gradient even at a probe step, equal to the bias gradient before clipping', () => {
    const session = new Session(spec);
    // Layer 2, neuron 5 of the PReLU lane.
    session.inspect({ lane: 1, neuron: spec.hidden[0]! + 4 });
    expect(session.snapshot(1, false, 0).inspected!.gradient).toBeNull();
    for (let i = 0; i < 20; i++) session.stepAll();
    const m = session.snapshot(2, false, 0).inspected!.gradient!;
    expect(m.step).toBe(20);
    expect(m.rows).toBe(spec.batchSize);
    const lane = session.lanes[1]!;
    // Clipping scaled the parameter gradients by min(1, clip / norm) after the measurement.
    const scale = Math.min(1, lane.spec.clipNorm! / lane.gradNorm);
    const bias = lane.mlp.layers[1]!.biasGrad[4]!;
    expect(Math.abs(m.gradient)).toBeGreaterThan(0);
    expect(m.gradient * scale).toBeCloseTo(bias, 7);
    expect(m.reluDropped).toBeGreaterThanOrEqual(0);
    expect(m.reluDropped).toBeLessThanOrEqual(1);
  });

  it('reads z of the training batch, not of the probe that follows a probe step', () => {
    let mixed = 0;
    for (let neuron = 0; neuron < 8; neuron++) {
      const session = new Session(spec);
      session.inspect({ lane: 0, neuron });
      for (let i = 0; i < 10; i++) session.stepAll();
      const m = session.snapshot(1, false, 0).inspected!.gradient!;
      expect(m.step).toBe(10);
      // Under ReLU nothing passes where the batch's z <= 0, and the mean slope is the share of rows above
      // 0: z from the probe's forward (2,048 other rows) would break both on a neuron with rows on each side.
      expect(m.belowAbs).toBe(0);
      expect(m.slope).toBeCloseTo((m.rows - m.rowsBelow) / m.rows, 12);
      if (m.rowsBelow > 0 && m.rowsBelow < m.rows) mixed++;
    }
    expect(mixed).toBeGreaterThan(2);
  });

  it('sends z for every probe row, whose count above 0 at a probe step is the activity the probe counted', () => {
    const session = new Session(spec);
    session.inspect({ lane: 0, neuron: 7 });
    for (let i = 0; i < 30; i++) session.stepAll();
    const seen = session.snapshot(1, false, 0).inspected!;
    const lane = session.lanes[0]!;
    expect(seen.probeZ.length).toBe(lane.trainCounts.rows);
    const positive = Array.from(seen.probeZ).filter((z) => z > 0).length;
    expect(positive).toBe(lane.trainCounts.active[7]);
    // The ledger uses the measured upstream gradient.
    expect(seen.ledger.gradient[5]).toBeCloseTo(seen.gradient!.upstream * seen.ledger.slope[5]!, 12);
  });
});
