/**
 * Atomic file writes: the data goes to a temporary file beside the target, is flushed to disk, and is
 * renamed over the target, so a crash or power cut mid-write leaves either the old file or the new one,
 * never a truncated mix (which is exactly what a recovery file must not be).
 */
import writeFileAtomic from 'write-file-atomic';

/** Writes `data` to `path` atomically (temp file, fsync, rename); rejects with the fs error on failure. */
export function writeAtomic(path: string, data: string | Buffer): Promise<void> {
  return writeFileAtomic(path, data, { fsync: true, encoding: 'utf8' });
}

/** The errno code of a Node fs error ('ENOENT', 'EACCES', ...), or null for anything else. */
export function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** A short, human reason for an fs error: "permission denied" rather than "EACCES: ...". */
export function describeFsError(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a folder in its path is a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
