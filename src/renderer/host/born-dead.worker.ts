/**
 * Entry of a born-dead Web Worker (the Lab's born-dead study): counts, for each job's nets of one width,
 * how many have each hidden layer as their first all-zero one (core's bornDeadByDepth), and posts that
 * or why it could not.
 */
import { bornDeadByDepth } from '../../core/lab/born-dead';
import type { BornDeadJob, BornDeadReply } from './born-dead-pool';

const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
scope.onmessage = (e: MessageEvent) => {
  const job = e.data as BornDeadJob;
  try {
    scope.postMessage({ ...job, deaths: bornDeadByDepth(job.options, job.width, job.from, job.to) } satisfies BornDeadReply);
  } catch (err) {
    scope.postMessage({ ...job, error: err instanceof Error ? err.message : String(err) } satisfies BornDeadReply);
  }
};
