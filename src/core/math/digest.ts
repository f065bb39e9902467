/**
 * A 64-bit fingerprint (16 hex digits) of the exact bits of some float32 tensors: two FNV-1a style
 * 32-bit hashes over each value's bit pattern. Equal digests mean bit-identical weights (with
 * overwhelming probability); used to show that every host computes the same numbers.
 */
export function digestFloat32(tensors: readonly Float32Array[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (const t of tensors) {
    const bits = new Uint32Array(t.buffer, t.byteOffset, t.length);
    for (let i = 0; i < bits.length; i++) {
      const v = bits[i]!;
      h1 = Math.imul(h1 ^ v, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ ((v >>> 16) | (v << 16)), 0x5bd1e995) >>> 0;
      h2 ^= h2 >>> 15;
    }
  }
  return h1.toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** A 64-bit fingerprint (16 hex digits) of a text's UTF-16 code units, by the same hash as digestFloat32. */
export function digestText(text: string): string {
  const codes = new Uint32Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return digestFloat32([new Float32Array(codes.buffer)]);
}
