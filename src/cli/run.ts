import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Dataset } from '../core/data/dataset';
import { exportExperiment } from '../core/engine/export-experiment';
import { openExperiment } from '../core/engine/open-experiment';
import { replay, Replayer } from '../core/engine/replay';
import { StateStore } from '../core/engine/state-store';
import { StartWeightsError, withStartWeights } from '../core/engine/start-weights';
import { importNotes } from '../core/import/import-notes';
import { readWeightsFile, WEIGHTS_MAX_BYTES } from '../core/import/read-weights';
import type { SessionSpec } from '../core/protocol/spec';
import { Session } from '../core/engine/session';
import { EXPERIMENT_FORMAT, EXPERIMENT_MAX_BYTES, EXPERIMENT_VERSION, type Experiment, parseExperiment, serializeExperiment } from '../core/protocol/experiment';
import type { LaneMetrics } from '../core/protocol/messages';
import type { RunArgs } from './args';
import { embeddable, embedDataset } from '../core/engine/dataset-codec';
import { experimentRows, type LoadedFile, loadDatasetFile } from './load-dataset-file';
import { DATASETS } from './lane-flags';
import { recycleSummary } from '../core/engine/redo-summary';
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
  const built = a.experiment === null ? fromFlags(a, file, (line) => io.err.write(`leaky-lab: ${line}\n`)) : fromFile(a.experiment);
  if (typeof built === 'string') return fail(built);
  const rows = a.experiment === null ? (file?.dataset ?? null) : experimentRows(built, a.experiment, a.data);
  if (typeof rows === 'string') return fail(rows);
  // A dataset file travels inside the saved experiment when it is small enough (as the app saves it).
  const loaded: Experiment = file !== null && embeddable(file.dataset) ? { ...built, data: embedDataset(file.dataset) } : built;
  if (a.verify) return verify(loaded, rows, a.experiment ?? '', io);
  const steps = a.steps ?? (loaded.steps > 0 ? loaded.steps : DEFAULT_STEPS);
  // An experiment saved with its state opens there at once and trains on to `steps`; any other is
  // trained from step 0 (a replay), so --out gets every step.
  const tried = a.experiment === null || (loaded.states?.length ?? 0) === 0 ? null : openExperiment(loaded, rows, Math.min(steps, loaded.steps));
  if (tried?.notice) io.err.write(`leaky-lab: ${a.experiment}: ${tried.notice}\n`);
  const opened = tried !== null && tried.notice === null ? tried : null;
  let session: Session;
  try {
    session = opened?.session ?? new Session(loaded.spec, rows);
  } catch (e) {
    if (e instanceof StartWeightsError) return fail(`${e.field}: ${e.message}`);
    throw e;
  }
  const store = opened?.store ?? new StateStore();
  let writer: MetricsWriter | null = null;
  try {
    writer = a.out === null ? null : new MetricsWriter(a.out, session.regression);
  } catch (e) {
    return fail(`cannot write ${a.out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const start = session.step;
  const progress = a.quiet ? null : new Progress(steps - start, io.out, () => performance.now());
  let last: LaneMetrics[] = session.metrics();
  new Replayer(session, loaded.events, {
    store,
    applied: opened === null ? -1 : start,
    onStep: (step, metrics) => {
      last = metrics;
      writer?.add(step, metrics);
      progress?.update(step - start);
    },
  }).advance(steps - start);
  writer?.close();
  const reason = writeAll(a, session, loaded, store);
  if (reason !== null) return fail(reason);
  io.out.write(`${summaryTable(last, session.regression)}\n`);
  for (const line of recycleSummary(session.recycles, session.spec.hidden, session.spec.lanes.map((l) => l.name))) io.out.write(`${line}\n`);
  if (opened !== null) io.out.write(start === steps ? `Opened at the saved state of step ${start} (no replay).\n` : `Continued from the saved state at step ${start} to step ${steps}.\n`);
  if (a.out !== null) io.out.write(`Per-step metrics written to ${a.out}\n`);
  if (a.history !== null) io.out.write(`Metric history written to ${a.history}\n`);
  if (a.save !== null) io.out.write(`Experiment saved to ${a.save} (with its state: \`leaky-lab run ${a.save}\` reopens it at once)\n`);
  return 0;
}

/** Writes --history and --save after a run; returns why one failed, or null. */
function writeAll(a: RunArgs, session: Session, loaded: Experiment, store: StateStore): string | null {
  if (a.history !== null) {
    const failed = writeOrReason(a.history, session.log.toCsv(session.regression ? 'regression' : 'classification'));
    if (failed !== null) return failed;
  }
  if (a.save === null) return null;
  // Applied events are those up to the step reached; later ones stay in the file as its schedule.
  const saved = exportExperiment(session, loaded.events.filter((e) => e.step <= session.step), store, { states: true });
  // ReDo's records past the step reached are not a schedule: training on makes them again.
  const schedule = loaded.events.filter((e) => e.step > session.step && e.type !== 'recycle');
  return writeOrReason(a.save, serializeExperiment({ ...saved, events: [...saved.events, ...schedule], ...(loaded.data === undefined ? {} : { data: loaded.data }) }));
}

/** `run FILE --verify`: replays from step 0 to the file's step and compares each lane with its saved fingerprint. */
function verify(x: Experiment, rows: Dataset | null, path: string, io: Streams): number {
  if (x.weights === undefined) {
    io.err.write(`leaky-lab: ${path} has no saved weights to verify against: save it from the app, or with --save\n`);
    return 1;
  }
  const replayed = replay(x.spec, x.steps, x.events.filter((e) => e.step <= x.steps), rows, new StateStore());
  let differ = 0;
  const digests = replayed.digests();
  replayed.lanes.forEach((l, i) => {
    const digest = digests[i]!;
    const saved = x.weights![i]?.digest ?? '(none)';
    if (digest !== saved) differ++;
    io.out.write(`${l.spec.name}: ${digest === saved ? 'same weights' : 'DIFFERENT weights'} at step ${x.steps} (saved ${saved}, replayed ${digest})\n`);
  });
  io.out.write(differ === 0 ? `Verified: replaying ${path} from step 0 gives the saved weights in every lane.\n` : `${differ} lane(s) differ from the saved weights: the file was saved by another version of Leaky Lab, or edited.\n`);
  return differ === 0 ? 0 : 1;
}

/** True when --dataset names a file rather than a built-in dataset. */
function isDatasetFile(name: string): boolean {
  return !(DATASETS as readonly string[]).includes(name) && (/\.(csv|tsv|txt|json)$/i.test(name) || /[\\/]/.test(name));
}

function fromFlags(a: RunArgs, file: LoadedFile | null, note: (line: string) => void): Experiment | string {
  const built = specFromFlags(a, file?.ref ?? null);
  if (!built.ok) return built.message;
  const spec = a.startWeights === null ? built.spec : startFrom(a.startWeights, built.spec, a.layers !== null, note);
  if (typeof spec === 'string') return spec;
  return { format: EXPERIMENT_FORMAT, version: EXPERIMENT_VERSION, spec, steps: a.steps ?? DEFAULT_STEPS, events: [] };
}

/** --start-weights: every lane starts from the file's weights, with its hidden layers (which --layers, when given, must equal). */
function startFrom(path: string, spec: SessionSpec, layersGiven: boolean, note: (line: string) => void): SessionSpec | string {
  const bytes = readLimited(path, (size) => (size > WEIGHTS_MAX_BYTES ? `${path} is ${(size / 1048576).toFixed(0)} MB, over the ${WEIGHTS_MAX_BYTES / 1048576} MB limit for weights files` : null));
  if (typeof bytes === 'string') return bytes;
  const read = readWeightsFile(bytes, basename(path));
  if (!read.ok) return `--start-weights ${read.message}`;
  const hidden = read.mlp.widths.slice(1, -1);
  if (layersGiven && hidden.join(',') !== spec.hidden.join(',')) return `--layers ${spec.hidden.join(',')} differs from the hidden layers of ${path} (${hidden.join(',')}): drop --layers, or give the file's`;
  for (const line of importNotes(read.mlp)) note(`${path}: ${line}`);
  return withStartWeights(spec, read.mlp, 'all');
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
