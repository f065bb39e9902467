/**
 * Entry of a sweep Web Worker (the Lab): trains each job it is sent and posts exactly what
 * answerSweepJob returns, one job at a time. A sweep of a user's file first sends `{ rows }`, the file's
 * rows, which every job of this worker then trains on (the CLI's workers get them as workerData).
 */
import { datasetFromPayload } from '../../core/engine/dataset-codec';
import type { Dataset } from '../../core/data/dataset';
import { answerSweepJob } from '../../core/lab/sweep-job';
import type { SweepJob } from '../../core/lab/sweep-scheduler';
import type { DatasetPayload } from '../../core/protocol/dataset-payload';

const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
let supplied: Dataset | null = null;
scope.onmessage = (e: MessageEvent) => {
  const m = e.data as SweepJob | { readonly rows: DatasetPayload };
  if ('rows' in m) supplied = datasetFromPayload(m.rows);
  else scope.postMessage(answerSweepJob(m, supplied));
};
