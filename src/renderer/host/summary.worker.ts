/**
 * Entry of the Lab's summary Web Worker: core's summaries and verdict of a sweep's finished runs, off
 * the page's thread (3,000 runs take about 3 s of bootstrapping, which would freeze the page).
 */
import { summarizeSweep } from '../../core/lab/sweep-summary';
import { sweepVerdict } from '../../core/lab/verdict';
import type { SummaryReply, SummaryRequest } from './summary-client';

const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
scope.onmessage = (e: MessageEvent) => {
  const q = e.data as SummaryRequest;
  try {
    const reply: SummaryReply = { id: q.id, summaries: summarizeSweep(q.cells, q.results), verdict: sweepVerdict({ axes: q.axes, steps: q.steps }, q.cells, q.results, q.regression) };
    scope.postMessage(reply);
  } catch (err) {
    scope.postMessage({ id: q.id, error: err instanceof Error ? err.message : String(err) } satisfies SummaryReply);
  }
};
