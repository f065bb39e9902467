import type { PoolWorker, SweepJobReply, WorkerFactory } from '../../core/lab/sweep-scheduler';
import type { DatasetPayload } from '../../core/protocol/dataset-payload';

/** Workers a sweep gets on this machine: one per core the browser reports, at least one. */
export function poolSize(cores: number | undefined = globalThis.navigator?.hardwareConcurrency): number {
  return Math.max(1, Math.floor(cores ?? 1));
}

/**
 * The Lab's worker factory: each worker is a module Web Worker (sweep.worker.ts), given `rows` first when
 * the sweep trains on a user's file; its replies go to the scheduler as they are, and an error or an
 * unreadable message is a crash (the scheduler retries the run).
 */
export const webSweepWorkers = (rows: DatasetPayload | null): WorkerFactory => (reply, crash): PoolWorker => {
  const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'leaky-lab-sweep' });
  if (rows !== null) worker.postMessage({ rows });
  worker.onmessage = (e: MessageEvent) => reply(e.data as SweepJobReply);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    worker.terminate();
    crash(e.message || 'the sweep worker failed');
  };
  worker.onmessageerror = () => {
    worker.terminate();
    crash('a reply of the sweep worker could not be read');
  };
  return { run: (job) => worker.postMessage(job), terminate: () => worker.terminate() };
};
