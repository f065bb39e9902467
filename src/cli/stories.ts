import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { scenarios } from '../core/engine/scenarios';
import type { SeedVerdict, Story } from '../core/engine/story-run';
import { EXPERIMENT_MAX_BYTES, parseExperiment } from '../core/protocol/experiment';
import { readLimited } from './read-limited';
import type { Streams } from './run';
import type { StoriesArgs } from './stories-args';
import { type StoryOutcome, storiesTable, tallyStory } from './stories-table';
import type { StoryJob, StoryJobResult } from './story-worker';

/** Horizon of a story file that does not name one (steps). */
const FILE_HORIZON = 1_000_000;

/**
 * Runs `leaky-lab stories`: every (story, seed) as a job on a pool of worker threads (the bundle itself,
 * started in its worker role from `workerUrl`), then prints the table. Resolves to the exit code: 0 when
 * every story held for at least the bar's share of seeds, 1 otherwise or on bad input.
 */
export async function runStories(a: StoriesArgs, io: Streams, workerUrl: URL, now: () => number): Promise<number> {
  const stories = pickStories(a);
  if (typeof stories === 'string') {
    io.err.write(`leaky-lab: ${stories}\n`);
    return 1;
  }
  const jobs: StoryJob[] = stories.flatMap((story, si) => Array.from({ length: a.seeds }, (_, s) => ({ job: si * a.seeds + s, story, seed: s + 1, horizon: Math.min(a.horizon ?? story.horizon, story.horizon) })));
  const verdicts: (SeedVerdict[] | null)[] = jobs.map(() => null);
  const started = now();
  let done = 0;
  const progress = () => {
    if (a.quiet) return;
    const minutes = (now() - started) / 60_000;
    const left = done === 0 ? '' : `, about ${Math.ceil((minutes / done) * (jobs.length - done))} min left`;
    io.err.write(`stories: ${done}/${jobs.length} runs on ${a.workers} worker(s)${left}\n`);
  };
  progress();
  const error = await runPool(jobs, Math.min(a.workers, jobs.length), workerUrl, (r) => {
    verdicts[r.job] = r.verdicts;
    done++;
    if (done % Math.max(1, Math.floor(jobs.length / 20)) === 0 || done === jobs.length) progress();
  });
  if (error !== null) {
    io.err.write(`leaky-lab: a story run failed: ${error}\n`);
    return 1;
  }
  const outcomes: StoryOutcome[] = stories.map((story, si) => tallyStory(story, Math.min(a.horizon ?? story.horizon, story.horizon), verdicts.slice(si * a.seeds, (si + 1) * a.seeds) as SeedVerdict[][]));
  io.out.write(`${storiesTable(outcomes, a.bar)}\n`);
  if (a.json !== null) writeFileSync(a.json, `${JSON.stringify({ date: new Date().toISOString(), seeds: a.seeds, horizon: a.horizon, bar: a.bar, outcomes }, null, 2)}\n`);
  const short = outcomes.filter((o) => o.seedsHeld < Math.ceil(a.bar * o.seeds));
  for (const o of short) {
    const c = o.claims.find((x) => x.firstFail !== null)!;
    io.err.write(`leaky-lab: story "${o.id}" held for ${o.seedsHeld} of ${o.seeds} seeds (the bar is ${Math.round(a.bar * 100)}%): "${c.text}" first failed for seed ${c.firstFail!.seed} at step ${c.firstFail!.step}\n`);
  }
  return short.length === 0 ? 0 : 1;
}

/** The built-in stories asked for, or the stories of the experiment files given; a string on bad input. */
function pickStories(a: StoriesArgs): Story[] | string {
  if (a.files.length > 0) {
    const out: Story[] = [];
    for (const path of a.files) {
      const bytes = readLimited(path, (size) => (size > EXPERIMENT_MAX_BYTES ? `${path} is over the ${EXPERIMENT_MAX_BYTES / 1048576} MB limit for experiment files` : null));
      if (typeof bytes === 'string') return bytes;
      const parsed = parseExperiment(new TextDecoder().decode(bytes), path);
      if (!parsed.ok) return parsed.message;
      const x = parsed.value;
      if (x.claims === undefined || x.claims.length === 0) return `${path}: field "claims" is missing or empty: a story needs at least one claim to check (docs/stories.md)`;
      if (x.spec.dataset.kind === 'file') return `${path}: stories run on built-in and bundled datasets only (its dataset is the file "${x.spec.dataset.name}")`;
      out.push({ id: path, title: basename(path).replace(/\.(leaky\.)?json$/i, ''), experiment: x, claims: x.claims, horizon: x.horizon ?? FILE_HORIZON });
    }
    return out;
  }
  const all = scenarios();
  const unknown = a.only.find((id) => !all.some((s) => s.id === id));
  if (unknown !== undefined) return `--only: there is no story "${unknown}" (stories: ${all.map((s) => s.id).join(', ')})`;
  return all.filter((s) => a.only.length === 0 || a.only.includes(s.id));
}

/** Runs the jobs on `workers` threads, largest first; resolves to null, or the first error. */
function runPool(jobs: readonly StoryJob[], workers: number, url: URL, onResult: (r: { job: number; verdicts: SeedVerdict[] }) => void): Promise<string | null> {
  // Longest stories first, so that the last jobs to finish are short ones.
  const queue = [...jobs].sort((x, y) => y.horizon - x.horizon);
  return new Promise((resolve) => {
    let running = 0;
    let failed: string | null = null;
    const pool = Array.from({ length: workers }, () => new Worker(url, { workerData: { role: 'stories' } }));
    const finish = () => {
      for (const w of pool) void w.terminate();
      resolve(failed);
    };
    const feed = (w: Worker) => {
      const next = failed === null ? queue.shift() : undefined;
      if (next === undefined) {
        if (running === 0) finish();
        return;
      }
      running++;
      w.postMessage(next);
    };
    for (const w of pool) {
      w.on('message', (r: StoryJobResult) => {
        running--;
        if ('error' in r) failed ??= r.error;
        else onResult(r);
        feed(w);
      });
      w.on('error', (e) => {
        running--;
        failed ??= e.message;
        feed(w);
      });
      feed(w);
    }
  });
}
