import type { Dataset } from '../data/dataset';
import type { Run } from './sweep-plan';
import { runSweepRunsBatched } from './sweep-batch';
import { type RunResult, runSweepRun } from './sweep-run';
import type { RunReply, SweepJob, SweepJobReply } from './sweep-scheduler';

/** A one-run job (`run`), as the first sweeps sent them. */
type OneRunJob = Extract<SweepJob, { run: Run }>;

/**
 * A sweep worker's whole job: train the job's runs (a group of one cell's runs on the batched path, or
 * one run) and answer with each result, or why a run could not be trained. Never throws: when the batched
 * path fails, each run is tried alone, so a bad run costs only its own result.
 */
export function answerSweepJob(job: OneRunJob, supplied?: Dataset | null): RunReply;
export function answerSweepJob(job: SweepJob, supplied?: Dataset | null): SweepJobReply;
export function answerSweepJob(job: SweepJob, supplied: Dataset | null = null): SweepJobReply {
  if ('run' in job) return answerOne(job.run, job.steps, job.target, supplied);
  if (job.runs.length > 1) {
    try {
      const results: RunResult[] = runSweepRunsBatched(job.runs, job.steps, job.target, supplied);
      return { replies: results.map((result) => ({ index: result.index, result })) };
    } catch {
      // Fall through: each run alone, so that the failing one answers with its own error.
    }
  }
  return { replies: job.runs.map((run) => answerOne(run, job.steps, job.target, supplied)) };
}

function answerOne(run: Run, steps: number, target: number | null, supplied: Dataset | null): RunReply {
  try {
    return { index: run.index, result: runSweepRun(run, steps, target, supplied) };
  } catch (e) {
    return { index: run.index, error: e instanceof Error ? e.message : String(e) };
  }
}
