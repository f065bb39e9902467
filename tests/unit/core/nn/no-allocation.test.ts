// A training step must allocate nothing on the JavaScript heap: at tens of thousands of steps per second,
// even one small object per step means a steady stream of garbage collections in the training worker.
// The measurement is exact, not a trend: after warm-up (so the optimizing compiler has run), the heap's
// used size is read before and after 10,000 steps in a window in which no garbage collection ran
// (v8.GCProfiler tells), so the difference is exactly what those steps allocated. When that is not zero,
// V8's sampling heap profiler names the functions that allocate, in the failure message.
import { Session } from 'node:inspector/promises';
import { GCProfiler, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Lane } from '../../../../src/core/engine/lane';
import { NeuronGradientProbe } from '../../../../src/core/engine/neuron-gradient';
import { Rng } from '../../../../src/core/math/rng';
import { initLinearDefault } from '../../../../src/core/nn/init';
import { Mlp } from '../../../../src/core/nn/mlp';
import { softmaxCrossEntropy } from '../../../../src/core/nn/softmax-cross-entropy';
import { makeOptimizer } from '../../../../src/core/train/make-optimizer';
import { laneSpec } from '../../../../src/core/protocol/spec';

const SHAPE = { inputs: 2, hidden: [16, 16], outputs: 2 };
const BATCH = 32;
const STEPS = 10_000;
const WARMUP = 3_000;
// Reading the heap size and the first window allocate a little themselves (up to about 1,700 bytes
// seen here); a single 16-byte object per step would be 160,000 bytes.
const SLACK_BYTES = 4_000;

/** A fixed random batch: normal inputs and random labels. */
function randomBatch(rng: Rng): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(BATCH * SHAPE.inputs);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const y = new Int32Array(BATCH);
  for (let i = 0; i < BATCH; i++) y[i] = rng.int(SHAPE.outputs);
  return { x, y };
}

/** One training step made of the calls Lane.train makes, on a fresh 2-16-16-2 network. */
function makeCallsStep(): () => void {
  const rng = new Rng(1);
  const mlp = new Mlp(SHAPE, { kind: 'relu' }, BATCH);
  for (const layer of mlp.layers) initLinearDefault(layer, rng);
  const optimizer = makeOptimizer({ kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 });
  const params = mlp.params();
  const dlogits = new Float32Array(BATCH * SHAPE.outputs);
  const lossOut = new Float64Array(1);
  const { x, y } = randomBatch(rng);
  return () => {
    const logits = mlp.forward(x, BATCH);
    lossOut[0] = softmaxCrossEntropy(logits, y, BATCH, SHAPE.outputs, dlogits);
    mlp.backward(x, dlogits, BATCH);
    optimizer.step(params, 0.01);
  };
}

/** One Lane.train call (the app's per-step path) on a fresh 2-16-16-2 lane. */
function makeLaneStep(regression = false): () => void {
  const rng = new Rng(1);
  const lane = new Lane(laneSpec('bench', { kind: 'relu' }, 0.01), regression ? { ...SHAPE, outputs: 1 } : SHAPE, BATCH, 0, regression);
  for (const layer of lane.mlp.layers) initLinearDefault(layer, rng);
  const t = new Float32Array(regression ? BATCH : 0).map(() => rng.normal());
  const batch = { ...randomBatch(rng), t, rows: BATCH };
  return () => lane.train(batch);
}

/** Lane.train followed by the inspected neuron's measurement (what Session.stepAll adds while a neuron is inspected). */
function makeInspectedStep(activation: LaneSpecActivation): () => void {
  const rng = new Rng(1);
  const lane = new Lane(laneSpec('bench', activation, 0.01), SHAPE, BATCH, 0);
  for (const layer of lane.mlp.layers) initLinearDefault(layer, rng);
  const batch = { ...randomBatch(rng), t: new Float32Array(0), rows: BATCH };
  const probe = new NeuronGradientProbe(1, 5);
  return () => {
    lane.train(batch);
    probe.capture(lane.mlp, BATCH, lane.step);
  };
}

type LaneSpecActivation = Parameters<typeof laneSpec>[1];

type Gc = (options?: { type: 'minor' | 'major' }) => void;

/** V8's gc(), exposed at run time (vitest starts its workers without --expose-gc), or null if that fails. */
function exposeGc(): Gc | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Gc;
  } catch {
    return null;
  }
}

const gc = exposeGc();

/** Runs `step` `n` times (a plain loop, so that the loop itself allocates nothing). */
function run(step: () => void, n: number): void {
  for (let i = 0; i < n; i++) step();
}

