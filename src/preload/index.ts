/**
 * The preload bridge (sandboxed, context-isolated). It exposes exactly
 * `window.leakyLab = { platform, versions, requestEnginePort }` and never raw ipcRenderer. The engine's
 * MessagePort arrives from main over IPC and is handed to the page with window.postMessage, the only way
 * to move a port across the context-isolation boundary. Built as one CommonJS file: sandboxed preloads
 * can neither be ES modules nor require anything but 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';

// Same strings as src/main/ipc-channels.ts (a sandboxed preload must not import other files);
// tests/integration/main/ipc-guard.test.ts checks the copies agree.
const REQUEST_ENGINE_PORT = 'leaky-lab:request-engine-port';
const ENGINE_PORT = 'engine-port';
const ENGINE_PORT_WINDOW_MESSAGE = 'leaky-lab:engine-port';

/** The page's view of the isolated world's window: only what this file uses (no DOM lib in this project). */
declare const window: {
  postMessage(message: unknown, targetOrigin: string, transfer: readonly unknown[]): void;
  readonly location: { readonly origin: string };
};

ipcRenderer.on(ENGINE_PORT, (event) => {
  // Only to this page's own origin (app://leaky-lab), never '*'.
  window.postMessage({ type: ENGINE_PORT_WINDOW_MESSAGE }, window.location.origin, event.ports);
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
});

contextBridge.exposeInMainWorld('leakyLab', api);
