/**
 * The preload's file API on the main side: one invoke handler per channel, each refusing senders other
 * than the app's own top frame (ipc-guard.ts) and arguments that do not match its schema, before any
 * dialog opens or any file is touched. The entry file registers them with ipcMain.handle; tests call
 * them directly with hostile frames and arguments.
 */
import * as v from 'valibot';
import { EXPERIMENT_MAX_BYTES } from '../core/protocol/experiment';
import type { FileActions } from './file-actions';
import { isTrustedSender, type SenderFrame } from './ipc-guard';
import { OPEN_DATASET, OPEN_EXPERIMENT, OPEN_RECENT, OPEN_RUN_LOG, RECENT_FILES, SAVE_EXPERIMENT, SAVE_EXPERIMENT_AS } from './ipc-channels';

/** An invoke handler: the sender's frame and the raw arguments in, a structured-clone-able answer out. */
export type InvokeHandler = (frame: SenderFrame | null | undefined, args: readonly unknown[]) => Promise<unknown>;

const NO_ARGS = v.strictTuple([]);
const SAVE_ARGS = v.strictTuple([
  v.pipe(v.string(), v.maxLength(EXPERIMENT_MAX_BYTES)),
  // A suggested name only (main cleans it and the user confirms it in the dialog); never a path that is used.
  v.pipe(v.string(), v.maxLength(255)),
]);
const RECENT_ARGS = v.strictTuple([v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/))]);

/** Why a call was refused, as the renderer sees it. */
export class RefusedCall extends Error {}

/** Wraps an action in the sender check and the argument schema. */
function guarded<const S extends v.GenericSchema<unknown, readonly unknown[]>>(channel: string, schema: S, action: (args: v.InferOutput<S>) => Promise<unknown>): InvokeHandler {
  return async (frame, args) => {
    if (!isTrustedSender(frame)) throw new RefusedCall(`${channel} refused: the sender is not the Leaky Lab window`);
    const parsed = v.safeParse(schema, args);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      return { error: `Invalid arguments to ${channel}${issue.path === undefined ? '' : ` (argument ${v.getDotPath(issue)})`}: ${issue.message}` };
    }
    return action(parsed.output);
  };
}

/** The handlers of every file channel, keyed by channel name. */
export function fileIpcHandlers(files: FileActions): Readonly<Record<string, InvokeHandler>> {
  return {
    [OPEN_EXPERIMENT]: guarded(OPEN_EXPERIMENT, NO_ARGS, () => files.openExperiment()),
    [SAVE_EXPERIMENT]: guarded(SAVE_EXPERIMENT, SAVE_ARGS, ([text, name]) => files.saveExperiment(text, name)),
    [SAVE_EXPERIMENT_AS]: guarded(SAVE_EXPERIMENT_AS, SAVE_ARGS, ([text, name]) => files.saveExperimentAs(text, name)),
    [OPEN_DATASET]: guarded(OPEN_DATASET, NO_ARGS, () => files.openDataset()),
    [OPEN_RUN_LOG]: guarded(OPEN_RUN_LOG, NO_ARGS, () => files.openRunLog()),
    [RECENT_FILES]: guarded(RECENT_FILES, NO_ARGS, () => files.recentFiles()),
    [OPEN_RECENT]: guarded(OPEN_RECENT, RECENT_ARGS, ([id]) => files.openRecent(id)),
  };
}
