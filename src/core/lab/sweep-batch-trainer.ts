import type { Batch, Lane } from '../engine/lane';
import { LOSS_SMOOTHING } from '../engine/lane';
import type { Session } from '../engine/session';
import { softmaxCrossEntropyInto } from '../nn/softmax-cross-entropy';
import type { BatchedKernels } from '../kernels/batched-kernels';
import type { BatchedMlp } from './sweep-batch-net';
import type { BatchOrder } from './sweep-batch-order';
import type { Run } from './sweep-plan';
import type { RunRecorder } from './sweep-run';

/** One run on the batched path: its real session and lane (which measure it), and its batch order. */
export interface Member {
  readonly run: Run;
  readonly session: Session;
  readonly lane: Lane;
  /** The lane's parameter tensors (Mlp.params() values), which the batched network copies to at probes. */
  readonly values: Float32Array[];
  readonly recorder: RunRecorder;
  readonly order: BatchOrder;
  /** The session's training features and (regression) targets, copied into the batched arena. */
  readonly x: Float32Array<ArrayBuffer>;
  readonly t: Float32Array<ArrayBuffer>;
  readonly probe: Batch;
  readonly probeTest: Batch;
  /** Still training. */
  live: boolean;
  /** Gradient norm of the network's last step (for its divergence message). */
  lastNorm: number;
}

/** The per-step work around the batched network: each run's batch in, each run's loss out. */
export class Trainer {
  private readonly dims: number;
  private readonly outputs: number;
  /** Classification: per run, the labels of its current batch; and one run's logits and their gradient. */
  private readonly labels: Int32Array<ArrayBuffer>[];
  private readonly logits: Float32Array<ArrayBuffer>;
  private readonly dlogits: Float32Array<ArrayBuffer>;
  private readonly cell = new Float64Array(1);

  constructor(
    private readonly net: BatchedMlp,
    private readonly kernels: BatchedKernels,
    private readonly members: readonly Member[],
    private readonly regression: boolean,
  ) {
    this.dims = net.shape.inputs;
    this.outputs = net.shape.outputs;
    this.labels = members.map(() => new Int32Array(regression ? 0 : net.rows));
    this.logits = new Float32Array(net.rows * this.outputs);
    this.dlogits = new Float32Array(net.rows * this.outputs);
  }

  /** Draws each live run's next batch (its own order) into the network's interleaved input. */
  gather(): void {
    const { net, dims } = this;
    const L = net.lanes;
    const k = this.kernels;
    const members = this.members;
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      if (!m.live) continue;
      m.order.next();
      const batch = m.order.batch;
      const rows = batch.length;
      if (this.regression) {
        k.gatherWithTargets(batch, rows, m.x, dims, net.x, m.t, net.t, L, i);
      } else {
        k.gather(batch, rows, m.x, dims, net.x, L, i);
        const labels = this.labels[i]!;
        const ty = m.session.train.y;
        for (let r = 0; r < rows; r++) labels[r] = ty[batch[r]!]!;
      }
    }
  }

  /** Each network's loss into net.loss and its gradient into net.dlogits (the lane's loss function, per run). */
  losses(): void {
    const net = this.net;
    if (this.regression) {
      net.mse();
      return;
    }
    const L = net.lanes;
    const n = net.rows * this.outputs;
    const z = net.forwardLogits;
    this.members.forEach((m, i) => {
      if (!m.live) return;
      for (let e = 0; e < n; e++) this.logits[e] = z[e * L + i]!;
      softmaxCrossEntropyInto(this.logits, this.labels[i]!, net.rows, this.outputs, this.dlogits, this.cell);
      net.loss[i] = this.cell[0]!;
      for (let e = 0; e < n; e++) net.dlogits[e * L + i] = this.dlogits[e]!;
    });
  }

  /**
   * Lane.train's bookkeeping of the loss: the loss and its moving average, or, when it is not finite,
   * the divergence. Then the lane itself takes the step on its own network (which has the same weights):
   * it finds the same loss and records the divergence as the single path does.
   */
  takeLoss(m: Member, i: number): void {
    const loss = this.net.loss[i]!;
    const lane = m.lane;
    if (Number.isFinite(loss)) {
      lane.loss = loss;
      lane.smoothedLoss = Number.isNaN(lane.smoothedLoss) ? loss : lane.smoothedLoss + LOSS_SMOOTHING * (loss - lane.smoothedLoss);
      return;
    }
    this.net.store(i, m.values);
    adoptNorm(lane, m.lastNorm);
    lane.train(this.batchOf(m, i));
    if (lane.diverged === null) throw new Error(`the batched path and run ${m.run.index}'s lane disagree on its loss at step ${lane.step}`);
    this.retire(i);
  }

  /** Zeroes network i's slot (weights, state, output gradient), so that it computes finite zeros from now on. */
  retire(i: number): void {
    const net = this.net;
    net.clear(i);
    const L = net.lanes;
    const n = net.rows * this.outputs;
    for (let e = 0; e < n; e++) net.dlogits[e * L + i] = 0;
  }

  /** Run m's current batch as a Lane's Batch. */
  private batchOf(m: Member, i: number): Batch {
    const { net, dims } = this;
    const rows = net.rows;
    const x = new Float32Array(rows * dims);
    const t = new Float32Array(this.regression ? rows : 0);
    const y = new Int32Array(rows);
    const train = m.session.train;
    for (let r = 0; r < rows; r++) {
      const row = m.order.batch[r]!;
      for (let k = 0; k < dims; k++) x[r * dims + k] = train.x[row * dims + k]!;
      if (this.regression) t[r] = train.t[row]!;
      y[r] = this.regression ? 0 : this.labels[i]![r]!;
    }
    return { x, y, t, rows };
  }
}

/** Sets the lane's last gradient norm (private to it: through its state), so that its divergence reports it as the single path's would. */
export function adoptNorm(lane: Lane, norm: number): void {
  lane.loadState({ ...lane.saveState(), gradNorm: norm });
}

