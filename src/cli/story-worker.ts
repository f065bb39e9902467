import type { MessagePort } from 'node:worker_threads';
import { runStory, type SeedVerdict, type Story } from '../core/engine/story-run';

/** A job for a story worker: one seed of one story up to a horizon (steps). */
export interface StoryJob {
  readonly job: number;
  readonly story: Story;
  readonly seed: number;
  readonly horizon: number;
}

/** A worker's answer: the job's verdicts, or why it failed. */
export type StoryJobResult = { readonly job: number; readonly verdicts: SeedVerdict[] } | { readonly job: number; readonly error: string };

/** Runs story jobs sent on `port`, one at a time, until the port closes (the body of a stories worker thread). */
export function serveStories(port: MessagePort): void {
  port.on('message', (j: StoryJob) => {
    try {
      port.postMessage({ job: j.job, verdicts: runStory(j.story, j.seed, j.horizon) } satisfies StoryJobResult);
    } catch (e) {
      port.postMessage({ job: j.job, error: e instanceof Error ? e.message : String(e) } satisfies StoryJobResult);
    }
  });
}
