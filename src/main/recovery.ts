/**
 * Whether to offer restoring the last session at launch: only when the autosave file is present and
 * parses as an experiment with something in it, and the previous run did not end cleanly (no clean-exit
 * marker). A pure function of what the files held, so every case is tested without a crash.
 */
import { type Experiment, parseExperiment } from '../core/protocol/experiment';
import { formatStep } from './notices';

/** What the recovery files held at launch. */
export interface RecoveryInput {
  /** Text of the autosave file, or null when there is none. */
  readonly autosaveText: string | null;
  /** Whether the previous run wrote its clean-exit marker on quit. */
  readonly cleanExit: boolean;
  /** The autosave file's name, for messages. */
  readonly fileName: string;
}

/** The decision: restore this experiment, or why not. */
export type RecoveryDecision =
  | { readonly offer: true; readonly experiment: Experiment; readonly steps: number }
  | { readonly offer: false; readonly reason: 'no-autosave' | 'clean-exit' | 'unreadable' | 'empty'; readonly detail: string };

/** Decides whether the launch should offer to restore the autosaved session. */
export function decideRecovery(input: RecoveryInput): RecoveryDecision {
  if (input.autosaveText === null) return { offer: false, reason: 'no-autosave', detail: 'there is no autosave' };
  if (input.cleanExit) return { offer: false, reason: 'clean-exit', detail: 'the previous run quit cleanly' };
  const parsed = parseExperiment(input.autosaveText, input.fileName);
  if (!parsed.ok) return { offer: false, reason: 'unreadable', detail: parsed.message };
  const experiment = parsed.value;
  // A session that never trained nor changed anything is the fresh session the app opens with anyway.
  if (experiment.steps === 0 && experiment.events.length === 0) return { offer: false, reason: 'empty', detail: 'the autosave is an untrained session' };
  return { offer: true, experiment, steps: experiment.steps };
}

/** The question a launch asks when it offers a restore (for the native message box). */
export function recoveryPrompt(decision: Extract<RecoveryDecision, { offer: true }>): { message: string; detail: string; buttons: [string, string] } {
  const lanes = decision.experiment.spec.lanes.map((l) => l.name).join(', ');
  return {
    message: 'Leaky Lab did not close properly last time. Restore the autosaved session?',
    detail: `The autosave holds step ${formatStep(decision.steps)} of a session with ${decision.experiment.spec.lanes.length} lane(s) (${lanes}) and ${decision.experiment.events.length} recorded change(s).`,
    buttons: ['Restore session', 'Start fresh'],
  };
}
