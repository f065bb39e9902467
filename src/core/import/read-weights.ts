import { mlpFromTensors, type ReadMlp } from './imported-mlp';
import { readNpzFile } from './npz-file';
import { readTorchFile } from './torch-file';

/** Largest weights file read, in bytes (a 1024-wide, 16-layer float32 MLP is about 70 MB). */
export const WEIGHTS_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Reads a PyTorch MLP's weights from a file's bytes: an .npz (by its name) or anything torch.save
 * writes (.pt, .pth, .bin, ...). The message of a refusal names the file and the first tensor at fault.
 */
export function readWeightsFile(bytes: Uint8Array, fileName: string): ReadMlp {
  if (bytes.length > WEIGHTS_MAX_BYTES) return { ok: false, message: `${fileName} is ${bytes.length} bytes; the largest weights file Leaky Lab reads is ${WEIGHTS_MAX_BYTES} bytes.` };
  const read = /\.npz$/i.test(fileName) ? readNpzFile(bytes, fileName) : readTorchFile(bytes, fileName);
  if (!read.ok) return read;
  return mlpFromTensors(read.tensors, fileName, read.notes);
}
