/** What a desktop file function answers: the file, a cancel, or a message naming the file and the problem. */
type BridgeResult<T> = T | { readonly canceled: true } | { readonly error: string };

/** The narrow API the desktop preload exposes on window (absent in the web build). */
interface LeakyLabBridge {
  readonly platform: string;
  readonly versions: Record<string, string>;
  /** Asks the main process for an engine MessagePort; it arrives as a window 'message' event. */
  requestEnginePort(): void;
  /** Native open dialog for an experiment file; main checks size and type before reading. */
  openExperiment(): Promise<BridgeResult<{ readonly name: string; readonly text: string }>>;
  /** Saves to the file last opened or saved in this window, else asks where. */
  saveExperiment(text: string, suggestedName: string): Promise<BridgeResult<{ readonly name: string }>>;
  /** Always asks where to save. */
  saveExperimentAs(text: string, suggestedName: string): Promise<BridgeResult<{ readonly name: string }>>;
  /** Native open dialog for a dataset file; main checks size and type before reading, the page parses it. */
  openDataset(): Promise<BridgeResult<{ readonly name: string; readonly bytes: Uint8Array<ArrayBuffer> }>>;
  /** The recent files (experiments and datasets) that still exist, by opaque id, and the names of those that have gone. */
  recentFiles(): Promise<{ readonly files: readonly { readonly id: string; readonly name: string; readonly kind: 'experiment' | 'dataset' }[]; readonly pruned: readonly string[] }>;
  /** Opens a recent file by its id. */
  openRecent(id: string): Promise<
    | ({ readonly kind: 'experiment'; readonly name: string; readonly text: string })
    | ({ readonly kind: 'dataset'; readonly name: string; readonly bytes: Uint8Array<ArrayBuffer> })
    | { readonly error: string }
  >;
  /** Menu commands (File, Run) chosen in the native menus. */
  onMenuCommand(cb: (command: string) => void): void;
  /** Experiment files opened from the system (file association, second instance). */
  onExperimentOpened(cb: (file: { name: string; text: string }) => void): void;
}

interface Window {
  /** Present only inside the desktop app (set by the preload via contextBridge). */
  readonly leakyLab?: LeakyLabBridge;
}
