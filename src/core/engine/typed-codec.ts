import { decodeBase64, encodeBase64 } from '../kernels/base64';

/** Typed arrays an experiment file stores as base64 of their little-endian bytes. */
export type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array | Int8Array;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The array's bytes in little-endian order (the array's own bytes on a little-endian host). */
export function littleEndian(a: Typed): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return LITTLE_ENDIAN || a.BYTES_PER_ELEMENT === 1 ? bytes : swapped(bytes, a.BYTES_PER_ELEMENT);
}

/** Little-endian bytes as an ArrayBuffer in host order (a whole number of `size`-byte words, or an error). */
export function fromLittleEndian(bytes: Uint8Array<ArrayBuffer>, size: number): ArrayBuffer {
  if (bytes.length % size !== 0) throw new Error(`an array of ${bytes.length} bytes is not a whole number of ${size}-byte values`);
  return (LITTLE_ENDIAN || size === 1 ? bytes : swapped(bytes, size)).buffer as ArrayBuffer;
}

/** base64 of a typed array's little-endian bytes (exact). */
export function typedToBase64(a: Typed): string {
  return encodeBase64(littleEndian(a));
}

/** Decodes typedToBase64's text into an array made by `make` (Float32Array, Int32Array, ...); throws on bad text. */
export function base64ToTyped<T extends Typed>(text: string, make: { new (b: ArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }): T {
  return new make(fromLittleEndian(decodeBase64(text), make.BYTES_PER_ELEMENT));
}

function swapped(bytes: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size) for (let k = 0; k < size; k++) out[i + k] = bytes[i + size - 1 - k]!;
  return out;
}
