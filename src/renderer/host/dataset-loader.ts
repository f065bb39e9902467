/**
 * NOT USED BY THE APP: the dataset preview runs in one worker that keeps the parsed table
 * (dataset-table-client.ts, dataset-table.worker.ts). This one-request-per-worker API stays only because
 * tests/unit/loader/dataset-loader.test.ts (outside the renderer's tests) still imports it; delete it,
 * dataset.worker.ts and src/loader/requests.ts together with that test.
 *
 * The page's way to load a user's dataset file: a small promise API over a module Web Worker
 * (dataset.worker.ts), so that parsing a 100 MB file never blocks the UI thread. Each call starts its
 * own worker and ends it when done (or when the signal aborts).
 *
 *   const r = await loadDatasetBlob(file, file.name, (f) => progress = f, controller.signal);
 *   if (!r.ok) show(r.message) else { preview(r.preview, r.warnings); const e = await encodeDataset(r.table, defaultOptions(r.table)); }
 *
 * Results never reject for a bad file (they carry a message); only an aborted call rejects, with the
 * signal's reason (an AbortError by default), as fetch does.
 */
import type { EncodeResult, TableEncodeOptions } from '../../core/data/encode-report';
import type { Table } from '../../core/data/table';
import type { LoadResult } from '../../loader/load-table';
import { MAX_FILE_BYTES, checkFileSize } from '../../loader/limits';
import type { DatasetReply, DatasetRequest } from '../../loader/requests';

/** Runs one request in a fresh dataset worker. */
function runInWorker<R extends LoadResult | EncodeResult>(request: DatasetRequest, transfer: Transferable[], onProgress: ((fraction: number) => void) | undefined, signal: AbortSignal | undefined): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = new Worker(new URL('./dataset.worker.ts', import.meta.url), { type: 'module', name: 'leaky-lab-dataset' });
    const done = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      done();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = (e: MessageEvent<DatasetReply>) => {
      const m = e.data;
      if (m.type === 'progress') onProgress?.(m.fraction);
      else {
        done();
        resolve(m.result as R);
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      done();
      const message = `The dataset worker failed: ${e.message || 'it could not be started'}. Reload the page and try again.`;
      resolve((request.type === 'load' ? { ok: false, message, row: null, column: null } : { ok: false, message, column: null }) as R);
    };
    worker.postMessage(request, transfer);
  });
}

/**
 * Loads a table from a file's bytes in a worker. An ArrayBuffer (or a Uint8Array spanning its whole
 * buffer) is transferred, so the caller's copy is detached afterwards; a partial view is copied.
 */
export function loadDatasetFile(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>, fileName: string, onProgress?: (fraction: number) => void, signal?: AbortSignal, maxBytes = MAX_FILE_BYTES): Promise<LoadResult> {
  let buffer: ArrayBuffer;
  if (bytes instanceof ArrayBuffer) buffer = bytes;
  else if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) buffer = bytes.buffer;
  else buffer = bytes.slice().buffer;
  return runInWorker<LoadResult>({ type: 'load', bytes: buffer, fileName, maxBytes }, [buffer], onProgress, signal);
}

/** Loads a table from a File or Blob: a file over the size limit is refused before a byte is read. */
export async function loadDatasetBlob(file: Blob, fileName: string, onProgress?: (fraction: number) => void, signal?: AbortSignal, maxBytes = MAX_FILE_BYTES): Promise<LoadResult> {
  const tooBig = checkFileSize(fileName, file.size, maxBytes);
  if (tooBig) return tooBig;
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (e) {
    return { ok: false, message: `Could not read "${fileName}": ${e instanceof Error ? e.message : String(e)}. Check that the file still exists and can be read.`, row: null, column: null };
  }
  if (signal?.aborted) throw signal.reason;
  return loadDatasetFile(bytes, fileName, onProgress, signal, maxBytes);
}

/** Encodes a table into a dataset in a worker (the table is copied there; the caller keeps it). */
export function encodeDataset(table: Table, options: TableEncodeOptions, signal?: AbortSignal): Promise<EncodeResult> {
  return runInWorker<EncodeResult>({ type: 'encode', table, options }, [], undefined, signal);
}
