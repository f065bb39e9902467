/**
 * The desktop file flows behind the preload's file API: Open Dataset, Open / Save / Save As Experiment,
 * recent files. Paths come only from the native dialogs (or the OS, for files opened with the app) and
 * stay in main; the renderer gets names and contents. The dialogs and settings are passed in, so every
 * flow is tested on real files without Electron.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EXPERIMENT_MAX_BYTES, parseExperiment } from '../core/protocol/experiment';
import { parseRunLog } from '../core/protocol/run-log';
import { describeFsError, writeAtomic } from './atomic-write';
import { decodeUtf8, readUserFile } from './file-read';
import { EXPERIMENT_EXTENSION, FILE_RULES, type FileKind, type FileRule, hasAcceptedExtension, RUN_LOG_RULE } from './file-rules';
import { addRecent, pruneMissing, recentId, type RecentFileView, viewRecent } from './recent-files';
import { MAX_PATH_LENGTH } from './settings';
import type { SettingsStore } from './settings-store';

/** The native dialogs, reduced to what the flows need; each resolves to a path, or null when cancelled. */
export interface FileDialogs {
  chooseFile(options: { readonly title: string; readonly filters: FileRule['filters']; readonly defaultPath?: string }): Promise<string | null>;
  chooseSavePath(options: { readonly title: string; readonly filters: FileRule['filters']; readonly defaultPath: string }): Promise<string | null>;
}

/** Results handed to the renderer (structured-clone friendly; never a path). */
export type Canceled = { readonly canceled: true };
export type Failed = { readonly error: string };
export type OpenedExperiment = { readonly name: string; readonly text: string };
export type OpenedDataset = { readonly name: string; readonly bytes: Uint8Array<ArrayBuffer> };
export type SavedExperiment = { readonly name: string };
export type RecentFilesResult = { readonly files: RecentFileView[]; readonly pruned: string[] };

/** File names Save offers: what the renderer suggests, cleaned of anything that is not a plain name. */
export function safeFileName(suggested: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const cleaned = basename(suggested.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 120);
  const name = cleaned === '' ? 'experiment' : cleaned;
  return hasAcceptedExtension(name, FILE_RULES.experiment) ? name : `${name}${EXPERIMENT_EXTENSION}`;
}

/** The file flows of one window. */
export class FileActions {
  /** Where Save writes without asking: the experiment last opened or saved in this window. */
  private currentExperiment: string | null = null;

  private readonly now: () => Date;
  /** Where the last run log was opened from: the next Open Run Log starts there. */
  private lastRunLogFolder: string | null = null;

