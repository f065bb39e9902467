/**
 * What the dataset worker (src/renderer/host/dataset.worker.ts) does with a request, kept here, free of
 * any host, so that tests run it without a worker and the worker file stays a thin entry.
 */
import type { EncodeResult, TableEncodeOptions } from '../core/data/encode-report';
import { encodeTable } from '../core/data/encode-table';
import type { Table } from '../core/data/table';
import { type LoadResult, loadTable, tableTransferables } from './load-table';

/** Messages the page sends to the dataset worker. */
export type DatasetRequest =
  | { readonly type: 'load'; readonly bytes: ArrayBuffer; readonly fileName: string; readonly maxBytes?: number }
  | { readonly type: 'encode'; readonly table: Table; readonly options: TableEncodeOptions };

/** Messages the dataset worker sends back: progress (at most about 20 per second), then one result. */
export type DatasetReply =
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'loaded'; readonly result: LoadResult }
  | { readonly type: 'encoded'; readonly result: EncodeResult };

/** Least time between two progress messages (20 per second). */
export const PROGRESS_INTERVAL_MS = 50;

/**
 * Handles one request: loads or encodes, posts throttled progress, then the result with its typed
 * arrays in the transfer list (`post` is the worker's postMessage; `now` a clock in milliseconds).
 */
export function handleDatasetRequest(request: DatasetRequest, post: (reply: DatasetReply, transfer: ArrayBuffer[]) => void, now: () => number): void {
  if (request.type === 'load') {
    let last = -Infinity;
    const onProgress = (fraction: number) => {
      const t = now();
      if (t - last < PROGRESS_INTERVAL_MS) return;
      last = t;
      post({ type: 'progress', fraction }, []);
    };
    const result = loadTable(new Uint8Array(request.bytes), request.fileName, { onProgress, maxBytes: request.maxBytes });
    post({ type: 'loaded', result }, result.ok ? tableTransferables(result.table) : []);
    return;
  }
  const result = encodeTable(request.table, request.options);
  post({ type: 'encoded', result }, result.ok ? [result.dataset.x.buffer, result.dataset.y.buffer, result.dataset.t.buffer] : []);
}
