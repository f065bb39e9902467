import type { MessagePort } from 'node:worker_threads';
import { type BornDeadOptions, bornDeadByDepth } from '../core/lab/born-dead';

/** A job for a born-dead worker: nets [from, to) of one width. */
export interface BornDeadJob {
  readonly width: number;
  readonly from: number;
  readonly to: number;
}

/** A worker's answer: the job's nets per first all-zero layer (core/lab/born-dead.ts), or why it failed. */
export type BornDeadReply = (BornDeadJob & { readonly deaths: number[] }) | (BornDeadJob & { readonly error: string });

/** Counts born-dead nets for the jobs sent on `port`, one at a time, until the port closes (the body of a born-dead worker thread). */
export function serveBornDead(port: MessagePort, options: BornDeadOptions): void {
  port.on('message', (job: BornDeadJob) => {
    try {
      port.postMessage({ ...job, deaths: bornDeadByDepth(options, job.width, job.from, job.to) } satisfies BornDeadReply);
    } catch (e) {
      port.postMessage({ ...job, error: e instanceof Error ? e.message : String(e) } satisfies BornDeadReply);
    }
  });
}
