const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes standard base64 (with or without '=' padding) to bytes; core has no atob or Buffer. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  // A lookup table: indexOf per character made decoding an embedded dataset quadratic-feeling slow.
  const table = new Int8Array(128).fill(-1);
  for (let k = 0; k < ALPHABET.length; k++) table[ALPHABET.charCodeAt(k)] = k;
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const v = code < 128 ? table[code]! : -1;
    if (v < 0) throw new Error(`invalid base64 character ${JSON.stringify(clean[i])} at ${i}`);
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes bytes as standard base64 with '=' padding (the inverse of decodeBase64). */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Chunks keep each joined string short; a byte at a time would build millions of tiny strings.
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    let s = '';
    for (let i = start; i < end; i += 3) {
      const n = (bytes[i]! << 16) | ((i + 1 < end ? bytes[i + 1]! : 0) << 8) | (i + 2 < end ? bytes[i + 2]! : 0);
      s += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + (i + 1 < end ? ALPHABET[(n >> 6) & 63]! : '=') + (i + 2 < end ? ALPHABET[n & 63]! : '=');
    }
    parts.push(s);
  }
  return parts.join('');
}
