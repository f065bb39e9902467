import { writeFileSync } from 'node:fs';
import { runHeadless } from '../core/engine/replay';
import { Session } from '../core/engine/session';
import { EXPERIMENT_FORMAT, EXPERIMENT_MAX_BYTES, EXPERIMENT_VERSION, type Experiment, parseExperiment, serializeExperiment } from '../core/protocol/experiment';
import type { LaneMetrics } from '../core/protocol/messages';
import type { RunArgs } from './args';
import { embeddable, embedDataset } from '../core/engine/dataset-codec';
import { experimentRows, type LoadedFile, loadDatasetFile } from './load-dataset-file';
import { DATASETS } from './lane-flags';
import { MetricsWriter } from './metrics-writer';
import { readLimited } from './read-limited';
import { Progress } from './progress';
import { specFromFlags } from './spec-from-flags';
import { summaryTable } from './summary';

/** Where a run writes: its normal output and its diagnostics. */
export interface Streams {
  readonly out: { isTTY?: boolean; write(s: string): unknown };
  readonly err: { write(s: string): unknown };
}

/** Steps a run takes when neither the experiment nor --steps says. */
export const DEFAULT_STEPS = 2000;

/** Runs one `leaky-lab run` invocation; returns the process exit code (0 ok, 1 bad input or failure). */
export function run(a: RunArgs, io: Streams): number {
  const fail = (reason: string) => {
    io.err.write(`leaky-lab: ${reason}\n`);
    return 1;
  };
  const file = a.experiment === null && isDatasetFile(a.dataset) ? loadDatasetFile(a.dataset, { ...(a.target === null ? {} : { target: a.target }), ...(a.task === null ? {} : { task: a.task }), ...(a.missing === null ? {} : { missing: a.missing }) }) : null;
  if (typeof file === 'string') return fail(file);
  const built = a.experiment === null ? fromFlags(a, file) : fromFile(a.experiment);
  if (typeof built === 'string') return fail(built);
  const rows = a.experiment === null ? (file?.dataset ?? null) : experimentRows(built, a.experiment, a.data);
  if (typeof rows === 'string') return fail(rows);
  // A dataset file travels inside the saved experiment when it is small enough (as the app saves it).
  const loaded: Experiment = file !== null && embeddable(file.dataset) ? { ...built, data: embedDataset(file.dataset) } : built;
  const steps = a.steps ?? (loaded.steps > 0 ? loaded.steps : DEFAULT_STEPS);
  if (a.save !== null) {
    const saved = writeOrReason(a.save, serializeExperiment({ ...loaded, steps }));
    if (saved !== null) {
      io.err.write(`leaky-lab: ${saved}\n`);
      return 1;
    }
  }
  const session = new Session(loaded.spec, rows);
  let writer: MetricsWriter | null = null;
  try {
    writer = a.out === null ? null : new MetricsWriter(a.out, session.regression);
  } catch (e) {
    io.err.write(`leaky-lab: cannot write ${a.out}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const progress = a.quiet ? null : new Progress(steps, io.out, () => performance.now());
  let last: LaneMetrics[] = session.metrics();
  runHeadless(session, steps, loaded.events, {
    onStep: (step, metrics) => {
      last = metrics;
      writer?.add(step, metrics);
      progress?.update(step);
    },
  });
  writer?.close();
  io.out.write(`${summaryTable(last, session.regression)}\n`);
  if (a.out !== null) io.out.write(`Per-step metrics written to ${a.out}\n`);
  if (a.save !== null) io.out.write(`Experiment saved to ${a.save}\n`);
  return 0;
}

/** True when --dataset names a file rather than a built-in dataset. */
function isDatasetFile(name: string): boolean {
  return !(DATASETS as readonly string[]).includes(name) && (/\.(csv|tsv|txt|json)$/i.test(name) || /[\\/]/.test(name));
}

function fromFlags(a: RunArgs, file: LoadedFile | null): Experiment | string {
  const built = specFromFlags(a, file?.ref ?? null);
  if (!built.ok) return built.message;
  return { format: EXPERIMENT_FORMAT, version: EXPERIMENT_VERSION, spec: built.spec, steps: a.steps ?? DEFAULT_STEPS, events: [] };
}

function fromFile(path: string): Experiment | string {
  const bytes = readLimited(path, (size) => (size > EXPERIMENT_MAX_BYTES ? `${path} is ${(size / 1048576).toFixed(0)} MB, over the ${EXPERIMENT_MAX_BYTES / 1048576} MB limit for experiment files` : null));
  if (typeof bytes === 'string') return bytes;
  const parsed = parseExperiment(new TextDecoder().decode(bytes), path);
  return parsed.ok ? parsed.value : parsed.message;
}

function writeOrReason(path: string, text: string): string | null {
  try {
    writeFileSync(path, text);
    return null;
  } catch (e) {
    return `cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`;
  }
}
