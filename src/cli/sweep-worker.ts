import type { MessagePort } from 'node:worker_threads';
import type { Dataset } from '../core/data/dataset';
import { answerSweepJob } from '../core/lab/sweep-job';
import type { SweepJob } from '../core/lab/sweep-scheduler';

/** Trains sweep jobs sent on `port`, one at a time, until the port closes (the body of a sweep worker thread). */
export function serveSweep(port: MessagePort, supplied: Dataset | null): void {
  port.on('message', (job: SweepJob) => port.postMessage(answerSweepJob(job, supplied)));
}
