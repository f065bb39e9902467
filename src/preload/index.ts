/**
 * The preload bridge (sandboxed, context-isolated). It exposes `window.leakyLab`: the platform and
 * versions, the engine port, and a few named file and menu functions; never raw ipcRenderer. Each file
 * function sends one fixed channel with exactly its own arguments (main checks the sender and the
 * arguments again). The engine's MessagePort arrives from main over IPC and is handed to the page with
 * window.postMessage, the only way to move a port across the context-isolation boundary. Built as one
 * CommonJS file: sandboxed preloads can neither be ES modules nor require anything but 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';

// Same strings as src/main/ipc-channels.ts and src/main/menu-commands.ts (a sandboxed preload must not
// import main); tests/integration/main/ipc-guard.test.ts checks the copies agree.
const REQUEST_ENGINE_PORT = 'leaky-lab:request-engine-port';
const ENGINE_PORT = 'engine-port';
const ENGINE_PORT_WINDOW_MESSAGE = 'leaky-lab:engine-port';
const OPEN_EXPERIMENT = 'leaky-lab:open-experiment';
const SAVE_EXPERIMENT = 'leaky-lab:save-experiment';
const SAVE_EXPERIMENT_AS = 'leaky-lab:save-experiment-as';
const OPEN_DATASET = 'leaky-lab:open-dataset';
const RECENT_FILES = 'leaky-lab:recent-files';
const OPEN_RECENT = 'leaky-lab:open-recent';
const MENU_COMMAND = 'leaky-lab:menu-command';
const EXPERIMENT_OPENED = 'leaky-lab:experiment-opened';
const MENU_COMMANDS: readonly string[] = ['open-experiment', 'open-dataset', 'save-experiment', 'save-experiment-as', 'play-pause', 'step', 'reset'];

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

const menuCommands = mailbox<string>();
const openedExperiments = mailbox<{ name: string; text: string }>();

ipcRenderer.on(MENU_COMMAND, (_event, command: unknown) => {
  if (typeof command === 'string' && MENU_COMMANDS.includes(command)) menuCommands.push(command);
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
  openExperiment: (): Promise<unknown> => ipcRenderer.invoke(OPEN_EXPERIMENT),
  saveExperiment: (text: unknown, suggestedName: unknown): Promise<unknown> => ipcRenderer.invoke(SAVE_EXPERIMENT, text, suggestedName),
  saveExperimentAs: (text: unknown, suggestedName: unknown): Promise<unknown> => ipcRenderer.invoke(SAVE_EXPERIMENT_AS, text, suggestedName),
  openDataset: (): Promise<unknown> => ipcRenderer.invoke(OPEN_DATASET),
  recentFiles: (): Promise<unknown> => ipcRenderer.invoke(RECENT_FILES),
  openRecent: (id: unknown): Promise<unknown> => ipcRenderer.invoke(OPEN_RECENT, id),
  onMenuCommand(cb: (command: string) => void): void {
    menuCommands.listen((command) => cb(command));
  },
  onExperimentOpened(cb: (file: { name: string; text: string }) => void): void {
    openedExperiments.listen((file) => cb(file));
  },
});

contextBridge.exposeInMainWorld('leakyLab', api);
