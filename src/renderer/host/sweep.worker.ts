/**
 * Entry of a sweep Web Worker (the Lab): trains each job it is sent and posts exactly what
 * answerSweepJob returns, one job at a time. Sweeps of a user's file are not run here (the Lab refuses
 * them), so no rows are supplied.
 */
import { answerSweepJob } from '../../core/lab/sweep-job';
import type { SweepJob } from '../../core/lab/sweep-scheduler';

const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
scope.onmessage = (e: MessageEvent) => scope.postMessage(answerSweepJob(e.data as SweepJob));
