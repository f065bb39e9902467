/**
 * The size limit on dataset files, apart from the parser so that the page can check a file's size
 * before reading it without bundling PapaParse into the UI.
 */
import { formatBytes, q } from './errors';

/** Largest file loaded (the desktop shell refuses bigger files before reading them, with the same limit). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** A file that could not be loaded, and why. */
export interface LoadFailure {
  readonly ok: false;
  /** One sentence (or two) naming the file, the row or column, and what to do. */
  readonly message: string;
  /** Row number in the file (1-based, the header counted as row 1), when the problem has one. */
  readonly row: number | null;
  readonly column: string | null;
}

/** The refusal of a file over the size limit, or null when its size is fine: call it before reading the file. */
export function checkFileSize(fileName: string, size: number, maxBytes = MAX_FILE_BYTES): LoadFailure | null {
  if (size <= maxBytes) return null;
  return {
    ok: false,
    message: `${q(fileName)} is ${formatBytes(size)}, but datasets are limited to ${formatBytes(maxBytes)}. Use a sample of its rows saved as a smaller file.`,
    row: null,
    column: null,
  };
}
