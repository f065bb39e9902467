/**
 * Opens an experiment file handed to the app by the OS (a second instance's command line, macOS's
 * open-file, the first launch's own arguments): bring the window forward, read and validate the file,
 * and only if it is a valid experiment pass it to the page. A bad path gets a message box naming the
 * file and the problem, and the open session is left exactly as it was.
 */
import type { FileActions, OpenedExperiment } from './file-actions';

/** What an open request needs from the app. */
export interface OpenRequestDeps {
  readonly files: Pick<FileActions, 'openExperimentAt'>;
  /** Restores, shows and focuses the main window. */
  focus(): void;
  /** Hands a validated experiment to the page (EXPERIMENT_OPENED), which loads it like one it opened itself. */
  deliver(file: OpenedExperiment): void;
  /** Tells the user why the file was not opened (a native message box). */
  showError(title: string, message: string): void;
}

/** Handles one request to open `path`; resolves true when the experiment was handed to the page. */
export async function handleOpenRequest(path: string, deps: OpenRequestDeps): Promise<boolean> {
  deps.focus();
  const opened = await deps.files.openExperimentAt(path);
  if ('error' in opened) {
    deps.showError('Could not open the experiment', `${opened.error}\n\nThe session you have open was not changed.`);
    return false;
  }
  deps.deliver(opened);
  return true;
}
