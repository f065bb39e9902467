import type { BornDeadOptions } from '../../core/lab/born-dead';

/** A job for a born-dead worker: nets [from, to) of one width, drawn and checked as `options` say. */
export interface BornDeadJob {
  readonly options: BornDeadOptions;
  readonly width: number;
  readonly from: number;
  readonly to: number;
}

/** A worker's answer: the job's nets per first all-zero hidden layer (core/lab/born-dead.ts), or why it failed. */
export type BornDeadReply = (BornDeadJob & { readonly deaths: number[] }) | (BornDeadJob & { readonly error: string });

/** One born-dead worker as the study's run sees it. */
export interface BornDeadWorker {
  run(job: BornDeadJob): void;
  terminate(): void;
}

/** Makes a worker that calls `reply` with each job's answer and `crash` when it dies. */
export type BornDeadWorkerFactory = (reply: (r: BornDeadReply) => void, crash: (message: string) => void) => BornDeadWorker;

/** The Lab's born-dead workers: module Web Workers (born-dead.worker.ts); an error is a crash. */
export const webBornDeadWorkers: BornDeadWorkerFactory = (reply, crash) => {
  const worker = new Worker(new URL('./born-dead.worker.ts', import.meta.url), { type: 'module', name: 'leaky-lab-born-dead' });
  worker.onmessage = (e: MessageEvent) => reply(e.data as BornDeadReply);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    worker.terminate();
    crash(e.message || 'the born-dead worker failed');
  };
  worker.onmessageerror = () => {
    worker.terminate();
    crash('a reply of the born-dead worker could not be read');
  };
  return { run: (job) => worker.postMessage(job), terminate: () => worker.terminate() };
};
