/**
 * Where a user's dataset file comes from, owned by the app rather than by a component on screen: the
 * desktop's native dialog or the page's file input (the chooser's Open file…, the menu's Open Dataset and
 * its shortcut), the desktop's recent files, and a file dropped on the window. Each hands the file to the
 * one DatasetFileFlow, whose dialog the app always has mounted (components/DatasetFiles.svelte).
 */
import type { Host, RecentDataset } from '../host/host';
import { DatasetFileFlow } from './dataset-file.svelte';
import type { SessionController } from './session.svelte';

/** How many recent files the chooser lists. */
const RECENT_SHOWN = 5;

export class DatasetFiles {
  /** The file being read or previewed, and its dialog's state. */
  readonly flow: DatasetFileFlow;
  /** The desktop's recent dataset files, newest first (empty on the web). */
  recent = $state.raw<readonly RecentDataset[]>([]);
  /** The page's file input (web), mounted with the app. */
  private input: HTMLInputElement | null = null;

  /** `session` gives the controller that owns this (its host, its experiment files). */
  constructor(private readonly session: () => SessionController) {
    this.flow = new DatasetFileFlow(session);
  }

  private get host(): Host | null {
    return this.session().host;
  }

  /** Uses `input` as the page's file input (an attachment: the returned function lets it go). */
  attachInput(input: HTMLInputElement): () => void {
    this.input = input;
    return () => {
      if (this.input === input) this.input = null;
    };
  }

  /** Open file… and Open Dataset: the native dialog on the desktop (its recent list then knows the file), else the page's file input. */
  async choose(): Promise<void> {
    const host = this.host;
    if (host?.pickDataset === undefined) {
      if (this.input !== null) this.input.click();
      else this.flow.refuse('The file chooser is not available yet. Drop a file on the window instead, or try again in a moment.');
      return;
    }
    try {
      const file = await host.pickDataset();
      if (file !== null) await this.flow.openBytes(file.name, file.bytes);
    } catch (e) {
      this.flow.refuse(e instanceof Error ? e.message : String(e));
    }
    await this.refreshRecent();
  }

  /** A file picked with the page's file input. */
  async chosen(file: File): Promise<void> {
    await this.flow.openFile(file);
    await this.refreshRecent();
  }

  /** Opens a recent file again (desktop). */
  async openRecent(item: RecentDataset): Promise<void> {
    const host = this.host;
    if (host?.openRecentDataset === undefined) return;
    try {
      const file = await host.openRecentDataset(item.id);
      await this.flow.openBytes(file.name, file.bytes);
    } catch (e) {
      this.flow.refuse(e instanceof Error ? e.message : String(e), item.name);
    }
    await this.refreshRecent();
  }

  /** Reads the desktop's recent list again. */
  async refreshRecent(): Promise<void> {
    const host = this.host;
    if (host?.recentDatasets === undefined) return;
    try {
      this.recent = (await host.recentDatasets()).slice(0, RECENT_SHOWN);
    } catch {
      this.recent = [];
    }
  }

  /**
   * What was dropped on the window: one file opens (an experiment file as an experiment, as with Open
   * experiment…); text, a folder or several files get a message saying what to drop instead.
   */
  drop(files: readonly File[], firstIsFolder: boolean): void {
    if (files.length === 0) {
      this.flow.refuse('What was dropped is not a file. Drop one CSV, TSV, TXT or JSON file from your computer to load it as a dataset.');
      return;
    }
    if (files.length > 1) {
      const names = files.slice(0, 3).map((f) => `"${f.name}"`).join(', ');
      this.flow.refuse(`${files.length} files were dropped (${names}${files.length > 3 ? ', …' : ''}). Drop one file at a time.`);
      return;
    }
    const file = files[0]!;
    if (firstIsFolder) {
      this.flow.refuse(`"${file.name}" is a folder. Drop one CSV, TSV, TXT or JSON file.`, file.name);
      return;
    }
    if (/\.leaky(\.json)?$/i.test(file.name)) {
      void this.session().files.open(file);
      return;
    }
    void this.flow.openFile(file);
  }
}
