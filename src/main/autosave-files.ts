/**
 * The autosave's files in the user-data folder: the experiment itself (an ordinary experiment file,
 * so it can also be opened by hand) and the clean-exit marker written on quit and removed at launch.
 */
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Experiment, serializeExperiment } from '../core/protocol/experiment';
import { writeAtomic } from './atomic-write';
import type { AutosaveSink } from './engine-autosave';
import type { RecoveryInput } from './recovery';

/** Where the autosave and its clean-exit marker live. */
export interface AutosavePaths {
  readonly autosave: string;
  readonly cleanExit: string;
}

/** The autosave paths inside a user-data folder. */
export function autosavePaths(userDataDir: string): AutosavePaths {
  return { autosave: join(userDataDir, 'autosave.leaky.json'), cleanExit: join(userDataDir, 'autosave.clean-exit') };
}

/** A sink that writes each experiment atomically to the autosave file. */
export function autosaveFile(paths: AutosavePaths): AutosaveSink {
  return { save: (experiment: Experiment) => writeAtomic(paths.autosave, serializeExperiment(experiment)) };
}

/** Reads what the recovery decision needs; a missing file counts as absent, never as an error. */
export async function readRecoveryInput(paths: AutosavePaths): Promise<RecoveryInput> {
  return {
    autosaveText: await readIfPresent(paths.autosave),
    cleanExit: (await readIfPresent(paths.cleanExit)) !== null,
    fileName: basename(paths.autosave),
  };
}

/**
 * At launch, after deciding: this run has not exited cleanly (yet). Never throws: in a read-only
 * user-data folder the marker cannot be removed, which only means the next launch offers no restore.
 */
export async function clearCleanExit(paths: AutosavePaths): Promise<boolean> {
  try {
    await rm(paths.cleanExit, { force: true });
    return true;
  } catch {
    return false;
  }
}

/** On quit, after the last autosave is written: the next launch need not offer a restore. */
export async function markCleanExit(paths: AutosavePaths, now: Date): Promise<void> {
  await writeAtomic(paths.cleanExit, `${JSON.stringify({ cleanExitAt: now.toISOString() })}\n`);
}

/** The file's text, or null when it is missing or cannot be read (then there is nothing to recover from). */
async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
