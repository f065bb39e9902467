/**
 * The preload bridge (sandboxed, context-isolated). It exposes `window.leakyLab`: the platform and
 * versions, the engine port, and a few named file and menu functions; never raw ipcRenderer. Each file
 * function sends one fixed channel with exactly its own arguments (main checks the sender and the
 * arguments again). The engine's MessagePort arrives from main over IPC and is handed to the page with
 * window.postMessage, the only way to move a port across the context-isolation boundary. Built as one
 * CommonJS file: sandboxed preloads can neither be ES modules nor require anything but 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { type BridgeResult, CHANNELS, isMenuCommand, type LeakyLabBridge, type MenuCommand } from '../core/protocol/bridge';

// The shared contract (src/core/protocol/bridge.ts, host-free and bundled in): main and the renderer
// import the same names, so a renamed channel or command fails to compile everywhere.
const {
  requestEnginePort: REQUEST_ENGINE_PORT,
  enginePort: ENGINE_PORT,
  enginePortWindowMessage: ENGINE_PORT_WINDOW_MESSAGE,
  openExperiment: OPEN_EXPERIMENT,
  saveExperiment: SAVE_EXPERIMENT,
  saveExperimentAs: SAVE_EXPERIMENT_AS,
  openDataset: OPEN_DATASET,
  openRunLog: OPEN_RUN_LOG,
  recentFiles: RECENT_FILES,
  openRecent: OPEN_RECENT,
  menuCommand: MENU_COMMAND,
  experimentOpened: EXPERIMENT_OPENED,
} = CHANNELS;

/** The page's view of the isolated world's window: only what this file uses (no DOM lib in this project). */
declare const window: {
  postMessage(message: unknown, targetOrigin: string, transfer: readonly unknown[]): void;
  readonly location: { readonly origin: string };
};

ipcRenderer.on(ENGINE_PORT, (event) => {
  // Only to this page's own origin (app://leaky-lab), never '*'.
  window.postMessage({ type: ENGINE_PORT_WINDOW_MESSAGE }, window.location.origin, event.ports);
});

/**
 * A one-listener mailbox for main's pushes: what arrives before the page registers its listener (a file
 * opened with the app arrives right after load) is kept and delivered on registration.
 */
function mailbox<T>(): { push(value: T): void; listen(cb: (value: T) => void): void } {
  const early: T[] = [];
  let listener: ((value: T) => void) | null = null;
  return {
    push: (value) => (listener === null ? early.push(value) : listener(value)),
    listen: (cb) => {
      listener = cb;
      for (const value of early.splice(0)) cb(value);
    },
  };
}

const menuCommands = mailbox<MenuCommand>();
const openedExperiments = mailbox<{ name: string; text: string }>();

ipcRenderer.on(MENU_COMMAND, (_event, command: unknown) => {
  if (isMenuCommand(command)) menuCommands.push(command);
});
ipcRenderer.on(EXPERIMENT_OPENED, (_event, file: unknown) => {
  const f = file as { name?: unknown; text?: unknown } | null;
  if (typeof f?.name === 'string' && typeof f.text === 'string') openedExperiments.push({ name: f.name, text: f.text });
});

const api = Object.freeze({
  platform: process.platform,
  versions: Object.freeze({
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
  }),
  requestEnginePort(): void {
    ipcRenderer.send(REQUEST_ENGINE_PORT);
  },
  // Main validates every argument again and answers in the contract's shapes (src/main/ipc-api.ts).
  openExperiment: (): Promise<BridgeResult<{ readonly name: string; readonly text: string }>> => ipcRenderer.invoke(OPEN_EXPERIMENT),
  saveExperiment: (text: string, suggestedName: string): Promise<BridgeResult<{ readonly name: string }>> => ipcRenderer.invoke(SAVE_EXPERIMENT, text, suggestedName),
  saveExperimentAs: (text: string, suggestedName: string): Promise<BridgeResult<{ readonly name: string }>> => ipcRenderer.invoke(SAVE_EXPERIMENT_AS, text, suggestedName),
  openDataset: (): ReturnType<LeakyLabBridge['openDataset']> => ipcRenderer.invoke(OPEN_DATASET),
  openRunLog: (): ReturnType<LeakyLabBridge['openRunLog']> => ipcRenderer.invoke(OPEN_RUN_LOG),
  recentFiles: (): ReturnType<LeakyLabBridge['recentFiles']> => ipcRenderer.invoke(RECENT_FILES),
  openRecent: (id: string): ReturnType<LeakyLabBridge['openRecent']> => ipcRenderer.invoke(OPEN_RECENT, id),
  onMenuCommand(cb: (command: MenuCommand) => void): void {
    menuCommands.listen((command) => cb(command));
  },
  onExperimentOpened(cb: (file: { name: string; text: string }) => void): void {
    openedExperiments.listen((file) => cb(file));
  },
} satisfies LeakyLabBridge);

contextBridge.exposeInMainWorld('leakyLab', api);
