import { createHash } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import type { Dataset } from '../core/data/dataset';
import { defaultOptions, encodeTable, inferTask } from '../core/data/encode-table';
import { checkedPayload, datasetFromPayload } from '../core/engine/dataset-codec';
import type { Experiment } from '../core/protocol/experiment';
import type { DatasetRef, TableOptions } from '../core/protocol/spec';
import { checkFileSize, loadTable } from '../loader/load-table';
import { readLimited } from './read-limited';

/** A user file read, parsed and encoded: its rows and the spec's reference to it. */
export interface LoadedFile {
  readonly dataset: Dataset;
  readonly ref: Extract<DatasetRef, { kind: 'file' }>;
}

/** Choices the flags may override; the rest is inferred from the file (target: the last column). */
export type FileChoices = Partial<Pick<TableOptions, 'target' | 'task' | 'missing'>>;

/** Reads and parses a dataset file, encodes it with the given choices; a one-line reason on failure. */
export function loadDatasetFile(path: string, choices: FileChoices): LoadedFile | string {
  const bytes = readChecked(path);
  if (typeof bytes === 'string') return bytes;
  const loaded = loadTable(bytes, basename(path));
  if (!loaded.ok) return loaded.message;
  const inferred = defaultOptions(loaded.table);
  const target = loaded.table.columns.find((c) => c.name === (choices.target ?? inferred.target));
  if (target === undefined) {
    return `--target "${choices.target}" is not a column of ${basename(path)} (its columns: ${loaded.table.columns.map((c) => c.name).join(', ')})`;
  }
  // The task follows the chosen target unless given: another column may be categorical where the last was not.
  const options: TableOptions = { ...inferred, target: target.name, task: choices.task ?? inferTask(target), missing: choices.missing ?? inferred.missing };
  const encoded = encodeTable(loaded.table, options);
  if (!encoded.ok) return encoded.message;
  const ref = { kind: 'file', name: basename(path), sha256: sha256(bytes), bytes: bytes.length, options } as const;
  return { dataset: encoded.dataset, ref };
}

/**
 * The rows an experiment's user-file dataset needs: embedded in the file, or read from `override` or
 * from the dataset's name next to the experiment, checked against the saved hash. Null for built-in
 * data; a one-line reason when the file is missing or changed.
 */
export function experimentRows(x: Pick<Experiment, 'spec'> & { readonly data?: Experiment['data'] }, experimentPath: string, override: string | null): Dataset | null | string {
  const ref = x.spec.dataset;
  if (ref.kind !== 'file') return null;
  if (x.data !== undefined && override === null) {
    try {
      return datasetFromPayload(checkedPayload(x.data));
    } catch (e) {
      return `${experimentPath}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  const path = override ?? resolve(dirname(experimentPath), ref.name);
  const bytes = readChecked(path);
  if (typeof bytes === 'string') {
    return `${experimentPath} trains on the dataset file "${ref.name}", which was not found at ${path}: put it next to the experiment, or pass --data PATH (${bytes})`;
  }
  if (sha256(bytes) !== ref.sha256) {
    return `${path} is not the file ${experimentPath} was saved with (its content hash differs): the numbers would not be the same; pass the original file with --data PATH`;
  }
  const loaded = loadTable(bytes, ref.name);
  if (!loaded.ok) return loaded.message;
  const encoded = encodeTable(loaded.table, ref.options);
  return encoded.ok ? encoded.dataset : encoded.message;
}

function readChecked(path: string): Uint8Array | string {
  return readLimited(path, (size) => checkFileSize(basename(path), size)?.message ?? null);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
