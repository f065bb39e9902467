/**
 * Messages that main itself (not the engine) sends to the renderer on the engine port, beside the
 * engine's own EngineMessage values. The renderer must understand this one extra type: show `message`
 * to the user (a toast or status line), with `level` choosing the styling.
 */
import type { EngineMessage } from '../core/protocol/messages';

/** A message from the desktop shell to the user: engine restarts, restored autosaves, settings reset. */
export type HostNotice = Extract<EngineMessage, { type: 'notice' }>;

/** Everything that can arrive on the renderer's engine port in the desktop app. */
export type HostMessage = EngineMessage;

/** A notice with the given level and text. */
export function notice(level: HostNotice['level'], message: string): HostNotice {
  return { type: 'notice', level, message };
}

/** A step count the way the UI writes it ("12,000"), independent of the machine's locale. */
export function formatStep(step: number): string {
  return step.toLocaleString('en-US');
}

/** The notice sent after a crashed engine came back with the last autosave. */
export function restoredNotice(step: number): HostNotice {
  return notice('info', `The engine restarted; restored step ${formatStep(step)} from the autosave.`);
}
