import type { Dataset } from '../data/dataset';
import { DataOrder } from '../engine/data-order';
import { Session } from '../engine/session';
import { digestFloat32 } from '../math/digest';
import type { Experiment } from '../protocol/experiment';
import type { NpyArray } from './npz';
import { type ExportedRecycle, exportedRecycles } from './torch-recycles';

/** Most steps an export replays (its batch order is stored: 4 bytes per row per step at most). */
export const MAX_EXPORT_STEPS = 1_000_000;

/**
 * What a PyTorch export carries, drawn by the engine's own code: the training and test rows as the
 * session holds them (split, standardized for real data), the probe rows, each distinct set of initial
 * weights, and the rows of every batch the exported steps take. The script needs no generator of its own.
 */
export interface TorchPlan {
  readonly experiment: Experiment;
  /** Steps exported (the script replays steps 1..steps). */
  readonly steps: number;
  readonly task: Dataset['task'];
  /** Layer widths: inputs, hidden..., outputs. */
  readonly widths: readonly number[];
  readonly trainRows: number;
  readonly testRows: number;
  readonly probeRows: number;
  /** Name of the dataset as the session shows it. */
  readonly datasetName: string;
  /** Per lane, which set of initial weights it starts from (lanes with the same init and bias shift share one). */
  readonly laneInit: readonly number[];
  /** ReDo's recycles within the exported steps, with the engine's values (empty without ReDo). */
  readonly recycles: readonly ExportedRecycle[];
  /** Every array the script loads, by name (train_x, train_y or train_t, test_..., probe_rows, batches, init{k}_w{l}, init{k}_b{l}). */
  readonly arrays: ReadonlyMap<string, NpyArray>;
}

/**
 * Draws a plan for `steps` steps of an experiment; `rows`: a user file's rows (null for built-in
 * data). Throws the session's own error when the rows are missing.
 */
export function torchPlan(x: Experiment, rows: Dataset | null, steps: number): TorchPlan {
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_EXPORT_STEPS) throw new Error(`the steps to export must be a whole number from 1 to ${MAX_EXPORT_STEPS}, not ${steps}`);
  const session = new Session(x.spec, rows);
  const { train, test } = session;
  const arrays = new Map<string, NpyArray>();
  const put = (name: string, a: Float32Array | Int32Array | Uint16Array, shape: readonly number[]) => {
    const dtype = a instanceof Float32Array ? '<f4' : a instanceof Int32Array ? '<i4' : '<u2';
    arrays.set(name, { dtype, shape, bytes: littleEndianBytes(a) });
  };
  for (const [part, d] of [['train', train], ['test', test]] as const) {
    put(`${part}_x`, d.x, [d.rows, d.dims]);
    if (d.task === 'regression') put(`${part}_t`, d.t.subarray(0, d.rows), [d.rows]);
    else put(`${part}_y`, d.y.subarray(0, d.rows), [d.rows]);
  }
  const probeRows = session.frame().probeRows;
  put('probe_rows', Int32Array.from({ length: probeRows }, (_, i) => i), [probeRows]);
  // The batch order: the same DataOrder the session draws its batches from, one row index at a time.
  const order = new DataOrder(train.rows, x.spec.seed);
  const batch = x.spec.batchSize;
  const indices = train.rows <= 0x10000 ? new Uint16Array(steps * batch) : new Int32Array(steps * batch);
  for (let i = 0; i < indices.length; i++) indices[i] = order.next();
  put('batches', indices, [steps, batch]);
  // Initial weights: a fresh session's lanes are at step 0; lanes that share a draw share one set.
  const seen = new Map<string, number>();
  const laneInit = session.lanes.map((lane) => {
    const tensors = lane.mlp.layers.flatMap((d) => [d.weight, d.bias]);
    const digest = digestFloat32(tensors);
    let k = seen.get(digest);
    if (k === undefined) {
      k = seen.size;
      seen.set(digest, k);
      lane.mlp.layers.forEach((d, l) => {
        put(`init${k}_w${l}`, d.weight, [d.outputs, d.inputs]);
        put(`init${k}_b${l}`, d.bias, [d.outputs]);
      });
    }
    return k;
  });
  // PReLU lanes' starting slopes (their activation's α, or slopes imported with PyTorch weights).
  session.lanes.forEach((lane, i) =>
    lane.mlp.activations.forEach((act, l) => {
      if (lane.spec.activation.kind === 'prelu' && act.param !== null) put(`lane${i}_alpha${l}`, act.param, [act.param.length]);
    }),
  );
  const recycles = exportedRecycles(x, rows, steps, put);
  return {
    experiment: x,
    steps,
    task: train.task,
    widths: session.widths,
    trainRows: train.rows,
    testRows: test.rows,
    probeRows,
    datasetName: session.dataView().name,
    laneInit,
    recycles,
    arrays,
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A typed array's values as little-endian bytes (a copy). */
function littleEndianBytes(a: Float32Array | Int32Array | Uint16Array): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
  if (LITTLE_ENDIAN) return bytes;
  const size = a.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
  return bytes;
}
