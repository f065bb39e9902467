import { unzipSync } from 'fflate';
import { gather, elementCount, type NamedTensor, type ReadTensors } from './named-tensor';
import { isGlobal, PickleError, type PyGlobal, unpickle } from './pickle';

/** How to turn any file torch.load reads into an .npz this app reads (the fallback every refusal names). */
export const TO_NPZ = `python3 -c "import sys, torch, numpy; sd = torch.load(sys.argv[1], map_location='cpu'); numpy.savez(sys.argv[2], **{k: v.detach().float().numpy() for k, v in sd.items()})" MODEL.pt MODEL.npz`;

/** Storage classes torch.save names, by PyTorch dtype and bytes per element. */
const STORAGES: Readonly<Record<string, readonly [string, number]>> = {
  FloatStorage: ['float32', 4],
  DoubleStorage: ['float64', 8],
  HalfStorage: ['float16', 2],
  BFloat16Storage: ['bfloat16', 2],
  LongStorage: ['int64', 8],
  IntStorage: ['int32', 4],
  ShortStorage: ['int16', 2],
  CharStorage: ['int8', 1],
  ByteStorage: ['uint8', 1],
  BoolStorage: ['bool', 1],
  ComplexFloatStorage: ['complex64', 8],
  ComplexDoubleStorage: ['complex128', 16],
};

interface StorageRef {
  readonly kind: 'storage';
  readonly key: string;
  readonly dtype: string;
  readonly itemSize: number;
}

interface TensorRef {
  readonly kind: 'tensor';
  readonly storage: StorageRef;
  readonly offset: number;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
}

/** Keys under which training checkpoints commonly keep the model's state_dict, in the order tried. */
const CHECKPOINT_KEYS = ['state_dict', 'model_state_dict', 'model'];

/**
 * Reads the tensors of a file written by torch.save (PyTorch's zip format, the default since 1.6: a
 * pickle `data.pkl` naming storages, each storage a file `data/<key>`): a state_dict, or a checkpoint
 * dict holding one under 'state_dict', 'model_state_dict' or 'model'. Every refusal names the file and
 * says what to do.
 */
export function readTorchFile(bytes: Uint8Array, fileName: string): ReadTensors {
  const fail = (why: string): ReadTensors => ({ ok: false, message: `${fileName}: ${why}` });
  if (bytes.length >= 2 && bytes[0] === 0x80 && bytes[1]! <= 5) {
    return fail(`saved in PyTorch's legacy format (before 1.6, or with _use_new_zipfile_serialization=False), which this reader does not read. Save it again with a current torch.save, or convert it to .npz: ${TO_NPZ}`);
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return fail('is not a file torch.save writes (a zip archive), nor an .npz. Save the model with torch.save(model.state_dict(), PATH).');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return fail(`is not a readable zip archive (${e instanceof Error ? e.message : String(e)}); it may be truncated.`);
  }
  const names = Object.keys(files);
  if (names.some((n) => /^[^/]+\/constants\.pkl$/.test(n))) return fail('is a TorchScript archive (torch.jit.save). Save the model\'s state_dict instead: torch.save(model.state_dict(), PATH).');
  const pkl = names.find((n) => /^[^/]+\/data\.pkl$/.test(n));
  if (pkl === undefined) {
    return fail('is a zip archive without the data.pkl of torch.save: not a PyTorch file. An .npz must be named *.npz.');
  }
  const prefix = pkl.slice(0, -'data.pkl'.length);
  const order = files[`${prefix}byteorder`];
  const little = order === undefined || String.fromCharCode(...order).trim() !== 'big';
  let top: unknown;
  try {
    top = unpickle(files[pkl]!, torchHooks());
  } catch (e) {
    if (e instanceof PickleError) return fail(`${prefix}data.pkl: ${e.message}.`);
    throw e;
  }
  const found = stateDictIn(top);
  if (typeof found === 'string') return fail(found);
  const notes = found.under === null ? [] : [`read the state_dict under the checkpoint's key '${found.under}'`];
  const tensors: NamedTensor[] = [];
  for (const [name, t] of found.dict) {
    const data = files[`${prefix}data/${t.storage.key}`];
    if (data === undefined) return fail(`tensor '${name}' refers to storage ${t.storage.key}, which the archive lacks; the file may be damaged.`);
    const count = elementCount(t.shape);
    const last = t.offset + t.shape.reduce((s, d, i) => s + (d - 1) * t.stride[i]!, 0);
    if (count > 0 && (last + 1) * t.storage.itemSize > data.length) return fail(`tensor '${name}' reaches past the end of its storage; the file may be damaged.`);
    tensors.push({ name, dtype: t.storage.dtype, shape: t.shape, values: floatValues(t, data, little) });
  }
  return { ok: true, tensors, notes };
}

