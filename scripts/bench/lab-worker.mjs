// A worker thread of the Lab benchmark for engine paths the CLI does not run (any more, or yet): it loads
// the core's TypeScript with tsx (Node 20 cannot start a worker on a .ts file) and does its share of a cell.
//   { task: 'per-run', nets, steps, from, to }: runs [from, to) of the collapse study's ReLU / He cell one
//     network at a time (core/lab/sweep-run.ts runSweepRun, the path before the batched one); answers
//     { seconds, collapsed, losses }.
//   { task: 'born-dead', options, from, to }: born-dead counts of nets [from, to) of every width
//     (core/lab/born-dead.ts bornDeadByDepth); answers { seconds, counts: { [width]: deaths by layer } }.
// `seconds` is the work alone, after the modules are loaded (the caller also times the whole pool).
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const job = workerData;
if (job.task === 'per-run') {
  const { collapseStudy } = await tsImport('../../src/core/lab/studies.ts', import.meta.url);
  const { sweepRuns } = await tsImport('../../src/core/lab/sweep-plan.ts', import.meta.url);
  const { runSweepRun } = await tsImport('../../src/core/lab/sweep-run.ts', import.meta.url);
  const runs = sweepRuns({ ...collapseStudy('abs', job.nets), steps: job.steps, axes: [] }).slice(job.from, job.to);
  const start = performance.now();
  const results = runs.map((r) => runSweepRun(r, job.steps, null));
  const seconds = (performance.now() - start) / 1000;
  parentPort.postMessage({ seconds, collapsed: results.filter((r) => r.collapsed).length, losses: results.map((r) => r.finalLoss) });
} else if (job.task === 'born-dead') {
  const { bornDeadByDepth } = await tsImport('../../src/core/lab/born-dead.ts', import.meta.url);
  const start = performance.now();
  const counts = {};
  for (const w of job.options.widths) counts[w] = bornDeadByDepth(job.options, w, job.from, job.to);
  parentPort.postMessage({ seconds: (performance.now() - start) / 1000, counts });
} else {
  throw new Error(`lab-worker: unknown task ${String(job.task)}`);
}
