/** One tensor read from a PyTorch or numpy file, in the file's order: its name, dtype, shape and values. */
export interface NamedTensor {
  /** Its key in the file: a state_dict key ("0.weight", "net.2.bias") or an .npz array name. */
  readonly name: string;
  /** The file's element type in PyTorch's words: 'float32', 'float64', 'float16', 'int64', ... */
  readonly dtype: string;
  readonly shape: readonly number[];
  /** The values in row-major (C) order as float64, for float32 and float64 tensors only; null for any other dtype. */
  readonly values: Float64Array | null;
}

/** The outcome of reading a weights file: its tensors, or a message naming the file and what is wrong. */
export type ReadTensors = { readonly ok: true; readonly tensors: NamedTensor[]; readonly notes: string[] } | { readonly ok: false; readonly message: string };

/** Elements of a tensor of this shape (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/**
 * Copies the elements of a strided view (offset and strides in elements, as torch stores them) into a
 * row-major array, reading each element with `at(index)`.
 */
export function gather(shape: readonly number[], stride: readonly number[], offset: number, at: (i: number) => number): Float64Array {
  const out = new Float64Array(elementCount(shape));
  const index = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < out.length; k++) {
    let src = offset;
    for (let d = 0; d < shape.length; d++) src += index[d]! * stride[d]!;
    out[k] = at(src);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}