/**
 * Bytes allocated by `n` steps, read from a window in which no garbage collection ran (a collection
 * frees memory and would hide allocation); retried, since a collection can start for reasons of its
 * own. Infinity when every window saw a collection: then the steps allocate a lot.
 */
function allocatedBytes(step: () => void, n: number): number {
  for (let attempt = 0; attempt < 5; attempt++) {
    // A young-generation collection empties the nursery, so that a collection during the window is
    // unlikely. (Not a full one: the heap's used size drifts for a while after a full collection.)
    gc?.({ type: 'minor' });
    const profiler = new GCProfiler();
    profiler.start();
    const before = process.memoryUsage().heapUsed;
    run(step, n);
    const after = process.memoryUsage().heapUsed;
    if (profiler.stop().statistics.length === 0) return after - before;
  }
  return Number.POSITIVE_INFINITY;
}

/** The functions that allocate while `n` steps run, by V8's sampling heap profiler, as "bytes/step  function  file". */
async function allocationSites(step: () => void, n: number): Promise<string[]> {
  const session = new Session();
  session.connect();
  try {
    // Objects the young-generation collector already freed must count too: they are exactly the garbage.
    await session.post('HeapProfiler.startSampling', { samplingInterval: 32, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    run(step, n);
    const { profile } = await session.post('HeapProfiler.stopSampling');
    const bytes = new Map<string, number>();
    const walk = (node: typeof profile.head): void => {
      const f = node.callFrame;
      const key = `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\/(src|tests)\//, '$1/')}`;
      bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
      node.children.forEach(walk);
    };
    walk(profile.head);
    return [...bytes]
      .filter(([key, b]) => b / n >= 1 && !key.includes('node:inspector'))
      .sort((a, b) => b[1] - a[1])
      .map(([key, b]) => `${(b / n).toFixed(1)} bytes/step  ${key}`);
  } finally {
    session.disconnect();
  }
}

/**
 * Asserts that STEPS warm steps allocate nothing; on failure, lists what allocates. How to read the list:
 * 16 bytes per call is a boxed number (a HeapNumber: a double passed to or returned from a call the
 * optimizing compiler did not inline); 40 bytes per call is typically a closure's context.
 */
async function expectNoAllocation(step: () => void): Promise<void> {
  run(step, WARMUP);
  // A step now takes a few microseconds, so the optimizing compiler may still be finishing (and its
  // code objects land on the heap) during the first window. A real per-step allocation shows in every
  // window; compilation shows in one at most. So the least of three windows is what a step allocates.
  let bytes = Number.POSITIVE_INFINITY;
  for (let w = 0; w < 3 && bytes > SLACK_BYTES; w++) bytes = Math.min(bytes, allocatedBytes(step, STEPS));
  const sites = bytes > SLACK_BYTES ? await allocationSites(step, STEPS) : [];
  const perStep = (bytes / STEPS).toFixed(2);
  expect(bytes, `${STEPS} warm steps allocated ${bytes} bytes (${perStep} per step); allocating functions:\n${sites.join('\n')}\n`).toBeLessThan(SLACK_BYTES);
}

describe('a training step allocates nothing (2-16-16-2, batch 32, SGD momentum)', () => {
  it('the calls of one step: Mlp.forward, softmaxCrossEntropy, Mlp.backward, optimizer step', async () => {
    await expectNoAllocation(makeCallsStep());
  });

  it('Lane.train, the per-step path of the app', async () => {
    await expectNoAllocation(makeLaneStep());
  });

  it('Lane.train on a regression lane (mean squared error)', async () => {
    await expectNoAllocation(makeLaneStep(true));
  });

  it.each([{ kind: 'relu' }, { kind: 'prelu', alpha: 0.25, perNeuron: true }] as const)('Lane.train with the inspected neuron’s gradient measured ($kind)', async (activation) => {
    await expectNoAllocation(makeInspectedStep(activation));
  });

  it.skipIf(gc === null)('retains nothing: after a full collection the heap is as large after 10,000 steps as after 1,000', () => {
    const step = makeLaneStep();
    run(step, 1_000);
    gc!();
    const early = process.memoryUsage().heapUsed;
    run(step, STEPS - 1_000);
    gc!();
    const late = process.memoryUsage().heapUsed;
    // Optimized code compiled between the two readings is retained legitimately; allow a few KB for it.
    expect(late - early).toBeLessThan(16_384);
  });
});
