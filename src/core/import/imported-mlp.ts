import { LIMITS } from '../protocol/spec';
import type { NamedTensor } from './named-tensor';

/** A PyTorch MLP's Linear layers read from a file, ready to be a lane's starting weights. */
export interface ImportedMlp {
  /** The file it came from (its name only). */
  readonly source: string;
  /** Inputs, every hidden width, outputs. */
  readonly widths: readonly number[];
  /** Per Linear layer its weight's and bias's names in the file, in order: w0, b0, w1, b1, ... */
  readonly keys: readonly string[];
  /** The same tensors as float32: each weight [out x in] row-major (nn.Linear.weight's layout), then its bias. */
  readonly tensors: readonly Float32Array[];
  /** Per hidden layer, the PReLU slopes the file holds after it (1 or `width` values), or null when it has none. */
  readonly prelu: readonly (Float32Array | null)[];
  /** What the reader did that the user should know (float64 rounded, a checkpoint's key used). */
  readonly notes: readonly string[];
}

/** The outcome of recognising a network: the layers, or a message naming the file and the first tensor that is not supported. */
export type ReadMlp = { readonly ok: true; readonly mlp: ImportedMlp } | { readonly ok: false; readonly message: string };

/** What Leaky Lab's networks are made of, for every refusal. */
const SUPPORTED = 'Leaky Lab reads an nn.Sequential MLP: nn.Linear layers (with bias) with activation modules between them (ReLU, LeakyReLU, PReLU, ELU, GELU, ... ; only PReLU has tensors)';

interface Module {
  readonly name: string;
  readonly params: Map<string, NamedTensor>;
}

/**
 * Recognises an MLP in a state_dict's tensors (in the file's order): modules are the keys' prefixes
 * ("0" of "0.weight"); a Linear has a 2-D weight [out, in] and a bias [out]; a PReLU only a weight of 1
 * or `out` slopes. Anything else (BatchNorm, LayerNorm, convolutions, a Linear without bias, dtypes
 * other than float32 and float64, non-finite values, widths that do not chain) is refused naming the
 * tensor. The activation between Linear layers is not in a state_dict (ReLU has no tensors): the lane's
 * own activation is used.
 */
