import type { Parsed } from '../../core/protocol/messages';
import { parseSweep, SWEEP_MAX_BYTES, type Sweep } from '../../core/protocol/sweep';

/**
 * Reads a sweep file the user picked for the Lab: parseSweep's checks, plus the file's size and the
 * Lab's own limit (it runs built-in and bundled datasets; a sweep of a user file runs in the CLI). Every
 * refusal names the file and what to do; nothing is changed by a refused file.
 */
export async function readSweepFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<Parsed<Sweep>> {
  if (file.size > SWEEP_MAX_BYTES) return { ok: false, field: null, message: `${file.name} is ${Math.round(file.size / 1048576)} MB; sweep files are at most ${SWEEP_MAX_BYTES / 1048576} MB.` };
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { ok: false, field: null, message: `${file.name} could not be read (${e instanceof Error ? e.message : String(e)}).` };
  }
  return sweepForLab(parseSweep(text, file.name), file.name);
}

/** A parsed sweep the Lab can run, or why not (a user-file dataset: the Lab's workers get no rows). */
export function sweepForLab(parsed: Parsed<Sweep>, name: string): Parsed<Sweep> {
  if (!parsed.ok) return parsed;
  const d = parsed.value.base.dataset;
  if (d.kind === 'file') return { ok: false, field: 'base.dataset', message: `${name} sweeps your file ${d.name}; the Lab runs built-in and bundled datasets only. Run it with \`npx leaky-lab sweep ${name} --data ${d.name}\`.` };
  return parsed;
}
