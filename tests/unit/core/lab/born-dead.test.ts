import { describe, expect, it } from 'vitest';
import { type BornDeadOptions, bornDeadByDepth, bornDeadRow, bornDeadTable, countBornDead, DOMAIN_HALF_WIDTH } from '../../../../src/core/lab/born-dead';
import { IntervalTest } from '../../../../src/core/lab/born-dead-interval';
import { NetSampler } from '../../../../src/core/lab/born-dead-net';
import { stablyUnactivatedInPlane } from '../../../../src/core/lab/born-dead-plane';
import { cubeProbe, gridProbe, PointsTest, pointsProbe } from '../../../../src/core/lab/born-dead-points';
import { Dense } from '../../../../src/core/nn/dense';
import { wilson } from '../../../../src/core/stats/wilson';

const base: BornDeadOptions = { inputDim: 1, depth: 9, widths: [2, 3, 5], nets: 4000, init: 'he_normal', biasInit: 'zero', activation: 'relu', seed: 11 };

/** z of a two-sided 99.9% interval: used where one test checks many intervals at once. */
const Z999 = 3.2905267314919255;

describe('born dead: against exact probabilities', () => {
  it("a second-layer neuron with 2-D inputs is stably unactivated with Brownlowe et al.'s exact probabilities: 1/4, 1/8, 5/64 for 1, 2, 3 first-layer neurons", () => {
    // Symmetric weights and biases (nn.Linear's default), as their theorem requires.
    const exact = [1 / 4, 1 / 8, 5 / 64];
    const nets = 300_000;
    for (const [n1, p] of exact.map((q, i) => [i + 1, q] as const)) {
      const net = new NetSampler(2, n1, 2, 'torch_default', 'init');
      let dead = 0;
      for (let i = 0; i < nets; i++) {
        net.start(5, i);
        const first = net.layer(0);
        const second = net.layer(1);
        if (stablyUnactivatedInPlane(first, second.weight.subarray(0, n1), second.bias[0]!)) dead++;
      }
      const ci = wilson(dead, nets, Z999);
      expect(ci.high - ci.low).toBeLessThan(0.006);
      expect(p, `n1 = ${n1}: ${dead}/${nets}`).toBeGreaterThan(ci.low);
      expect(p, `n1 = ${n1}: ${dead}/${nets}`).toBeLessThan(ci.high);
    }
  });

  it('at a single input point with zero biases a net of H layers of N is dead with probability exactly 1-(1-2^-N)^H, and RAI is not', () => {
    // One point x = 1: each layer is all <= 0 there with probability 2^-N, independently of the layers below.
    const o: BornDeadOptions = { ...base, depth: 12, nets: 40_000, probe: { kind: 'points', points: pointsProbe([[1]]) } };
    for (const init of ['he_normal', 'torch_default'] as const) {
      for (const width of [1, 2, 3, 5]) {
        const deaths = bornDeadByDepth({ ...o, init }, width, 0, o.nets);
        for (let h = 1; h <= o.depth; h++) {
          const row = bornDeadRow(width, h, o.nets, deaths);
          const ci = wilson(Math.round(row.bornDead * o.nets), o.nets, Z999);
          const exact = 1 - (1 - 2 ** -width) ** h;
          expect(exact, `${init} N=${width} H=${h}`).toBeGreaterThanOrEqual(ci.low);
          expect(exact, `${init} N=${width} H=${h}`).toBeLessThanOrEqual(ci.high);
        }
      }
    }
    // RAI's positive entry makes a neuron less likely to be off: far below the symmetric formula.
    const rai = bornDeadRow(2, 12, o.nets, bornDeadByDepth({ ...o, init: 'rai', biasInit: 'init' }, 2, 0, o.nets));
    expect(rai.ciHigh).toBeLessThan(1 - (1 - 1 / 4) ** 12 - 0.1);
  });
});

/** A fixed net: one Dense per hidden layer from [weights row-major, biases]. */
function fixedNet(inputs: number, layers: [number[], number[]][]) {
  let fanIn = inputs;
  const dense = layers.map(([w, b]) => {
    const d = new Dense(fanIn, b.length);
    d.weight.set(w);
    d.bias.set(b);
    fanIn = b.length;
    return d;
  });
  return { layer: (l: number) => dense[l]! };
}

