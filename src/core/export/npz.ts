import { type Zippable, zipSync } from 'fflate';

/** One array for an .npz file: its numpy dtype, shape and little-endian bytes. */
export interface NpyArray {
  /** numpy's dtype string: '<f4' (float32), '<i4' (int32) or '<u2' (uint16). */
  readonly dtype: '<f4' | '<i4' | '<u2';
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
}

/**
 * An uncompressed .npz (a ZIP of .npy files, as numpy.savez writes it; fflate's zip), which numpy.load
 * reads: the PyTorch export's side-car when its arrays are too big to embed in the script.
 */
export function npzBytes(arrays: ReadonlyMap<string, NpyArray>): Uint8Array<ArrayBuffer> {
  const files: Zippable = {};
  // A fixed date (the ZIP epoch, 1980) so that the same arrays give the same bytes.
  for (const [name, a] of arrays) files[`${name}.npy`] = [npy(a), { level: 0, mtime: new Date(1980, 0, 1, 12) }];
  return zipSync(files) as Uint8Array<ArrayBuffer>;
}

/** A .npy file (format 1.0): magic, header dict padded to a multiple of 64 bytes, then the data. */
function npy(a: NpyArray): Uint8Array {
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let dict = `{'descr': '${a.dtype}', 'fortran_order': False, 'shape': ${shape}, }`;
  const unpadded = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const head = new Uint8Array(10 + dict.length);
  head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  head[8] = dict.length & 0xff;
  head[9] = dict.length >>> 8;
  head.set(ascii(dict), 10);
  return concat([head, a.bytes]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The bytes of an ASCII text (array names and .npy headers are ASCII; core has no TextEncoder). */
function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7e) throw new Error(`not ASCII: ${JSON.stringify(text)}`);
    out[i] = c;
  }
  return out;
}
