/** The one way the loader's internals report a bad file; loadTable turns it into a LoadResult. */
export class LoadError {
  constructor(
    readonly message: string,
    readonly row: number | null = null,
    readonly column: string | null = null,
  ) {}
}

/** A file or column name quoted for a message. */
export const q = (s: string): string => `"${s}"`;

/** A byte count the way people read it: "312 MB", "64 KB", "900 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** A cell shown in a message: quoted, and cut to 40 characters. */
export function showCell(s: string): string {
  return q(s.length > 40 ? `${s.slice(0, 37)}...` : s);
}
