/**
 * NOT USED BY THE APP (see dataset-loader.ts): the app's dataset worker is dataset-table.worker.ts.
 *
 * Entry of the one-shot dataset Web Worker: reads a user's file into a table (src/loader) or encodes a table
 * into a dataset, off the UI thread. One request per worker; dataset-loader.ts starts and ends it.
 */
import { type DatasetReply, type DatasetRequest, handleDatasetRequest } from '../../loader/requests';

const scope = self as unknown as {
  postMessage(message: DatasetReply, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<DatasetRequest>) => void) | null;
};

scope.onmessage = (e: MessageEvent<DatasetRequest>) =>
  handleDatasetRequest(
    e.data,
    (reply, transfer) => scope.postMessage(reply, transfer),
    () => performance.now(),
  );
