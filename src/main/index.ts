/**
 * Electron main entry. Deliberately thin: it wires Electron's objects to the logic modules beside it
 * (which never import 'electron', so they are tested without it) and holds the app's few singletons.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, ipcMain, MessageChannelMain, type MessagePortMain, protocol, session, type WebContents } from 'electron';
import { serveAppRequest } from './app-protocol';
import { EngineHost } from './engine-host';
import type { RendererPort } from './engine-relay';
import { ENGINE_PORT, REQUEST_ENGINE_PORT } from './ipc-channels';
import { isTrustedSender } from './ipc-guard';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, BLOCKED_URL_PATTERNS, SECURE_WEB_PREFERENCES } from './security-policy';

const here = import.meta.dirname;
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
const workerPath = join(here, 'engine-worker.js');

// Both must happen before the ready event.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

const engine = new EngineHost({
  spawn: () => new Worker(workerPath, { name: 'leaky-lab-engine' }),
  log: (line) => console.error(`[leaky-lab] ${line}`),
});

app.on('web-contents-created', (_event, contents) => harden(contents));

/** Applies the navigation, window and webview rules to every web contents the app ever creates. */
function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // The app is a single page: any navigation (links, drops, redirects, frames) is refused.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Wraps Electron's MessagePortMain in the relay's port interface. */
function wrapPort(port: MessagePortMain): RendererPort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (event) => listener(event.data));
      port.start();
    },
    onClose: (listener) => port.on('close', listener),
    close: () => port.close(),
  };
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Leaky Lab',
    show: false,
    backgroundColor: '#111318',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
}

void app.whenReady().then(() => {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: [...BLOCKED_URL_PATTERNS] }, (_details, callback) => callback({ cancel: true }));
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));

  ipcMain.on(REQUEST_ENGINE_PORT, (event) => {
    if (!isTrustedSender(event.senderFrame)) {
      console.error(`[leaky-lab] Ignored ${REQUEST_ENGINE_PORT} from an untrusted sender: ${event.senderFrame?.url ?? '(no frame)'}`);
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    engine.connect(wrapPort(port1));
    event.sender.postMessage(ENGINE_PORT, null, [port2]);
  });

  engine.start();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void engine.dispose();
});