describe('born dead: the exact 1-D test', () => {
  it('finds a neuron alive on a sliver 1e-4 wide that a 4001-point grid misses, and the layer above it dead', () => {
    // Width 2 throughout. h1 = ReLU(x - 0.3), h2 = ReLU(x - 0.3 - d); layer 2's first neuron
    // h1 - 2 h2 - d/2 is > 0 only on (0.3 + d/2, 0.3 + 3d/2), d = 1e-4; its second is dead.
    const d = 1e-4;
    const net = fixedNet(1, [
      [[1, 1], [-0.3, -0.3 - d]],
      [[1, -2, 0, 0], [-d / 2, -1]],
      [[-1, 0, -1, 0], [0, 0]],
    ]);
    const exact = new IntervalTest(2);
    expect(exact.firstZeroLayer(net, 2, -DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH, 0)).toBe(0);
    // Layer 3 reads -ReLU(...) <= 0 everywhere: dead.
    expect(exact.firstZeroLayer(net, 3, -DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH, 0)).toBe(3);
    expect(new PointsTest(2, gridProbe(1, 4001, DOMAIN_HALF_WIDTH)).firstZeroLayer(net, 3, 0)).toBe(2);
    // Left of 0.3 the first layer is already all zero; right of the sliver the second is; with a
    // nonzero slope no layer is ever zero.
    expect(exact.firstZeroLayer(net, 3, -1, 0.3, 0)).toBe(1);
    expect(exact.firstZeroLayer(net, 3, 0.3 + 2 * d, 1, 0)).toBe(2);
    expect(exact.firstZeroLayer(net, 3, -DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH, 0.01)).toBe(0);
    // A first layer that is <= 0 on the interval but positive just beyond it.
    const edge = fixedNet(1, [[[1, -1], [-1.5, -1.5]]]);
    // (at both ends one neuron is exactly 0)
    expect(exact.firstZeroLayer(edge, 1, -1.5, 1.5, 0)).toBe(1);
    expect(exact.firstZeroLayer(edge, 1, -1.5, 1.5 + 1e-12, 0)).toBe(0);
  });

  it('agrees with a fine grid over [-sqrt 3, sqrt 3] net by net: dead on the grid whenever dead on the interval, and alive on the grid nearly always when alive', () => {
    const o: BornDeadOptions = { ...base, biasInit: 'init', init: 'torch_default', nets: 1000 };
    const grid: BornDeadOptions = { ...o, probe: { kind: 'points', points: gridProbe(1, 4001, DOMAIN_HALF_WIDTH) } };
    let differ = 0;
    let dead = 0;
    for (const width of [2, 3]) {
      for (let i = 0; i < o.nets; i++) {
        const exact = countBornDead(o, width, i, i + 1);
        const sampled = countBornDead(grid, width, i, i + 1);
        dead += exact;
        // The grid's points lie in the interval: a net constant on it is constant on them.
        expect(sampled, `net ${i}`).toBeGreaterThanOrEqual(exact);
        differ += sampled - exact;
      }
    }
    expect(dead).toBeGreaterThan(400);
    // Alive only between grid points 8.7e-4 apart: rare.
    expect(differ).toBeLessThanOrEqual(3);
    // ...while the two ends alone miss live nets (the comparison can tell).
    const shallow: BornDeadOptions = { ...o, depth: 3 };
    const ends: BornDeadOptions = { ...shallow, probe: { kind: 'points', points: gridProbe(1, 2, DOMAIN_HALF_WIDTH) } };
    const count = (x: BornDeadOptions) => countBornDead(x, 2, 0, o.nets) + countBornDead(x, 3, 0, o.nets);
    expect(count(ends)).toBeGreaterThan(count(shallow) + 10);
  });

  it('with zero biases sees both sides of 0: a first layer is never dead on the interval, though often at x = 1', () => {
    const one = bornDeadByDepth({ ...base, probe: { kind: 'points', points: pointsProbe([[1]]) } }, 2, 0, 4000);
    const interval = bornDeadByDepth(base, 2, 0, 4000);
    expect(interval[0]).toBe(0);
    expect(one[0]).toBeGreaterThan(800);
    // Positively homogeneous nets: dead on the interval exactly when dead at -1 and at 1.
    const both = bornDeadByDepth({ ...base, probe: { kind: 'points', points: pointsProbe([[-1], [1]]) } }, 2, 0, 4000);
    expect(both).toEqual(interval);
  });

  it('a deeper table agrees with the nets cut shorter, and the share falls with width', () => {
    const deep = bornDeadByDepth({ ...base, depth: 9 }, 3, 0, 2000);
    const short = bornDeadTable({ ...base, depth: 4, widths: [3], nets: 2000 })[0]!;
    expect(bornDeadRow(3, 4, 2000, deep)).toEqual(short);
    const rows = bornDeadTable(base);
    expect(rows.map((r) => r.width)).toEqual([2, 3, 5]);
    expect(rows[0]!.bornDead).toBeGreaterThan(rows[1]!.bornDead);
    expect(rows[1]!.bornDead).toBeGreaterThan(rows[2]!.bornDead);
    for (const r of rows) expect(r.ciLow <= r.bornDead && r.bornDead <= r.ciHigh && r.nets === 4000 && r.depth === 9).toBe(true);
  });
});

