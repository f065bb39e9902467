/**
 * What each kind of user file may be: extensions, size limit, and the dialog filters that offer them.
 * Checked by file-read.ts before any byte is read.
 */
import { EXPERIMENT_MAX_BYTES } from '../core/protocol/experiment';
import { RUN_LOG_MAX_BYTES } from '../core/protocol/run-log';
import { MAX_FILE_BYTES } from '../loader/limits';

/** The kinds of file the user opens. */
export type FileKind = 'experiment' | 'dataset';

/** The rules for one kind of file. */
export interface FileRule {
  /** Run logs are opened, not listed among the recent files, so they are not a FileKind. */
  readonly kind: FileKind | 'run-log';
  /** What the user calls it, in messages ("experiment file"). */
  readonly noun: string;
  /** Accepted name endings, lower case, with the dot. */
  readonly extensions: readonly string[];
  readonly maxBytes: number;
  /** What to do about a file over the limit. */
  readonly tooLargeAdvice: string;
  /** Dialog filters (extensions without the dot, as Electron wants them). */
  readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[];
}

/** Largest dataset file accepted: the loader's own limit, so main and the page refuse the same files. */
export const DATASET_MAX_BYTES = MAX_FILE_BYTES;

/** Extension of the files Save writes (still JSON to every other tool). */
export const EXPERIMENT_EXTENSION = '.leaky.json';

/** The rules per kind of file. */
export const FILE_RULES: Readonly<Record<FileKind, FileRule>> = {
  experiment: {
    kind: 'experiment',
    noun: 'experiment file',
    extensions: ['.json', '.leaky'],
    maxBytes: EXPERIMENT_MAX_BYTES,
    tooLargeAdvice: 'An experiment file holds a spec and its changes (a few kilobytes), so this is probably not one; choose the .leaky.json file Leaky Lab saved.',
    filters: [{ name: 'Leaky Lab experiments', extensions: ['leaky.json', 'json', 'leaky'] }],
  },
  dataset: {
    kind: 'dataset',
    noun: 'dataset',
    extensions: ['.csv', '.tsv', '.txt', '.json'],
    maxBytes: DATASET_MAX_BYTES,
    tooLargeAdvice: 'Use a sample of its rows saved as a smaller file.',
    filters: [{ name: 'Data tables (CSV, TSV, JSON)', extensions: ['csv', 'tsv', 'txt', 'json'] }],
  },
};

/** Run logs written by leaky_lab_monitor.py in a PyTorch training loop (JSON Lines). */
export const RUN_LOG_RULE: FileRule = {
  kind: 'run-log',
  noun: 'run log',
  extensions: ['.jsonl', '.ndjson', '.json', '.log'],
  maxBytes: RUN_LOG_MAX_BYTES,
  tooLargeAdvice: 'Record less often (a larger every= in LeakyLabMonitor), or keep the last part of the file.',
  filters: [{ name: 'Leaky Lab run logs (JSON Lines)', extensions: ['jsonl', 'ndjson', 'json', 'log'] }],
};

/** True when the file name ends with one of the rule's extensions (case-insensitive). */
export function hasAcceptedExtension(fileName: string, rule: FileRule): boolean {
  const lower = fileName.toLowerCase();
  return rule.extensions.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

/** A byte count the way people read it: "312 MB", "64 KB", "900 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
