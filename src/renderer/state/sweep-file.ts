import type { Parsed } from '../../core/protocol/messages';
import { parseSweep, SWEEP_MAX_BYTES, type Sweep } from '../../core/protocol/sweep';

/**
 * Reads a sweep file the user picked for the Lab: parseSweep's checks, plus the file's size and, for a
 * sweep of a user's file, that its rows are at hand (`hasRows(sha256)`: the file is open in the explorer).
 * Every refusal names the file and what to do; nothing is changed by a refused file.
 */
export async function readSweepFile(file: Pick<File, 'name' | 'size' | 'text'>, hasRows: (sha256: string) => boolean): Promise<Parsed<Sweep>> {
  if (file.size > SWEEP_MAX_BYTES) return { ok: false, field: null, message: `${file.name} is ${Math.round(file.size / 1048576)} MB; sweep files are at most ${SWEEP_MAX_BYTES / 1048576} MB.` };
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { ok: false, field: null, message: `${file.name} could not be read (${e instanceof Error ? e.message : String(e)}).` };
  }
  return sweepForLab(parseSweep(text, file.name), file.name, hasRows);
}

/** A parsed sweep the Lab can run, or why not (a user file whose rows are not at hand). */
export function sweepForLab(parsed: Parsed<Sweep>, name: string, hasRows: (sha256: string) => boolean): Parsed<Sweep> {
  if (!parsed.ok) return parsed;
  const d = parsed.value.base.dataset;
  if (d.kind === 'file' && !hasRows(d.sha256)) {
    return { ok: false, field: 'base.dataset', message: `${name} sweeps your file ${d.name}, which is not open: open that file in the explorer (Open file…) and open the sweep again, or run it with \`npx leaky-lab sweep ${name} --data ${d.name}\`.` };
  }
  return parsed;
}

/** The start of every file name the Lab saves for a sweep: its name in lower case and hyphens. */
export function sweepFileStem(s: Pick<Sweep, 'name'>): string {
  return s.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'sweep';
}

/** The file name a sweep is saved under. */
export function sweepFileName(s: Pick<Sweep, 'name'>): string {
  return `${sweepFileStem(s)}.sweep.json`;
}
