// The renderer benchmark's two workloads as experiment files, and their headless throughput: the same
// EngineRuntime the engine worker runs, in this process, with snapshots produced at its normal rate
// (about 30 per second) and each acknowledged at once by a consumer on a real MessageChannel (buffers
// transferred), as scripts/bench/snapshot-cost.ts measures the default session.
import { MessageChannel } from 'node:worker_threads';
import { EngineRuntime } from '../../src/core/engine/runtime';
import { EXPERIMENT_FORMAT, EXPERIMENT_VERSION, type Experiment, serializeExperiment } from '../../src/core/protocol/experiment';
import type { EngineMessage } from '../../src/core/protocol/messages';
import { defaultSessionSpec, laneSpec } from '../../src/core/protocol/spec';

/** One benchmark workload: a name for the table, and the experiment file the UI opens. */
export interface Workload {
  readonly name: string;
  readonly fileName: string;
  readonly experiment: Experiment;
  /** The experiment file's text, as the UI's Open Experiment reads it. */
  readonly text: string;
}

function workload(name: string, fileName: string, hidden: number[], lanes: Experiment['spec']['lanes']): Workload {
  const base = defaultSessionSpec();
  // Noisier moons than the default (0.3 against 0.15): the classes overlap, so the loss levels off well
  // above zero instead of sinking towards subnormal gradients, which would slow training as it runs.
  const spec = { ...base, dataset: { kind: 'moons' as const, samples: 1000, noise: 0.3 }, hidden, lanes };
  const experiment: Experiment = { format: EXPERIMENT_FORMAT, version: EXPERIMENT_VERSION, spec, steps: 0, events: [] };
  return { name, fileName, experiment, text: serializeExperiment(experiment) };
}

/**
 * Four lanes of 2-16-16-16-2 (ReLU, Leaky ReLU 0.01 and 0.1, PReLU) and one ReLU lane of 2-(64x8)-2, on
 * two moons (1,000 samples, noise 0.3, batch 16), SGD at lr 0.02 with momentum 0.9. Checked: no lane
 * diverges within 250,000 steps (4 lanes) or 100,000 (the deep lane), more than a benchmark run trains
 * (about 170,000 and 60,000 on each side); at lr 0.05 PReLU diverged at step 133,770 (and at 30,010 on the default noise of 0.15), and the
 * deep lane at 48,074. A diverged lane stops training, which would make steps/s mean less.
 */
export function workloads(): Workload[] {
  const lr = 0.02;
  return [
    workload('4 lanes x 2-16-16-16-2', 'bench-4-lanes.leaky.json', [16, 16, 16], [
      laneSpec('ReLU', { kind: 'relu' }, lr),
      laneSpec('Leaky ReLU 0.01', { kind: 'leaky_relu', alpha: 0.01 }, lr),
      laneSpec('Leaky ReLU 0.1', { kind: 'leaky_relu', alpha: 0.1 }, lr),
      laneSpec('PReLU', { kind: 'prelu', alpha: 0.25, perNeuron: true }, lr),
    ]),
    workload('1 lane x 2-(64x8)-2', 'bench-deep-64x8.leaky.json', [64, 64, 64, 64, 64, 64, 64, 64], [laneSpec('ReLU', { kind: 'relu' }, lr)]),
  ];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A headless session of one workload: an EngineRuntime (what the engine worker runs) in this process,
 * loaded with the experiment (the 'load' command, as the UI sends it), with snapshots produced at its
 * normal rate and each acknowledged at once by a consumer on a real MessageChannel (buffers transferred).
 * It plays only inside window(), so it can take turns with the UI run of the same workload.
 */
export class HeadlessRun {
  private readonly channel = new MessageChannel();
  private readonly runtime: EngineRuntime;
  private step = 0;
  /** Lanes that diverged so far (they stop training, which would make steps/s mean less). */
  diverged = 0;

  constructor(experiment: Experiment) {
    this.runtime = new EngineRuntime({
      post: (m, transfer) => this.channel.port1.postMessage(m, transfer),
      now: () => performance.now(),
      later: (fn, delay) => (delay <= 0 ? setImmediate(fn) : setTimeout(fn, delay)),
    });
    this.channel.port2.on('message', (m: EngineMessage) => {
      if (m.type !== 'snapshot') return;
      this.step = m.snapshot.lanes.reduce((s, l) => Math.max(s, l.step), 0);
      this.diverged = m.snapshot.lanes.filter((l) => l.diverged !== null).length;
      this.runtime.receive({ type: 'ack', seq: m.snapshot.seq });
    });
    this.runtime.receive({ type: 'load', experiment });
  }

  /**
   * Plays for `settleSeconds`, then measures lockstep steps per second over `seconds` (from the steps of
   * the snapshots, which come every ~33 ms), then pauses.
   */
  async window(settleSeconds: number, seconds: number): Promise<number> {
    this.runtime.receive({ type: 'play' });
    await sleep(settleSeconds * 1000);
    const step0 = this.step;
    const start = performance.now();
    await sleep(seconds * 1000);
    const rate = (this.step - step0) / ((performance.now() - start) / 1000);
    this.runtime.receive({ type: 'pause' });
    await sleep(50);
    return rate;
  }

  /** Closes the channel (the runtime stops with it). */
  close(): void {
    this.runtime.receive({ type: 'pause' });
    this.channel.port1.close();
  }
}
