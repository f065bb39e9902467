import { EXPERIMENT_MAX_BYTES, type Experiment, parseExperiment } from '../../core/protocol/experiment';
import type { Parsed } from '../../core/protocol/messages';

/** Name of the file "Save experiment" writes (".leaky.json": still JSON to every tool, and recognisable). */
export const EXPERIMENT_FILE_NAME = 'leaky-lab-experiment.leaky.json';

/**
 * Reads and validates an experiment file the user picked. Every failure names the file and says what is
 * wrong (too big, unreadable, not JSON, not an experiment, a newer version, a bad field), so nothing
 * invalid ever reaches the engine and the open session is never touched by a bad file.
 */
export async function readExperimentFile(file: File): Promise<Parsed<Experiment>> {
  if (file.size > EXPERIMENT_MAX_BYTES) {
    const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
    return { ok: false, field: null, message: `${file.name} is ${mb(file.size)}; experiment files are at most ${mb(EXPERIMENT_MAX_BYTES)}.` };
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { ok: false, field: null, message: `${file.name} could not be read (${e instanceof Error ? e.message : String(e)}).` };
  }
  return parseExperiment(text, file.name);
}
