/** One array for an .npz file: its numpy dtype, shape and little-endian bytes. */
export interface NpyArray {
  /** numpy's dtype string: '<f4' (float32), '<i4' (int32) or '<u2' (uint16). */
  readonly dtype: '<f4' | '<i4' | '<u2';
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
}

/**
 * An uncompressed .npz (a ZIP of .npy files, as numpy.savez writes it), which numpy.load reads: the
 * PyTorch export's side-car when its arrays are too big to embed in the script.
 */
export function npzBytes(arrays: ReadonlyMap<string, NpyArray>): Uint8Array<ArrayBuffer> {
  const entries = [...arrays].map(([name, a]) => ({ name: ascii(`${name}.npy`), data: npy(a) }));
  const locals: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const crc = crc32(e.data);
    locals.push(header(0x04034b50, e.name, e.data.length, crc, null), e.data);
    central.push(header(0x02014b50, e.name, e.data.length, crc, offset));
    offset += 30 + e.name.length + e.data.length;
  }
  const dirSize = central.reduce((s, c) => s + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, dirSize, true);
  end.setUint32(16, offset, true);
  return concat([...locals, ...central, new Uint8Array(end.buffer)]);
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

/** A ZIP local (offset null) or central directory header of a stored (uncompressed) entry. */
function header(signature: number, name: Uint8Array, size: number, crc: number, offset: number | null): Uint8Array {
  const central = offset !== null;
  const v = new DataView(new ArrayBuffer((central ? 46 : 30) + name.length));
  let p = 0;
  const u16 = (x: number) => {
    v.setUint16(p, x, true);
    p += 2;
  };
  const u32 = (x: number) => {
    v.setUint32(p, x, true);
    p += 4;
  };
  u32(signature);
  if (central) u16(20); // made by: version 2.0
  u16(20); // needed to extract: version 2.0
  u16(0); // flags
  u16(0); // method: stored
  u16(0); // time
  u16(0x21); // date: 1980-01-01, so the same arrays give the same bytes
  u32(crc);
  u32(size);
  u32(size);
  u16(name.length);
  u16(0); // extra field length
  if (central) {
    u16(0); // comment length
    u16(0); // disk number
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(offset);
  }
  new Uint8Array(v.buffer).set(name, p);
  return new Uint8Array(v.buffer);
}

/** CRC-32 (the ZIP polynomial 0xEDB88320, reflected). */
export function crc32(data: Uint8Array): number {
  // A byte at a time through a 256-entry table (built per call: a few microseconds, and no shared state).
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    table[n] = c >>> 0;
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
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
