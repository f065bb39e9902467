/**
 * The desktop bridge's contract, in one host-free module that main, the preload and the renderer all
 * import: the IPC channel names, the menu commands, and the API the preload exposes to the page. A
 * renamed channel or command fails to compile everywhere instead of failing at run time.
 */

/** IPC channels and page messages between main, the preload and the page. */
export const CHANNELS = {
  /** Renderer -> main: "give me a MessagePort to the engine". */
  requestEnginePort: 'leaky-lab:request-engine-port',
  /** Main -> preload: carries the engine MessagePort in `event.ports`. */
  enginePort: 'engine-port',
  /** Preload -> page: the page message type that carries the engine MessagePort in `event.ports`. */
  enginePortWindowMessage: 'leaky-lab:engine-port',
  /** Renderer -> main (invoke): choose and read an experiment file; answers { name, text } | { canceled } | { error }. */
  openExperiment: 'leaky-lab:open-experiment',
  /** Renderer -> main (invoke): save experiment text to the current file, or ask where (first time). */
  saveExperiment: 'leaky-lab:save-experiment',
  /** Renderer -> main (invoke): ask where, then save experiment text there. */
  saveExperimentAs: 'leaky-lab:save-experiment-as',
  /** Renderer -> main (invoke): choose and read a dataset file; answers { name, bytes } | { canceled } | { error }. */
  openDataset: 'leaky-lab:open-dataset',
  /** Renderer -> main (invoke): choose and read a run log (leaky_lab_monitor.py's JSON Lines); answers { name, text } | { canceled } | { error }. */
  openRunLog: 'leaky-lab:open-run-log',
  /** Renderer -> main (invoke): the recent files (names and opaque ids), pruning those that are gone. */
  recentFiles: 'leaky-lab:recent-files',
  /** Renderer -> main (invoke): open a recent file by its id. */
  openRecent: 'leaky-lab:open-recent',
  /** Main -> renderer: a menu item was chosen (one of MENU_COMMANDS). */
  menuCommand: 'leaky-lab:menu-command',
  /** Main -> renderer: an experiment file was opened with the app (command line, second instance, Finder): { name, text }. */
  experimentOpened: 'leaky-lab:experiment-opened',
} as const;

/** Every menu command main sends to the renderer, in menu order. */
export const MENU_COMMANDS = ['open-experiment', 'open-dataset', 'open-run-log', 'open-weights', 'save-experiment', 'save-experiment-as', 'export-torch', 'play-pause', 'step', 'reset'] as const;

/** One menu command. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** True when a value from IPC is a known menu command. */
export function isMenuCommand(x: unknown): x is MenuCommand {
  return typeof x === 'string' && (MENU_COMMANDS as readonly string[]).includes(x);
}

/** What a desktop file function answers: the file, a cancel, or a message naming the file and the problem. */
export type BridgeResult<T> = T | { readonly canceled: true } | { readonly error: string };

/** A file from the recent list, by opaque id. */
export interface RecentFile {
  readonly id: string;
  readonly name: string;
  readonly kind: 'experiment' | 'dataset';
}

/** The narrow API the desktop preload exposes to the page as `leakyLab` (absent in the web build). */
export interface LeakyLabBridge {
  readonly platform: string;
  readonly versions: Readonly<Record<string, string | undefined>>;
  /** Asks the main process for an engine MessagePort; it arrives as a 'message' event on the page. */
  requestEnginePort(): void;
  /** Native open dialog for an experiment file; main checks size and type before reading. */
  openExperiment(): Promise<BridgeResult<{ readonly name: string; readonly text: string }>>;
  /** Saves to the file last opened or saved by this page, else asks where. */
  saveExperiment(text: string, suggestedName: string): Promise<BridgeResult<{ readonly name: string }>>;
  /** Always asks where to save. */
  saveExperimentAs(text: string, suggestedName: string): Promise<BridgeResult<{ readonly name: string }>>;
  /** Native open dialog for a dataset file; main checks size and type before reading, the page parses it. */
  openDataset(): Promise<BridgeResult<{ readonly name: string; readonly bytes: Uint8Array<ArrayBuffer> }>>;
  /** Native open dialog for a run log of a PyTorch training (leaky_lab_monitor.py); main checks size, type and its header before reading it all. */
  openRunLog(): Promise<BridgeResult<{ readonly name: string; readonly text: string }>>;
  /** The recent files (experiments and datasets) that still exist, by opaque id, and the names of those that have gone. */
  recentFiles(): Promise<{ readonly files: readonly RecentFile[]; readonly pruned: readonly string[] }>;
  /** Opens a recent file by its id. */
  openRecent(id: string): Promise<{ readonly kind: 'experiment'; readonly name: string; readonly text: string } | { readonly kind: 'dataset'; readonly name: string; readonly bytes: Uint8Array<ArrayBuffer> } | { readonly error: string }>;
  /** Menu commands (File, Run) chosen in the native menus. */
  onMenuCommand(cb: (command: MenuCommand) => void): void;
  /** Experiment files opened from the system (file association, second instance). */
  onExperimentOpened(cb: (file: { name: string; text: string }) => void): void;
}
