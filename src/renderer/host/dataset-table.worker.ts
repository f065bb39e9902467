/**
 * Entry of the dataset Web Worker: keeps the parsed table of the file being previewed and answers the
 * page's requests (dataset-table.ts); dataset-table-client.ts starts it and ends it.
 */
import { type DatasetReply, TableHolder } from './dataset-table';

const scope = self as unknown as {
  postMessage(message: DatasetReply, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
};

const holder = new TableHolder(
  (reply, transfer) => scope.postMessage(reply, transfer),
  () => performance.now(),
);
scope.onmessage = (e: MessageEvent) => holder.handle(e.data);
