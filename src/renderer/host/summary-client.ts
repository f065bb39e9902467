import type { Cell } from '../../core/lab/sweep-plan';
import type { RunResult } from '../../core/lab/sweep-run';
import type { CellSummary } from '../../core/lab/sweep-summary';
import type { Comparison } from '../../core/lab/verdict';
import type { Axis } from '../../core/protocol/sweep';

/** What the summary worker is asked: a sweep's axes and steps, cells and finished runs (null: not finished). */
export interface SummaryInput {
  readonly axes: readonly Axis[];
  /** Steps every run trains: the verdict names its horizon. */
  readonly steps: number;
  readonly cells: readonly Cell[];
  readonly results: readonly (RunResult | null)[];
  readonly regression: boolean;
}

/** A request to the summary worker, by id. */
export type SummaryRequest = SummaryInput & { readonly id: number };

/** The summary worker's answer: core's summaries and verdict, or why they could not be computed. */
export type SummaryReply = { readonly id: number; readonly summaries: CellSummary[]; readonly verdict: Comparison[] } | { readonly id: number; readonly error: string };

/** Core's summaries and verdict of a sweep's finished runs, computed somewhere (a Web Worker in the app). */
export type Summarize = (input: SummaryInput) => Promise<{ readonly summaries: readonly CellSummary[]; readonly verdict: readonly Comparison[] }>;

/**
 * The Lab's summaries on one Web Worker (summary.worker.ts), started on first use. A crashed worker
 * fails the requests it had and the next request starts a fresh one.
 */
export function workerSummaries(): Summarize & { dispose(): void } {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: { summaries: CellSummary[]; verdict: Comparison[] }) => void; reject: (e: Error) => void }>();
  const failAll = (message: string) => {
    for (const w of waiting.values()) w.reject(new Error(message));
    waiting.clear();
    worker?.terminate();
    worker = null;
  };
  const start = (): Worker => {
    const w = new Worker(new URL('./summary.worker.ts', import.meta.url), { type: 'module', name: 'leaky-lab-summary' });
    w.onmessage = (e: MessageEvent) => {
      const r = e.data as SummaryReply;
      const p = waiting.get(r.id);
      waiting.delete(r.id);
      if (p === undefined) return;
      if ('error' in r) p.reject(new Error(r.error));
      else p.resolve(r);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      failAll(e.message || 'the summary worker failed');
    };
    w.onmessageerror = () => failAll('a reply of the summary worker could not be read');
    return w;
  };
  const summarize = (input: SummaryInput) =>
    new Promise<{ summaries: CellSummary[]; verdict: Comparison[] }>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      (worker ??= start()).postMessage({ ...input, id } satisfies SummaryRequest);
    });
  return Object.assign(summarize, { dispose: () => failAll('the Lab was closed') });
}