/** The float32 or float64 values of a tensor in row-major order, or null for any other dtype. */
function floatValues(t: TensorRef, data: Uint8Array, little: boolean): Float64Array | null {
  if (t.storage.dtype !== 'float32' && t.storage.dtype !== 'float64') return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const at = t.storage.dtype === 'float32' ? (i: number) => view.getFloat32(4 * i, little) : (i: number) => view.getFloat64(8 * i, little);
  return gather(t.shape, t.stride, t.offset, at);
}

/** What torch.save's pickle may call: OrderedDict, the tensor and parameter rebuilders; nothing else. */
function torchHooks() {
  return {
    call(fn: PyGlobal, args: readonly unknown[]): unknown {
      const name = `${fn.module}.${fn.name}`;
      if (name === 'collections.OrderedDict') return new Map();
      if (name === 'torch._utils._rebuild_tensor_v2' || name === 'torch._utils._rebuild_tensor') return tensorRef(args);
      if (name === 'torch._utils._rebuild_parameter' || name === 'torch._utils._rebuild_parameter_with_state') {
        if (!isTensor(args[0])) throw new PickleError('a Parameter without a tensor');
        return args[0];
      }
      // torch.save(model) pickles the modules themselves (directly, or through copyreg): name the class.
      const cls = name === 'copyreg._reconstructor' && isGlobal(args[0]) ? args[0] : fn;
      if (/^[A-Z]/.test(cls.name)) throw new PickleError(`it holds a whole ${cls.module}.${cls.name} object, not a state_dict of tensors. Save the weights with torch.save(model.state_dict(), PATH)`);
      throw new PickleError(`it calls ${name}, which a state_dict of tensors does not. Save the weights with torch.save(model.state_dict(), PATH), or convert the file: ${TO_NPZ}`);
    },
    persistent(pid: unknown): unknown {
      if (!Array.isArray(pid) || pid[0] !== 'storage' || !isGlobal(pid[1]) || (typeof pid[2] !== 'string' && typeof pid[2] !== 'number')) throw new PickleError('a persistent id that is not a torch storage');
      const kind = STORAGES[pid[1].name];
      if (pid[1].module !== 'torch' || kind === undefined) throw new PickleError(`a storage of type ${pid[1].module}.${pid[1].name}, which this reader does not know`);
      const ref: StorageRef = { kind: 'storage', key: String(pid[2]), dtype: kind[0], itemSize: kind[1] };
      return ref;
    },
  };
}

function tensorRef(args: readonly unknown[]): TensorRef {
  const [storage, offset, shape, stride] = args;
  const ints = (x: unknown): x is number[] => Array.isArray(x) && x.every((d) => Number.isSafeInteger(d) && (d as number) >= 0);
  if (!isStorage(storage) || !Number.isSafeInteger(offset) || (offset as number) < 0 || !ints(shape) || !ints(stride) || shape.length !== stride.length) {
    throw new PickleError('a tensor whose storage, offset, size or stride is not what torch.save writes');
  }
  return { kind: 'tensor', storage, offset: offset as number, shape, stride };
}

function isStorage(x: unknown): x is StorageRef {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'storage';
}

function isTensor(x: unknown): x is TensorRef {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'tensor';
}

/** The state_dict in what data.pkl holds (itself, or a checkpoint's entry), or what is wrong with it. */
function stateDictIn(top: unknown): { dict: Map<string, TensorRef>; under: string | null } | string {
  if (!(top instanceof Map)) return 'holds no dict of tensors (torch.save of a state_dict writes one).';
  const asDict = (m: Map<unknown, unknown>) => [...m.values()].every(isTensor) && [...m.keys()].every((k) => typeof k === 'string');
  if (top.size > 0 && asDict(top)) return { dict: top as Map<string, TensorRef>, under: null };
  for (const k of CHECKPOINT_KEYS) {
    const inner = top.get(k);
    if (inner instanceof Map && inner.size > 0 && asDict(inner)) return { dict: inner as Map<string, TensorRef>, under: k };
  }
  const bad = [...top].find(([, v]) => !isTensor(v));
  if (top.size === 0) return 'holds an empty dict: no tensors to start from.';
  const keys = [...top.keys()].slice(0, 8).map((k) => `'${String(k)}'`).join(', ');
  return `is a dict whose entry '${String(bad?.[0])}' is not a tensor (keys: ${keys}${top.size > 8 ? ', ...' : ''}), and it has no state_dict under ${CHECKPOINT_KEYS.map((k) => `'${k}'`).join(', ')}. Save model.state_dict() itself.`;
}
