import { readFileSync, statSync } from 'node:fs';

/**
 * Reads a whole file whose size `tooBig` accepts (it returns null, or the reason to refuse, given the
 * size in bytes), checked before any byte is read: a huge file would only exhaust memory. Returns the
 * bytes, or a one-line reason naming the path.
 */
export function readLimited(path: string, tooBig: (size: number) => string | null): Uint8Array | string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return `${path} is not a file`;
    size = st.size;
  } catch {
    return `${path}: no such file (check the path)`;
  }
  const refused = tooBig(size);
  if (refused !== null) return refused;
  try {
    return readFileSync(path);
  } catch (e) {
    return `${path} cannot be read: ${e instanceof Error ? e.message : String(e)}`;
  }
}
