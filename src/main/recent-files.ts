/**
 * The recent-files list kept in the settings: newest first, no duplicates, at most MAX_RECENT_FILES.
 * The renderer sees entries only by an opaque id and a display name, never their paths.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { FileKind } from './file-rules';
import { MAX_RECENT_FILES, type RecentFile } from './settings';

/** What the renderer is shown of a recent file. */
export interface RecentFileView {
  /** Opaque handle to pass back to openRecent (a hash of the path). */
  readonly id: string;
  readonly name: string;
  readonly kind: FileKind;
}

/** The list with `path` moved (or added) to the front, trimmed to the maximum. */
export function addRecent(list: readonly RecentFile[], path: string, kind: FileKind, now: Date): RecentFile[] {
  const entry: RecentFile = { path, kind, openedAt: now.toISOString() };
  return [entry, ...list.filter((f) => f.path !== path)].slice(0, MAX_RECENT_FILES);
}

/** The opaque id of a recent file. */
export function recentId(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 16);
}

/** The renderer's view of the list. */
export function viewRecent(list: readonly RecentFile[]): RecentFileView[] {
  return list.map((f) => ({ id: recentId(f.path), name: basename(f.path), kind: f.kind }));
}

/** Splits the list into entries whose file still exists and the ones that are gone. */
export async function pruneMissing(list: readonly RecentFile[], exists: (path: string) => Promise<boolean>): Promise<{ kept: RecentFile[]; pruned: RecentFile[] }> {
  const present = await Promise.all(list.map((f) => exists(f.path)));
  return { kept: list.filter((_, i) => present[i]), pruned: list.filter((_, i) => !present[i]) };
}
