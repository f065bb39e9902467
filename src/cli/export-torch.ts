import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { exportTorch } from '../core/export/export-torch';
import { EXPERIMENT_MAX_BYTES, parseExperiment } from '../core/protocol/experiment';
import type { ExportTorchArgs } from './export-torch-args';
import { experimentRows } from './load-dataset-file';
import { readLimited } from './read-limited';
import type { Streams } from './run';

/** Runs `leaky-lab export-torch`; returns the exit code (0 written, 1 bad input or a failed write). */
export async function runExportTorch(a: ExportTorchArgs, io: Streams): Promise<number> {
  const fail = (reason: string) => {
    io.err.write(`leaky-lab: ${reason}\n`);
    return 1;
  };
  const bytes = readLimited(a.experiment, (size) => (size > EXPERIMENT_MAX_BYTES ? `${a.experiment} is ${(size / 1048576).toFixed(0)} MB, over the ${EXPERIMENT_MAX_BYTES / 1048576} MB limit for experiment files` : null));
  if (typeof bytes === 'string') return fail(bytes);
  const parsed = parseExperiment(new TextDecoder().decode(bytes), a.experiment);
  if (!parsed.ok) return fail(parsed.message);
  // A user file's rows: embedded in the experiment, or the file itself (next to it or --data), hash-checked.
  const rows = experimentRows(parsed.value, a.experiment, a.data);
  if (typeof rows === 'string') return fail(rows);
  let out;
  try {
    out = await exportTorch(parsed.value, rows, { steps: a.steps, scriptName: basename(a.out), origin: `"${basename(a.experiment)}"`, sha256: (b) => createHash('sha256').update(b).digest('hex') });
  } catch (e) {
    return fail(`${a.experiment}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    writeFileSync(a.out, out.script);
    if (out.sidecar !== null) writeFileSync(join(dirname(a.out), out.sidecar.name), out.sidecar.bytes);
  } catch (e) {
    return fail(`cannot write ${a.out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  io.out.write(`PyTorch script for ${out.steps} steps written to ${a.out}${out.sidecar === null ? '' : ` (its arrays in ${join(dirname(a.out), out.sidecar.name)}, which must stay next to it)`}\n`);
  io.out.write(`Compare with the app: leaky-lab run ${a.experiment} --steps ${out.steps} --out metrics.csv && python3 ${a.out} --check metrics.csv\n`);
  return 0;
}
