/**
 * Electron main entry. Deliberately thin: it wires Electron's objects to the logic modules beside it
 * (which never import 'electron', so they are tested without it) and holds the app's few singletons.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, type MessagePortMain, protocol, screen, session, type WebContents } from 'electron';
import * as v from 'valibot';
import { aboutDialog } from './about';
import { serveAppRequest } from './app-protocol';
import { autosaveFile, autosavePaths, clearCleanExit, markCleanExit, readRecoveryInput } from './autosave-files';
import { FileActions, type OpenedExperiment } from './file-actions';
import { EngineHost } from './engine-host';
import type { RendererPort } from './engine-relay';
import { fileIpcHandlers } from './ipc-api';
import { ENGINE_PORT, EXPERIMENT_OPENED, MENU_COMMAND, REQUEST_ENGINE_PORT } from './ipc-channels';
import { isTrustedSender } from './ipc-guard';
import { type MenuCommand, MenuCommandSchema } from './menu-commands';
import { buildMenuTemplate } from './menu-template';
import { nativeFileDialogs } from './native-dialogs';
import { notice } from './notices';
import { fileFromArgv } from './open-args';
import { handleOpenRequest } from './open-request';
import { decideRecovery, recoveryPrompt } from './recovery';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, BLOCKED_URL_PATTERNS } from './security-policy';
import { SettingsStore } from './settings-store';
import { initialPlacement, WINDOW_SIZE, windowStateOf } from './window-state';

const APP_NAME = 'Leaky Lab';
const here = import.meta.dirname;
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
const workerPath = join(here, 'engine-worker.js');
const log = (line: string): void => console.error(`[leaky-lab] ${line}`);

// A second launch hands its command line to the first ('second-instance' below) and quits.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

// Both must happen before the ready event.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

const paths = autosavePaths(app.getPath('userData'));
const engine = new EngineHost({
  spawn: () => new Worker(workerPath, { name: 'leaky-lab-engine' }),
  log,
  autosave: { sink: autosaveFile(paths) },
});

// The app's singletons: the window, its file flows, files the OS asked to open before the page was ready.
let win: BrowserWindow | null = null;
let settings: SettingsStore | null = null;
let files: FileActions | null = null;
let pageReady = false;
let quitting = false;
const openQueue: string[] = [];

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

function focusWindow(): void {
  if (win === null) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Opens a file the OS handed over, once the page can take it; a bad one gets a message box. */
function requestOpen(path: string): void {
  // macOS keeps running without a window: a file opened from Finder then brings one back.
  if (win === null && settings !== null) createWindow(settings);
  if (win === null || files === null || !pageReady) {
    openQueue.push(path);
    return;
  }
  const target = win;
  void handleOpenRequest(path, {
    files,
    focus: focusWindow,
    deliver: (file: OpenedExperiment) => target.webContents.send(EXPERIMENT_OPENED, { name: file.name, text: file.text }),
    showError: (title, message) => void dialog.showMessageBox(target, { type: 'error', title, message: title, detail: message, buttons: ['OK'] }),
  });
}

function sendMenuCommand(command: MenuCommand): void {
  win?.webContents.send(MENU_COMMAND, v.parse(MenuCommandSchema, command));
}

function showAbout(): void {
  const options = { ...aboutDialog({ appName: APP_NAME, appVersion: app.getVersion(), versions: process.versions, platform: process.platform, arch: process.arch }), type: 'info' as const };
  void (win === null ? dialog.showMessageBox(options) : dialog.showMessageBox(win, options));
}

