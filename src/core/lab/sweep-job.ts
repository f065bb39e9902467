import type { Dataset } from '../data/dataset';
import type { SweepJob, SweepJobReply } from './sweep-scheduler';
import { runSweepRun } from './sweep-run';

/** A sweep worker's whole job: train the run and answer with its result, or with why it could not (never throws). */
export function answerSweepJob(job: SweepJob, supplied: Dataset | null = null): SweepJobReply {
  try {
    return { index: job.run.index, result: runSweepRun(job.run, job.steps, job.target, supplied) };
  } catch (e) {
    return { index: job.run.index, error: e instanceof Error ? e.message : String(e) };
  }
}