export function mlpFromTensors(tensors: readonly NamedTensor[], fileName: string, notes: readonly string[] = []): ReadMlp {
  const fail = (message: string): ReadMlp => ({ ok: false, message: `${fileName}: ${message}` });
  const modules: Module[] = [];
  for (const t of tensors) {
    const dot = t.name.lastIndexOf('.');
    const name = dot < 0 ? '' : t.name.slice(0, dot);
    const param = t.name.slice(dot + 1);
    let m = modules.find((x) => x.name === name);
    if (m === undefined) modules.push((m = { name, params: new Map() }));
    m.params.set(param, t);
  }
  const keys: string[] = [];
  const out: Float32Array[] = [];
  const widths: number[] = [];
  const prelu: (Float32Array | null)[] = [];
  let rounded = false;
  for (const m of modules) {
    const label = m.name === '' ? 'the top-level module' : `module '${m.name}'`;
    const first = [...m.params.values()][0]!;
    const w = m.params.get('weight');
    const b = m.params.get('bias');
    const kind = layerKind(m);
    if (kind !== null) return fail(`tensor '${first.name}' belongs to ${label}, ${kind}, which Leaky Lab's networks do not have. ${SUPPORTED}.`);
    for (const t of [w, b]) {
      if (t === undefined) continue;
      if (t.values === null) return fail(`tensor '${t.name}' is ${t.dtype}; Leaky Lab reads float32 and float64 (rounded to float32). Convert the model with model.float() before saving.`);
      const bad = t.values.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0) return fail(`tensor '${t.name}' holds ${t.values[bad]} at element ${bad}; a network must start from finite weights.`);
      rounded ||= t.dtype === 'float64';
    }
    if (w!.shape.length === 1 && b === undefined) {
      // A PReLU: its slopes belong to the hidden layer of the Linear before it.
      const width = widths[widths.length - 1];
      if (out.length === 0) return fail(`tensor '${w!.name}' (a PReLU's slopes) comes before any Linear layer; ${SUPPORTED}.`);
      if (w!.shape[0] !== 1 && w!.shape[0] !== width) return fail(`tensor '${w!.name}' holds ${w!.shape[0]} PReLU slopes, but the layer before it has ${width} outputs (PReLU has 1 slope or one per output).`);
      prelu[prelu.length - 1] = Float32Array.from(w!.values!);
      continue;
    }
    const [rows, cols] = w!.shape as [number, number];
    if (b!.shape.length !== 1 || b!.shape[0] !== rows) return fail(`tensor '${b!.name}' has shape [${b!.shape.join(', ')}], but the weight '${w!.name}' [${rows}, ${cols}] needs a bias of ${rows}.`);
    if (widths.length > 0 && widths[widths.length - 1] !== cols) return fail(`tensor '${w!.name}' takes ${cols} inputs, but the layer before it ('${keys[keys.length - 2]}') has ${widths[widths.length - 1]} outputs; the Linear layers must chain.`);
    if (widths.length === 0) widths.push(cols);
    widths.push(rows);
    keys.push(w!.name, b!.name);
    out.push(Float32Array.from(w!.values!), Float32Array.from(b!.values!));
    prelu.push(null);
  }
  const hidden = widths.slice(1, -1);
  if (hidden.length === 0) return fail(`holds ${out.length === 0 ? 'no Linear layer' : 'one Linear layer'}: a network needs at least two (one hidden layer). ${SUPPORTED}.`);
  if (hidden.length > LIMITS.maxHiddenLayers) return fail(`has ${hidden.length} hidden layers; Leaky Lab trains at most ${LIMITS.maxHiddenLayers}.`);
  const wide = hidden.findIndex((h) => h > LIMITS.maxWidth);
  if (wide >= 0) return fail(`tensor '${keys[2 * wide]}' makes a hidden layer of ${hidden[wide]} neurons; Leaky Lab trains at most ${LIMITS.maxWidth} per layer.`);
  if (prelu[prelu.length - 1] !== null) return fail(`the last Linear layer ('${keys[keys.length - 2]}') is followed by a PReLU; Leaky Lab's networks end with a Linear layer (the logits).`);
  const allNotes = [...notes, ...(rounded ? ['float64 tensors were rounded to float32 (Leaky Lab trains in float32)'] : [])];
  return { ok: true, mlp: { source: fileName, widths, keys, tensors: out, prelu: prelu.slice(0, -1), notes: allNotes } };
}

/** What kind of unsupported layer a module is (in words), or null for a Linear or a PReLU. */
function layerKind(m: Module): string | null {
  const names = [...m.params.keys()];
  if (names.some((n) => n === 'running_mean' || n === 'running_var' || n === 'num_batches_tracked')) return 'a batch normalization layer';
  const w = m.params.get('weight');
  const b = m.params.get('bias');
  const only = (...allowed: string[]) => names.every((n) => allowed.includes(n));
  if (w === undefined) return `a layer with tensors ${names.map((n) => `'${n}'`).join(', ')}`;
  if (w.shape.length >= 3) return `a convolution (its weight has ${w.shape.length} dimensions)`;
  if (w.shape.length === 2 && b === undefined && only('weight')) return 'a Linear layer without bias (bias=False) or an Embedding';
  if (w.shape.length === 2 && b !== undefined && only('weight', 'bias')) return null;
  if (w.shape.length === 1 && b === undefined && only('weight')) return null;
  if (w.shape.length === 1 && b !== undefined) return 'a normalization layer (LayerNorm or GroupNorm)';
  return `a layer with tensors ${names.map((n) => `'${n}'`).join(', ')}`;
}
