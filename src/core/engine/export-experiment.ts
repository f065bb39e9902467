import { EXPERIMENT_FORMAT, EXPERIMENT_VERSION, type Experiment, type ExperimentEvent, withRecycles } from '../protocol/experiment';
import { embeddable, embedDataset } from './dataset-codec';
import type { Session } from './session';
import { type SessionState, stateBytes } from './session-state';
import { encodeStates } from './state-codec';
import type { StateStore } from './state-store';
import { exportWeights } from './weights';

/** Most bytes (as stateBytes counts them) an exported file's older states may take; the newest is always saved. */
export const FILE_STATE_BYTES = 8 * 1024 * 1024;
/** Most states an exported file carries (the newest; older checkpoints restore from the nearest and replay). */
export const MAX_FILE_STATES = 128;

/** What an export adds to spec, steps and events: each lane's weights, the metric history, the state checkpoints (which imply both). */
export interface ExportParts {
  readonly weights?: boolean;
  readonly history?: boolean;
  readonly states?: boolean;
}

/**
 * A session as an experiment file: spec, steps, events (the user's and ReDo's records), a user file's rows when small enough, and the
 * parts asked for. With states, the file reopens at once and trains on with the same bits.
 */
export function exportExperiment(session: Session, userEvents: readonly ExperimentEvent[], store: StateStore | null, parts: ExportParts): Experiment {
  // ReDo's records are the session's (any in `userEvents`, from an opened file, are replaced by them).
  const events = withRecycles(userEvents, session.recycles);
  const rows = session.supplied !== null && embeddable(session.supplied) ? { data: embedDataset(session.supplied) } : {};
  const states = parts.states === true;
  return {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    spec: session.spec,
    steps: session.step,
    events,
    ...rows,
    // The fingerprints travel with the states: they are what a reopened file is checked against.
    ...(parts.weights === true || states ? { weights: exportWeights(session) } : {}),
    ...(parts.history === true || states ? { history: session.log.toHistory() } : {}),
    ...(states ? { states: encodeStates(savedStates(session, store), session.spec, events) } : {}),
    ...(states && session.inspection() !== null ? { inspection: session.inspection()! } : {}),
  };
}

/** The state now, after the newest stored ones that fit FILE_STATE_BYTES and MAX_FILE_STATES. */
function savedStates(session: Session, store: StateStore | null): SessionState[] {
  const now = session.saveState();
  const kept: SessionState[] = [now];
  const older = (store?.states ?? []).filter((st) => st.step < now.step);
  let bytes = 0;
  for (let i = older.length - 1; i >= 0; i--) {
    bytes += stateBytes(older[i]!, older[i - 1] ?? null);
    if (bytes > FILE_STATE_BYTES || kept.length >= MAX_FILE_STATES) break;
    kept.unshift(older[i]!);
  }
  return kept;
}
