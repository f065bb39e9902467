/** Is this a text file at all? Looks at the first bytes before anything is decoded. */

/** How many bytes the binary sniff looks at. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Offset of the first byte that breaks UTF-8 in bytes[from, to), or -1 when there is none. With
 * `truncatedEndOk`, a sequence cut off by `to` is fine (the file continues past the window).
 */
export function invalidUtf8At(bytes: Uint8Array, from: number, to: number, truncatedEndOk: boolean): number {
  let i = from;
  while (i < to) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= to) return truncatedEndOk ? -1 : i;
      const c = bytes[i + k]!;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** What the first bytes say about a file that is not UTF-8 text, or null when they look like text. */
export function sniffBinary(bytes: Uint8Array): { kind: 'binary' | 'utf16' | 'encoding'; what: string; offset: number } | null {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  const starts = (...sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return { kind: 'binary', what: 'a zip archive or an Excel/OpenDocument workbook', offset: 0 };
  if (starts(0x1f, 0x8b)) return { kind: 'binary', what: 'a gzip-compressed file', offset: 0 };
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return { kind: 'binary', what: 'an old-style Excel workbook (.xls)', offset: 0 };
  if (starts(0x25, 0x50, 0x44, 0x46)) return { kind: 'binary', what: 'a PDF document', offset: 0 };
  if (starts(0x89, 0x50, 0x4e, 0x47)) return { kind: 'binary', what: 'a PNG image', offset: 0 };
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return { kind: 'utf16', what: 'UTF-16 text', offset: 0 };
  const nul = bytes.subarray(0, n).indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a byte order mark: every other byte of ASCII text is 0.
    let zerosOdd = 0;
    let zerosEven = 0;
    const m = Math.min(n, 512);
    for (let i = 0; i < m; i++) {
      if (bytes[i] !== 0) continue;
      if (i % 2) zerosOdd++;
      else zerosEven++;
    }
    if (m >= 4 && (zerosOdd >= m / 2 - 1 || zerosEven >= m / 2 - 1)) return { kind: 'utf16', what: 'UTF-16 text', offset: 0 };
    return { kind: 'binary', what: 'a binary file (it holds NUL bytes, which text never does)', offset: nul };
  }
  const bad = invalidUtf8At(bytes, 0, n, n < bytes.length);
  if (bad >= 0) return { kind: 'encoding', what: 'not UTF-8 text', offset: bad };
  return null;
}