describe('born dead: splitting and activations', () => {
  it('counts the same whatever the split into chunks (1-D exact and 2-D points)', () => {
    for (const o of [{ ...base, init: 'rai', biasInit: 'init' } as const, { ...base, inputDim: 2, depth: 6, nets: 600, biasInit: 'torch_default' } as const]) {
      const whole = bornDeadByDepth(o, 3, 0, o.nets);
      const cuts = [0, 1, 7, 250, 251, o.nets];
      const sum = new Array<number>(o.depth).fill(0);
      for (let c = 0; c + 1 < cuts.length; c++) bornDeadByDepth(o, 3, cuts[c]!, cuts[c + 1]!).forEach((v, l) => (sum[l]! += v));
      expect(sum).toEqual(whole);
      expect(whole.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      // A different study seed draws other nets.
      expect(bornDeadByDepth({ ...o, seed: 12 }, 3, 0, o.nets)).not.toEqual(whole);
    }
  });

  it('Leaky ReLU and PReLU are never born dead, where ReLU nearly always is', () => {
    const o: BornDeadOptions = { ...base, depth: 30, widths: [1, 2, 3], nets: 1000 };
    expect(bornDeadTable(o).map((r) => r.bornDead)).toEqual([1, expect.any(Number), expect.any(Number)]);
    expect(bornDeadTable(o)[1]!.bornDead).toBeGreaterThan(0.9);
    for (const activation of ['leaky_relu', 'prelu'] as const) {
      for (const inputDim of [1, 2]) {
        const rows = bornDeadTable({ ...o, activation, inputDim, nets: inputDim === 1 ? 1000 : 100 });
        expect(rows.map((r) => r.bornDead)).toEqual([0, 0, 0]);
        expect(rows[0]!.ciHigh).toBeGreaterThan(0);
      }
    }
  });
});

describe('born dead: probes and bad options', () => {
  it('checks 2-6 inputs on a full grid of the cube, corners included, and more inputs on 1024 seeded points', () => {
    const p2 = cubeProbe(2, DOMAIN_HALF_WIDTH, 1);
    expect(p2.count).toBe(1024);
    expect(Array.from(p2.values.subarray(0, 2))).toEqual([-DOMAIN_HALF_WIDTH, -DOMAIN_HALF_WIDTH]);
    expect(Array.from(p2.values.subarray(2046))).toEqual([DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH]);
    expect([3, 4, 5, 6].map((d) => cubeProbe(d, 1, 1).count)).toEqual([1000, 625, 1024, 729]);
    const p9 = cubeProbe(9, DOMAIN_HALF_WIDTH, 1);
    expect(p9.count).toBe(1024);
    expect(p9.values.every((v) => Math.abs(v) <= DOMAIN_HALF_WIDTH)).toBe(true);
    expect(cubeProbe(9, DOMAIN_HALF_WIDTH, 1).values).toEqual(p9.values);
  });

  it('refuses bad options naming the field', () => {
    const bad: [Partial<Record<keyof BornDeadOptions, unknown>>, RegExp][] = [
      [{ inputDim: 0 }, /^inputDim must be a whole number from 1 to 64, not 0/],
      [{ depth: 1.5 }, /^depth must be/],
      [{ widths: [] }, /^widths must list/],
      [{ widths: [2, 0] }, /^widths: each width .* not 0/],
      [{ nets: -3 }, /^nets must be/],
      [{ widths: [2, 4096], depth: 2 }, /^width 4096 at depth 2 draws 33554432 weights per net, over the limit of 16777216/],
      [{ init: 'xavier_normal' }, /^init must be one of he_normal, torch_default, rai, not xavier_normal/],
      [{ biasInit: 'one' }, /^biasInit must be one of init, zero, torch_default/],
      [{ activation: 'elu' }, /^activation must be one of relu, leaky_relu, prelu, not elu/],
      [{ seed: -1 }, /^seed must be/],
      [{ probe: { kind: 'interval', lo: 1, hi: -1 } }, /^probe: the interval/],
      [{ probe: { kind: 'points', points: pointsProbe([[1, 2]]) } }, /^probe: points must be/],
    ];
    for (const [change, message] of bad) expect(() => bornDeadTable({ ...base, ...change } as BornDeadOptions)).toThrow(message);
    expect(() => bornDeadByDepth(base, 2, 5, 4001)).toThrow(/net range \[5, 4001\) must lie within \[0, 4000\)/);
    expect(() => bornDeadByDepth(base, 0, 0, 1)).toThrow(/widths: each width/);
  });
});
