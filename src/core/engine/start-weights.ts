import { digestFloat32 } from '../math/digest';
import type { SessionSpec, StartWeights } from '../protocol/spec';
import { base64ToTyped, typedToBase64 } from './typed-codec';

/** A lane's imported starting weights that do not fit its network or are damaged; `field` is the spec path. */
export class StartWeightsError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * The spec form of imported weights: the file's name, the tensors' names in it, the tensors (w0, b0, w1,
 * b1, ...) and, when the file had any, its PReLU slopes per hidden layer (null where it had none).
 */
export function startWeights(source: string, keys: readonly string[], tensors: readonly Float32Array[], prelu: readonly (Float32Array | null)[] = []): StartWeights {
  const slopes = prelu.some((p) => p !== null) ? prelu : [];
  const alphas = slopes.length === 0 ? {} : { alphas: slopes.map((p) => (p === null ? null : typedToBase64(p))) };
  return { source, digest: digestFloat32([...tensors, ...slopes.filter((p) => p !== null)]), keys: [...keys], tensors: tensors.map((t) => typedToBase64(t)), ...alphas };
}

/**
 * The imported PReLU slopes per hidden layer (null where the file had none), or null when it had none
 * at all; throws StartWeightsError when they are damaged or do not fit the hidden widths.
 */
export function decodeSlopes(start: StartWeights, hidden: readonly number[], field: string): (Float32Array | null)[] | null {
  if (start.alphas === undefined) return null;
  if (start.alphas.length !== hidden.length) throw new StartWeightsError(`The PReLU slopes from ${start.source} are for ${start.alphas.length} hidden layers, not ${hidden.length}; the experiment file is damaged.`, `${field}.alphas`);
  return start.alphas.map((text, l) => {
    if (text === null) return null;
    let a: Float32Array;
    try {
      a = base64ToTyped(text, Float32Array);
    } catch (e) {
      throw new StartWeightsError(`The PReLU slopes of hidden layer ${l + 1} from ${start.source} cannot be decoded (${e instanceof Error ? e.message : String(e)}); the experiment file is damaged.`, `${field}.alphas.${l}`);
    }
    if (a.length !== 1 && a.length !== hidden[l]) throw new StartWeightsError(`Hidden layer ${l + 1} has ${hidden[l]} neurons, but ${start.source} gives it ${a.length} PReLU slopes (1, or one per neuron); the experiment file is damaged.`, `${field}.alphas.${l}`);
    return a;
  });
}

/** The network the widths describe, as people write it ("784-128-10"). */
export function shapeText(widths: readonly number[]): string {
  return widths.join('-');
}

/** The widths (inputs, hidden..., outputs) imported weights are for, read from their tensors' lengths; null when they do not chain. */
export function startShape(start: StartWeights): number[] | null {
  const lengths = start.tensors.map((t) => Math.floor((t.replace(/=+$/, '').length * 3) / 4 / 4));
  const widths: number[] = [];
  for (let l = 0; 2 * l + 1 < lengths.length; l++) {
    const out = lengths[2 * l + 1]!;
    if (out === 0 || lengths[2 * l]! % out !== 0) return null;
    const inputs = lengths[2 * l]! / out;
    if (l > 0 && widths[widths.length - 1] !== inputs) return null;
    if (l === 0) widths.push(inputs);
    widths.push(out);
  }
  return widths.length >= 3 && lengths.length % 2 === 0 ? widths : null;
}

/**
 * Decodes imported weights for a network of `widths` (inputs, hidden..., outputs) and adds `biasShift`
 * to the hidden biases; throws StartWeightsError naming `field` and the first tensor that does not fit,
 * or saying the weights are damaged (their fingerprint differs).
 */
export function decodeStart(start: StartWeights, widths: readonly number[], biasShift: number, field: string): Float32Array[] {
  const layers = widths.length - 1;
  const theirs = startShape(start);
  if (theirs === null || theirs.join('-') !== widths.join('-')) {
    throw new StartWeightsError(`The starting weights from ${start.source} are for a ${theirs === null ? 'network whose layers do not chain' : `${shapeText(theirs)} network`}, but this session's network is ${shapeText(widths)}${theirs === null ? '' : `: ${differences(start, theirs, widths).join('; ')}`}. Choose a dataset and hidden layers of their shape, or import weights made for this network.`, field);
  }
  const out: Float32Array[] = [];
  for (let k = 0; k < 2 * layers; k++) out.push(decoded(start, k, field));
  const slopes = decodeSlopes(start, widths.slice(1, -1), field) ?? [];
  if (digestFloat32([...out, ...slopes.filter((a) => a !== null)]) !== start.digest) throw new StartWeightsError(`The starting weights from ${start.source} do not match their fingerprint (${start.digest}); the experiment file is damaged. Import the weights again.`, `${field}.digest`);
  if (biasShift !== 0) {
    for (let l = 0; l < layers - 1; l++) out[2 * l + 1] = out[2 * l + 1]!.map((x) => x + biasShift);
  }
  return out;
}

/** How two networks' widths differ, in the user's terms (features, hidden layers, classes), naming the file's tensor at fault. */
function differences(start: StartWeights, theirs: readonly number[], ours: readonly number[]): string[] {
  const out: string[] = [];
  const weight = (l: number) => `'${start.keys[2 * l] ?? `layer ${l + 1}`}'`;
  if (theirs[0] !== ours[0]) out.push(`their first layer ${weight(0)} takes ${theirs[0]} inputs and the dataset has ${ours[0]} features`);
  const [h1, h2] = [theirs.slice(1, -1), ours.slice(1, -1)];
  if (h1.join(',') !== h2.join(',')) {
    const l = h1.findIndex((w, i) => w !== h2[i]);
    out.push(`their hidden layers are ${h1.join(',')}, this network's ${h2.join(',')}${l >= 0 ? ` (${weight(l)} makes ${h1[l]} neurons)` : ''}`);
  }
  const last = theirs.length - 2;
  if (theirs[last + 1] !== ours[ours.length - 1]) out.push(`their last layer ${weight(last)} has ${theirs[last + 1]} outputs and the dataset needs ${ours[ours.length - 1]} (one per class; 1 for regression)`);
  return out;
}

function decoded(start: StartWeights, k: number, field: string): Float32Array {
  try {
    return base64ToTyped(start.tensors[k]!, Float32Array);
  } catch (e) {
    throw new StartWeightsError(`Tensor '${start.keys[k]}' of the starting weights from ${start.source} cannot be decoded (${e instanceof Error ? e.message : String(e)}); the experiment file is damaged.`, `${field}.tensors.${k}`);
  }
}

/** A network's weights as a reader hands them over (core/import's ImportedMlp has this shape). */
export interface WeightsToStart {
  readonly source: string;
  readonly widths: readonly number[];
  readonly keys: readonly string[];
  readonly tensors: readonly Float32Array[];
  /** Per hidden layer, the PReLU slopes after it in the file, or null. */
  readonly prelu?: readonly (Float32Array | null)[];
}

/**
 * The spec with lane `lane` (or every lane) starting from imported weights, and the hidden layers
 * theirs (the other lanes draw from their init at those widths); the input and output widths are
 * checked when the session is built, against the dataset.
 */
export function withStartWeights(spec: SessionSpec, w: WeightsToStart, lane: number | 'all'): SessionSpec {
  const start = startWeights(w.source, w.keys, w.tensors, w.prelu);
  return { ...spec, hidden: w.widths.slice(1, -1), lanes: spec.lanes.map((l, i) => (lane === 'all' || i === lane ? { ...l, start } : l)) };
}