function createWindow(store: SettingsStore): void {
  const placement = initialPlacement(store.get().window, screen.getAllDisplays().map((d) => d.workArea));
  // webPreferences are spelled out (not spread from SECURE_WEB_PREFERENCES) so that Electronegativity
  // can read them; security-policy.test.ts checks that they equal SECURE_WEB_PREFERENCES exactly.
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    title: APP_NAME,
    show: false,
    backgroundColor: '#111318',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK: reviewed, it exposes only the named functions of docs/security.md item 20
    },
  });
  win = window;
  pageReady = false;
  if (placement.maximized) window.maximize();
  if (placement.fullScreen) window.setFullScreen(true);
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-finish-load', () => {
    pageReady = true;
    for (const path of openQueue.splice(0)) requestOpen(path);
  });
  window.on('close', () => {
    void store.update((s) => ({ ...s, window: windowStateOf(window.getNormalBounds(), window.isMaximized(), window.isFullScreen()) }));
  });
  window.on('closed', () => {
    if (win === window) win = null;
  });
  void window.loadURL(APP_ENTRY_URL);
}

// macOS delivers files opened from Finder (or dropped on the Dock icon) here, possibly before ready.
app.on('open-file', (event, path) => {
  event.preventDefault();
  requestOpen(path);
});

app.on('second-instance', (_event, argv, workingDirectory) => {
  focusWindow();
  const path = fileFromArgv(argv, { cwd: workingDirectory, platform: process.platform, defaultApp: process.defaultApp === true });
  if (path !== null) requestOpen(path);
});

void app.whenReady().then(async () => {
  if (!primary) return;
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: [...BLOCKED_URL_PATTERNS] }, (_details, callback) => callback({ cancel: true }));
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));

  const { store, notice: settingsNotice } = await SettingsStore.open(join(app.getPath('userData'), 'settings.json'), { log });
  if (settingsNotice !== null) {
    log(settingsNotice);
    engine.notify(notice('warning', settingsNotice));
  }
  settings = store;
  const fileActions = new FileActions(nativeFileDialogs(dialog, () => win), store, { onRemember: (path) => app.addRecentDocument(path) });
  files = fileActions;
  // Every file channel checks isTrustedSender(event.senderFrame) and its arguments inside the handler.
  for (const [channel, handler] of Object.entries(fileIpcHandlers(fileActions))) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => handler(event.senderFrame, args));
  }
  ipcMain.on(REQUEST_ENGINE_PORT, (event) => {
    if (!isTrustedSender(event.senderFrame)) {
      log(`Ignored ${REQUEST_ENGINE_PORT} from an untrusted sender: ${event.senderFrame?.url ?? '(no frame)'}`);
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    engine.connect(wrapPort(port1));
    event.sender.postMessage(ENGINE_PORT, null, [port2]);
  });
  const template = buildMenuTemplate({ platform: process.platform, appName: APP_NAME, isPackaged: app.isPackaged }, { command: sendMenuCommand, about: showAbout });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));

  // The last run did not quit cleanly: offer its autosave before this run overwrites it.
  const recovery = decideRecovery(await readRecoveryInput(paths));
  await clearCleanExit(paths);
  engine.start();
  if (recovery.offer) {
    const prompt = recoveryPrompt(recovery);
    const answer = await dialog.showMessageBox({ type: 'question', title: APP_NAME, message: prompt.message, detail: prompt.detail, buttons: prompt.buttons, defaultId: 0, cancelId: 1 });
    if (answer.response === 0) engine.load(recovery.experiment);
  }
  createWindow(store);
  const launchFile = fileFromArgv(process.argv, { cwd: process.cwd(), platform: process.platform, defaultApp: process.defaultApp === true });
  if (launchFile !== null) requestOpen(launchFile);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(store);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// A clean quit: one last autosave, then the clean-exit marker, so the next launch offers no restore.
app.on('will-quit', (event) => {
  if (quitting || !primary) return;
  quitting = true;
  event.preventDefault();
  void Promise.all([engine.shutdown(), settings?.saved()])
    .then(() => markCleanExit(paths, new Date()))
    .catch((error: unknown) => log(`Could not finish the clean exit: ${String(error)}`))
    .finally(() => app.quit());
});