  constructor(
    private readonly dialogs: FileDialogs,
    private readonly settings: SettingsStore,
    private readonly options: { readonly now?: () => Date; readonly onRemember?: (path: string) => void } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Asks for an experiment file and reads it. */
  async openExperiment(): Promise<OpenedExperiment | Canceled | Failed> {
    const path = await this.dialogs.chooseFile({ title: 'Open Experiment', filters: FILE_RULES.experiment.filters, ...this.nearLast('experiment') });
    return path === null ? { canceled: true } : this.openExperimentAt(path);
  }

  /** Reads and validates the experiment at a path the user or the OS gave (dialog, command line, Finder). */
  async openExperimentAt(path: string): Promise<OpenedExperiment | Failed> {
    const read = await readUserFile(path, FILE_RULES.experiment);
    if (!read.ok) return { error: read.error };
    const text = decodeUtf8(read.bytes);
    if (text === null) return { error: `${read.name} is not UTF-8 text, so it is not an experiment file. Choose the .leaky.json file Leaky Lab saved.` };
    const parsed = parseExperiment(text, read.name);
    if (!parsed.ok) return { error: parsed.message };
    this.currentExperiment = path;
    await this.remember(path, 'experiment');
    return { name: read.name, text };
  }

  /** Saves to the experiment last opened or saved here, or asks where (as Save As) the first time. */
  saveExperiment(text: string, suggestedName: string): Promise<SavedExperiment | Canceled | Failed> {
    if (this.currentExperiment === null) return this.saveExperimentAs(text, suggestedName);
    return this.writeExperiment(this.currentExperiment, text);
  }

  /** Asks where to save, then saves there. */
  async saveExperimentAs(text: string, suggestedName: string): Promise<SavedExperiment | Canceled | Failed> {
    const invalid = this.checkExperimentText(text, safeFileName(suggestedName));
    if (invalid !== null) return invalid;
    const folder = this.currentExperiment === null ? this.nearLast('experiment').defaultPath : dirname(this.currentExperiment);
    const defaultPath = folder === undefined ? safeFileName(suggestedName) : join(folder, safeFileName(suggestedName));
    const chosen = await this.dialogs.chooseSavePath({ title: 'Save Experiment As', filters: FILE_RULES.experiment.filters, defaultPath });
    if (chosen === null) return { canceled: true };
    // Linux dialogs do not add the extension: without it the file would not show up in Open's filter.
    const path = hasAcceptedExtension(basename(chosen), FILE_RULES.experiment) ? chosen : `${chosen}${EXPERIMENT_EXTENSION}`;
    return this.writeExperiment(path, text);
  }

  /** Asks for a dataset file and reads its bytes (parsing is the renderer's and the engine's job). */
  async openDataset(): Promise<OpenedDataset | Canceled | Failed> {
    const path = await this.dialogs.chooseFile({ title: 'Open Dataset', filters: FILE_RULES.dataset.filters, ...this.nearLast('dataset') });
    return path === null ? { canceled: true } : this.openDatasetAt(path);
  }

  /** Asks for a run log and reads it; a file whose header is not a run log's is refused here, with the reason. */
  async openRunLog(): Promise<OpenedExperiment | Canceled | Failed> {
    const path = await this.dialogs.chooseFile({ title: 'Open Run Log', filters: RUN_LOG_RULE.filters, ...(this.lastRunLogFolder === null ? {} : { defaultPath: this.lastRunLogFolder }) });
    if (path === null) return { canceled: true };
    const read = await readUserFile(path, RUN_LOG_RULE);
    if (!read.ok) return { error: read.error };
    const text = decodeUtf8(read.bytes);
    if (text === null) return { error: `${read.name} is not UTF-8 text, so it is not a run log. Choose the .jsonl file leaky_lab_monitor.py wrote.` };
    // Only the header decides here; a malformed record line is the page's to show (it reads up to it).
    const parsed = parseRunLog(text, read.name);
    if (!parsed.ok) return { error: parsed.message };
    this.lastRunLogFolder = dirname(path);
    return { name: read.name, text };
  }

  /** The recent files that still exist; the ones that do not are dropped from the list and named. */
  async recentFiles(): Promise<RecentFilesResult> {
    const { kept, pruned } = await pruneMissing(this.settings.get().recentFiles, isFile);
    if (pruned.length > 0) await this.settings.update((s) => ({ ...s, recentFiles: kept }));
    return { files: viewRecent(kept), pruned: pruned.map((f) => basename(f.path)) };
  }

  /** Opens a recent file by its id (from recentFiles). */
  async openRecent(id: string): Promise<((OpenedExperiment | OpenedDataset) & { readonly kind: FileKind }) | Failed> {
    const entry = this.settings.get().recentFiles.find((f) => recentId(f.path) === id);
    if (entry === undefined) return { error: 'That file is no longer in the recent files list. Open it with File > Open instead.' };
    const opened = entry.kind === 'experiment' ? await this.openExperimentAt(entry.path) : await this.openDatasetAt(entry.path);
    if ('error' in opened) {
      // A recent file that has gone is dropped from the list, so the user is not offered it again.
      await this.recentFiles();
      return opened;
    }
    return { ...opened, kind: entry.kind };
  }

  private async openDatasetAt(path: string): Promise<OpenedDataset | Failed> {
    const read = await readUserFile(path, FILE_RULES.dataset);
    if (!read.ok) return { error: read.error };
    await this.remember(path, 'dataset');
    return { name: read.name, bytes: read.bytes };
  }

  private async writeExperiment(path: string, text: string): Promise<SavedExperiment | Failed> {
    const name = basename(path);
    const invalid = this.checkExperimentText(text, name);
    if (invalid !== null) return invalid;
    try {
      await writeAtomic(path, text);
    } catch (error) {
      return { error: `${name} could not be saved (${describeFsError(error)}). Use Save As to choose another folder.` };
    }
    this.currentExperiment = path;
    await this.remember(path, 'experiment');
    return { name };
  }

  /** Only real experiments are written: a page bug (or worse) cannot put arbitrary bytes on disk. */
  private checkExperimentText(text: string, name: string): Failed | null {
    if (Buffer.byteLength(text, 'utf8') > EXPERIMENT_MAX_BYTES) return { error: `The experiment is too large to save as ${name}.` };
    const parsed = parseExperiment(text, name);
    return parsed.ok ? null : { error: `Not saved: ${parsed.message}` };
  }

  private async remember(path: string, kind: FileKind): Promise<void> {
    if (path.length > MAX_PATH_LENGTH) return; // longer than the settings schema allows: simply not listed
    this.options.onRemember?.(path);
    await this.settings.update((s) => ({ ...s, recentFiles: addRecent(s.recentFiles, path, kind, this.now()) }));
  }

  /** The folder of the newest recent file of this kind, as a dialog's starting point. */
  private nearLast(kind: FileKind): { defaultPath?: string } {
    const last = this.settings.get().recentFiles.find((f) => f.kind === kind);
    return last === undefined ? {} : { defaultPath: dirname(last.path) };
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
