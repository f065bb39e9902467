import type { Dataset } from '../data/dataset';
import type { Experiment, ExperimentEvent, RecycleEvent } from '../protocol/experiment';
import { HistoryLayout } from '../protocol/history';
import { MetricLog } from './metric-log';
import { replay } from './replay';
import { Session } from './session';
import type { SessionState } from './session-state';
import { decodeStates, stateBasis } from './state-codec';
import { StateStore } from './state-store';

/** An opened experiment: the session at `steps`, its states, and a warning when the saved state could not be used (null otherwise). */
export interface Opened {
  readonly session: Session;
  readonly store: StateStore;
  readonly notice: string | null;
}

/**
 * Opens an experiment at step `steps` (default: its own). A file with states is restored from the
 * nearest one at or before `steps` (checked: the states decode, fit the spec, the newest is at the
 * file's step with every lane matching its fingerprint, the history fits), then replays the steps
 * after it; otherwise, or when a check fails, the session is replayed from step 0 and `notice` says
 * why, naming the lane and step, so nothing wrong is shown as right.
 */
export function openExperiment(x: Experiment, rows: Dataset | null, steps = x.steps): Opened {
  const events = x.events.filter((e) => e.step <= steps);
  let notice: string | null = null;
  if (x.states !== undefined && x.states.length > 0) {
    const states = checkedStates(x, rows);
    if (typeof states !== 'string') {
      const store = new StateStore();
      for (const s of states) if (s.step <= steps) store.put(s);
      const session = replay(x.spec, steps, events, rows, store);
      if (x.inspection !== undefined) session.restoreInspection(x.inspection);
      return { session, store, notice: recycleMismatch(events, session) };
    }
    notice = `The saved state of this experiment was not used: ${states}. The session was rebuilt from its spec and events by replaying from step 0 instead, so every number shown is the replayed one.`;
  }
  const store = new StateStore();
  const session = replay(x.spec, steps, events, rows, store);
  return { session, store, notice: notice ?? recycleMismatch(events, session) };
}

/**
 * ReDo's records are not applied (the lanes' specs recycle by themselves): a sentence when the file's
 * records up to the session's step differ from the recycles the session made, else null.
 */
function recycleMismatch(events: readonly ExperimentEvent[], session: Session): string | null {
  const saved = JSON.stringify(events.filter((e) => e.type === 'recycle'));
  const made = session.recycles;
  if (saved === JSON.stringify(made)) return null;
  return `The ReDo recycles recorded in this experiment differ from the ones its replay made (${made.length} recycle event(s) replayed): it was probably saved by another version of Leaky Lab or edited. The replayed numbers are shown.`;
}

/** The file's states, decoded and checked, or a sentence saying what does not match. */
function checkedStates(x: Experiment, rows: Dataset | null): SessionState[] | string {
  if (x.history === undefined) return 'the file has states but no metric history';
  const history = MetricLog.rowsFrom(x.history, new HistoryLayout(x.spec.lanes.length, x.spec.hidden.length));
  if (typeof history === 'string') return `its history does not fit the spec (${history})`;
  const bad = history.findIndex((r, i) => r[0]! > x.steps || (i > 0 && r[0]! <= history[i - 1]![0]!));
  if (bad >= 0) return `its history is inconsistent at point ${bad} (step ${history[bad]![0]}, the file has ${x.steps} steps)`;
  const edited = (x.states ?? []).find((st) => st.basis !== stateBasis(x.spec, x.events, st.step));
  if (edited !== undefined) return `the spec or the events up to step ${edited.step} differ from those its state was trained under (the file was edited after saving)`;
  let states: SessionState[];
  try {
    states = decodeStates(x.states ?? [], history, x.events.filter((e): e is RecycleEvent => e.type === 'recycle'));
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const last = states.at(-1)!;
  if (last.step !== x.steps) return `its newest state is at step ${last.step}, the file at step ${x.steps}`;
  const session = new Session(x.spec, rows);
  for (const st of states) {
    try {
      session.loadState(st);
    } catch (e) {
      return `the state at step ${st.step} does not fit the spec (${e instanceof Error ? e.message : String(e)})`;
    }
  }
  const wrong = session.digests().findIndex((d, i) => x.weights?.[i]?.digest !== d);
  if (wrong >= 0) return `lane "${session.lanes[wrong]!.spec.name}" at step ${x.steps} does not match its saved fingerprint (the file was changed or damaged)`;
  return states;
}
