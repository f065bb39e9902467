/**
 * Reads a file the user chose, checking it before reading: the extension, that it is a regular file
 * (not a folder, pipe or device, which could hang or flood the app), its size, and a binary sniff of
 * its first 8 KB (NUL bytes mean it is not text). Every failure is a sentence that names the file and
 * says what to do. Only the bytes go to the renderer, never the path.
 */
import { type FileHandle, open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { describeFsError, errorCode } from './atomic-write';
import { type FileRule, formatBytes, hasAcceptedExtension } from './file-rules';

/** How many leading bytes the binary sniff looks at. */
export const SNIFF_BYTES = 8 * 1024;

/** A file read for the renderer, or why it could not be. */
export type ReadResult = { readonly ok: true; readonly name: string; readonly bytes: Uint8Array<ArrayBuffer> } | { readonly ok: false; readonly error: string };

/** Checks and reads the file at `path` under `rule`. */
export async function readUserFile(path: string, rule: FileRule): Promise<ReadResult> {
  const name = basename(path);
  const fail = (error: string): ReadResult => ({ ok: false, error });
  if (!hasAcceptedExtension(name, rule)) {
    return fail(`${name} is not ${article(rule.noun)} (expected a name ending in ${rule.extensions.join(', ')}). Choose ${article(rule.noun)} instead.`);
  }
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return fail(whyUnreadable(name, error));
  }
  if (info.isDirectory()) return fail(`${name} is a folder, not a file. Open it and choose the ${rule.noun} inside.`);
  if (!info.isFile()) return fail(`${name} is not a regular file (it is a device, pipe or socket), so it cannot be opened as ${article(rule.noun)}.`);
  if (info.size > rule.maxBytes) return fail(tooLarge(name, info.size, rule));
  if (info.size === 0) return fail(`${name} is empty. Choose the ${rule.noun} again, or save it again if it was cut short.`);

  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return fail(whyUnreadable(name, error));
  }
  try {
    // Checked again on the open handle: the path may have been replaced or grown since the stat.
    const opened = await handle.stat();
    if (!opened.isFile()) return fail(`${name} is not a regular file, so it cannot be opened as ${article(rule.noun)}.`);
    const size = opened.size;
    if (size > rule.maxBytes) return fail(tooLarge(name, size, rule));
    // The sniff reads only the head: a large binary file is refused without reading (or allocating) it all.
    const head = new Uint8Array(Math.min(SNIFF_BYTES, size));
    const headRead = await readInto(handle, head, 0, head.length);
    const sniffed = sniffBinary(head.subarray(0, headRead));
    if (sniffed !== null) return fail(`${name} ${sniffed}, not ${article(rule.noun)}. Choose a text file saved as UTF-8.`);
    const bytes = new Uint8Array(new ArrayBuffer(size));
    bytes.set(head.subarray(0, headRead));
    const total = headRead + (await readInto(handle, bytes, headRead, size - headRead));
    return { ok: true, name, bytes: total === size ? bytes : bytes.slice(0, total) };
  } catch (error) {
    return fail(whyUnreadable(name, error));
  } finally {
    await handle.close();
  }
}

/** Null for text; otherwise what the bytes look like ("looks like UTF-16 text"). Only NUL bytes count as binary. */
export function sniffBinary(head: Uint8Array): string | null {
  if (!head.includes(0)) return null;
  const bom = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  return bom ? 'is UTF-16 text' : 'looks like a binary file (it contains NUL bytes)';
}

/** Decodes UTF-8 text (dropping a byte-order mark); null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** The user-facing sentence for a file that cannot be found or read. */
export function whyUnreadable(name: string, error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return `${name} no longer exists; it may have been moved, renamed or deleted after it was chosen. Choose it again from where it is now.`;
    case 'EACCES':
    case 'EPERM':
      return `${name} cannot be read: permission denied. Check the file's permissions (or copy it to a folder of yours) and try again.`;
    case 'EISDIR':
      return `${name} is a folder, not a file. Open it and choose the file inside.`;
    default:
      return `${name} could not be read (${describeFsError(error)}). Try again, or copy the file somewhere else first.`;
  }
}

/** Reads up to `count` bytes into `into` at `offset` (from the same file position); fewer only at end of file. */
async function readInto(handle: FileHandle, into: Uint8Array, offset: number, count: number): Promise<number> {
  let filled = 0;
  while (filled < count) {
    const { bytesRead } = await handle.read(into, offset + filled, count - filled, offset + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

function tooLarge(name: string, size: number, rule: FileRule): string {
  return `${name} is ${formatBytes(size)}, but ${rule.noun}s are limited to ${formatBytes(rule.maxBytes)}. ${rule.tooLargeAdvice}`;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
