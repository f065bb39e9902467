import { strFromU8, unzipSync } from 'fflate';
import { elementCount, gather, type NamedTensor, type ReadTensors } from './named-tensor';

/** numpy dtype codes (kind and size, any byte order) in PyTorch's words, for messages and the float check. */
const DTYPES: Readonly<Record<string, string>> = {
  f4: 'float32', f8: 'float64', f2: 'float16', i8: 'int64', i4: 'int32', i2: 'int16', i1: 'int8',
  u8: 'uint64', u4: 'uint32', u2: 'uint16', u1: 'uint8', b1: 'bool', c8: 'complex64', c16: 'complex128',
};

/**
 * Reads the arrays of an .npz (numpy.savez or savez_compressed: a zip of .npy files, in the order they
 * were saved) as named tensors; an array `0.weight.npy` is the tensor '0.weight'. Format: numpy's
 * "NEP 1 — A simple file format for NumPy arrays" (versions 1.0 to 3.0 of the header).
 */
export function readNpzFile(bytes: Uint8Array, fileName: string): ReadTensors {
  const fail = (why: string): ReadTensors => ({ ok: false, message: `${fileName}: ${why}` });
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return fail(`is not a readable .npz (a zip archive of .npy files: ${e instanceof Error ? e.message : String(e)}); it may be truncated.`);
  }
  const tensors: NamedTensor[] = [];
  for (const [entry, data] of Object.entries(files)) {
    if (!entry.endsWith('.npy')) return fail(`holds '${entry}', which is not an .npy array; an .npz of a model's tensors holds only arrays.`);
    const name = entry.slice(0, -4);
    const read = readNpy(data);
    if (typeof read === 'string') return fail(`array '${name}': ${read}.`);
    tensors.push({ name, ...read });
  }
  if (tensors.length === 0) return fail('holds no arrays.');
  return { ok: true, tensors, notes: [] };
}

/** One .npy file's dtype, shape and (float32 or float64) values, or what is wrong with it. */
function readNpy(b: Uint8Array): Omit<NamedTensor, 'name'> | string {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (b.length < 10 || magic.some((m, i) => b[i] !== m)) return 'not an .npy array (no \\x93NUMPY magic)';
  const major = b[6]!;
  if (major < 1 || major > 3) return `.npy format version ${major}, which this reader does not know (it reads 1.0 to 3.0)`;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + headerLen > b.length) return 'its header runs past the end of the file';
  const header = strFromU8(b.subarray(start, start + headerLen), major < 3);
  const descr = /'descr':\s*'([<>|=])([a-z])(\d+)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (descr === null || fortran === null || shapeText === null) return `its header ${JSON.stringify(header.trim())} is not one numpy writes for a plain array`;
  const shape = shapeText[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) return `its shape (${shapeText[1]}) is not a list of sizes`;
  const code = `${descr[2]}${descr[3]}`;
  const dtype = DTYPES[code] ?? `numpy dtype '${descr[1]}${code}'`;
  if (dtype !== 'float32' && dtype !== 'float64') return { dtype, shape, values: null };
  const size = dtype === 'float32' ? 4 : 8;
  const little = descr[1] !== '>';
  const dataStart = start + headerLen;
  const count = elementCount(shape);
  if (dataStart + count * size > b.length) return `it holds fewer values than its shape (${shape.join(' x ')}) needs; the file may be truncated`;
  const dv = new DataView(b.buffer, b.byteOffset + dataStart, count * size);
  const at = size === 4 ? (i: number) => dv.getFloat32(4 * i, little) : (i: number) => dv.getFloat64(8 * i, little);
  // Fortran order stores the first index fastest: its strides are the row-major ones reversed.
  const stride = fortran[1] === 'True' ? shape.map((_, d) => elementCount(shape.slice(0, d))) : shape.map((_, d) => elementCount(shape.slice(d + 1)));
  return { dtype, shape, values: gather(shape, stride, 0, at) };
}
